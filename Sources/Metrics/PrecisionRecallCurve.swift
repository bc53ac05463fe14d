/// Precision–recall points with scikit-learn's `precision_recall_curve` conventions, and the
/// trapezoidal PR-AUC of `sklearn.metrics.auc(recall, precision)` (`Fixtures/metrics/SPEC.md` §3.4).
///
/// - The arrays run in **increasing** threshold order.
/// - Precision_k = TP_k/(TP_k + FP_k), Recall_k = TP_k/P.
/// - The point (recall 0, precision 1) is appended at the end with no threshold, so
///   `thresholds.count == precision.count − 1`.
/// - `dropIntermediate` (sklearn ≥ 1.3, default `false`) keeps only the first and last point of
///   each run of equal TP; it changes neither AP nor the trapezoidal area.
public struct PrecisionRecallCurve: Sendable, Equatable {
    /// Precision values, increasing-threshold order, ending with 1.
    public var precision: [Double]
    /// Recall values, increasing-threshold order (so decreasing), ending with 0.
    public var recall: [Double]
    /// Thresholds, increasing; one fewer than the points.
    public var thresholds: [Double]

    /// The number of points (including the final (0, 1) anchor).
    public var count: Int { precision.count }
}

extension BinaryCurve {
    /// The threshold indices sklearn's PR `drop_intermediate` keeps (all when `false`).
    internal func precisionRecallIndices(dropIntermediate: Bool) -> [Int] {
        let k = thresholdCount
        guard dropIntermediate && k > 2 else { return Array(0..<k) }
        var kept = [0]
        for i in 1..<(k - 1) {
            let tp = truePositives(at: i)
            if tp != truePositives(at: i - 1) || truePositives(at: i + 1) != tp { kept.append(i) }
        }
        kept.append(k - 1)
        return kept
    }

    /// The PR curve at the given threshold indices (increasing index = decreasing threshold).
    internal func precisionRecallCurve(indices: [Int]) -> PrecisionRecallCurve {
        let p = Double(positives)
        var curve = PrecisionRecallCurve(precision: [], recall: [], thresholds: [])
        curve.precision.reserveCapacity(indices.count + 1)
        curve.recall.reserveCapacity(indices.count + 1)
        curve.thresholds.reserveCapacity(indices.count)
        for k in indices.reversed() {
            let tp = truePositives(at: k)
            curve.precision.append(Double(tp) / Double(flagged(at: k)))
            curve.recall.append(Double(tp) / p)
            curve.thresholds.append(thresholds[k])
        }
        curve.precision.append(1)
        curve.recall.append(0)
        return curve
    }

    /// The full precision–recall curve, sklearn's `precision_recall_curve`.
    public func precisionRecallCurve(dropIntermediate: Bool = false) -> PrecisionRecallCurve {
        precisionRecallCurve(indices: precisionRecallIndices(dropIntermediate: dropIntermediate))
    }

    /// PR-AUC by the trapezoid rule through the anchor (R₀, Prec₀) = (0, 1):
    ///
    ///     PR-AUC = Σ_{k=1..K} (R_k − R_{k−1}) · (Prec_k + Prec_{k−1}) / 2
    ///
    /// Linear interpolation in PR space is optimistic (Davis & Goadrich 2006), and the anchor
    /// adds area even when the top-ranked instance is normal: all-tied scores give (1 + P/n)/2.
    /// Report ``averagePrecision`` as the headline figure and this only to compare with papers.
    /// Each recall step is ΔTP_k/P (one division) and the terms are summed with `fsum`.
    public var prAUCTrapezoid: Double {
        let p = Double(positives)
        var sum = CorrectlyRoundedSum()
        var previousTP: UInt64 = 0
        var previousPrecision = 1.0
        packedCounts.withUnsafeBufferPointer { counts in
            for c in counts {
                let tp = c >> 32, fp = c & 0xFFFF_FFFF
                let precision = Double(tp) / Double(tp &+ fp)
                let gain = tp &- previousTP
                if gain != 0 {
                    sum.add(Double(gain) / p * (precision + previousPrecision) / 2)
                }
                previousTP = tp
                previousPrecision = precision
            }
        }
        return sum.value
    }
}
