/// ROC curve points with scikit-learn's `roc_curve` conventions (`Fixtures/metrics/SPEC.md` §3.2).
///
/// - The arrays run in decreasing-threshold order and start with the point (0, 0) whose
///   threshold is +∞ (sklearn ≥ 1.3).
/// - FPR_k = FP_k/N, TPR_k = TP_k/P at each distinct threshold.
/// - `dropIntermediate` (sklearn's default `true`) drops the inner point k when **both** second
///   differences of (FP, TP) are zero there, i.e. the step into k equals the step out of it.
///   Collinear points with unequal steps are kept (e.g. fps = [1,3,7], tps = [1,2,4]). Dropping
///   never changes the AUROC and never removes the first maximiser of TPR − FPR. Applied only
///   when there are more than two thresholds, as in sklearn.
public struct ROCCurve: Sendable, Equatable {
    /// FPR values, starting at 0.
    public var falsePositiveRate: [Double]
    /// TPR values, starting at 0.
    public var truePositiveRate: [Double]
    /// Thresholds, decreasing, starting at +∞.
    public var thresholds: [Double]

    /// The number of points (including the origin).
    public var count: Int { thresholds.count }
}

extension BinaryCurve {
    /// The threshold indices sklearn's `drop_intermediate` keeps (all of them when `false`).
    internal func rocIndices(dropIntermediate: Bool) -> [Int] {
        let k = thresholdCount
        guard dropIntermediate && k > 2 else { return Array(0..<k) }
        var kept = [0]
        for i in 1..<(k - 1) {
            let tp0 = truePositives(at: i - 1), tp1 = truePositives(at: i), tp2 = truePositives(at: i + 1)
            let fp0 = falsePositives(at: i - 1), fp1 = falsePositives(at: i), fp2 = falsePositives(at: i + 1)
            if fp2 - 2 * fp1 + fp0 != 0 || tp2 - 2 * tp1 + tp0 != 0 { kept.append(i) }
        }
        kept.append(k - 1)
        return kept
    }

    /// The ROC curve at the given threshold indices (increasing), with the origin in front.
    internal func rocCurve(indices: [Int]) -> ROCCurve {
        let p = Double(positives), n = Double(negatives)
        var curve = ROCCurve(falsePositiveRate: [0], truePositiveRate: [0], thresholds: [.infinity])
        curve.falsePositiveRate.reserveCapacity(indices.count + 1)
        curve.truePositiveRate.reserveCapacity(indices.count + 1)
        curve.thresholds.reserveCapacity(indices.count + 1)
        for k in indices {
            curve.falsePositiveRate.append(Double(falsePositives(at: k)) / n)
            curve.truePositiveRate.append(Double(truePositives(at: k)) / p)
            curve.thresholds.append(thresholds[k])
        }
        return curve
    }

    /// The full ROC curve (K + 1 points without dropping), sklearn's `roc_curve`.
    public func rocCurve(dropIntermediate: Bool = true) -> ROCCurve {
        rocCurve(indices: rocIndices(dropIntermediate: dropIntermediate))
    }
}
