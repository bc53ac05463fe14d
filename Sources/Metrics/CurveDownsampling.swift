/// Downsampled ROC and PR curves for plotting (the HTML report), with the same layouts as
/// ``BinaryCurve/rocCurve(dropIntermediate:)`` and ``BinaryCurve/precisionRecallCurve(dropIntermediate:)``.
///
/// Selection: walking the thresholds from the highest, a threshold is kept when the L1 distance
/// TPR + FPR has grown by at least 2/(maxPoints − 8) since the last kept one. TPR + FPR rises
/// monotonically from 0 to 2, so at most maxPoints − 8 thresholds are kept that way; the first
/// and last thresholds and the Youden and best-F1 thresholds are always added, plus the origin
/// (ROC) or the (0, 1) anchor (PR). Hence at most `maxPoints` points, and the curve's ends and
/// its marked optima are exact points of the full curve. When the full curve is already small
/// enough it is returned unchanged (after sklearn's `drop_intermediate` for the ROC curve).
extension BinaryCurve {
    /// Threshold indices for a plot of at most `maxPoints` points (at least 16 are allowed).
    public func plotIndices(maxPoints: Int = 2000) -> [Int] {
        let budget = max(maxPoints, 16)
        let k = thresholdCount
        if k + 1 <= budget { return Array(0..<k) }
        let step = 2.0 / Double(budget - 8)
        let p = Double(positives), n = Double(negatives)
        var kept: [Int] = [0]
        var last = Double(truePositives(at: 0)) / p + Double(falsePositives(at: 0)) / n
        for i in 1..<k {
            let u = Double(truePositives(at: i)) / p + Double(falsePositives(at: i)) / n
            if u - last >= step {
                kept.append(i)
                last = u
            }
        }
        var set = Set(kept)
        for e in [k - 1, youdenIndex(), bestF1Index()] where !set.contains(e) {
            set.insert(e)
            kept.append(e)
        }
        kept.sort()
        return kept
    }

    /// A ROC curve of at most `maxPoints` points for plotting.
    public func rocCurve(maxPoints: Int) -> ROCCurve {
        let full = rocIndices(dropIntermediate: true)
        if full.count + 1 <= max(maxPoints, 16) { return rocCurve(indices: full) }
        return rocCurve(indices: plotIndices(maxPoints: maxPoints))
    }

    /// A precision–recall curve of at most `maxPoints` points for plotting.
    public func precisionRecallCurve(maxPoints: Int) -> PrecisionRecallCurve {
        precisionRecallCurve(indices: plotIndices(maxPoints: maxPoints))
    }
}
