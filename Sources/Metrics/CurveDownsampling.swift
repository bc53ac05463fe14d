/// Downsampled ROC and PR curves for plotting (the HTML report), with the same layouts as
/// ``BinaryCurve/rocCurve(dropIntermediate:)`` and ``BinaryCurve/precisionRecallCurve(dropIntermediate:)``.
///
/// Selection: walking the thresholds from the highest, a threshold is kept when the L1 distance
/// TPR + FPR has grown by at least 2/(maxPoints − 8) since the last kept one (compared exactly,
/// as the integer TP·N + FP·P against multiples of ⌈2PN/(maxPoints − 8)⌉). TPR + FPR rises
/// monotonically from 0 to 2, so at most maxPoints − 8 thresholds are kept that way; the first
/// and last thresholds and the Youden and best-F1 thresholds are always added, plus the origin
/// (ROC) or the (0, 1) anchor (PR). Hence at most `maxPoints` points (`maxPoints` is raised to
/// 16 if smaller), and the curve's ends and its marked optima are exact points of the full
/// curve. A curve that already fits is returned whole (the ROC curve after sklearn's
/// `drop_intermediate`).
extension BinaryCurve {
    /// Threshold indices (increasing) for a plot of at most `maxPoints` points. `marked` are
    /// indices to keep besides the ends; by default the Youden and best-F1 thresholds.
    public func plotIndices(maxPoints: Int = 2000, marked: [Int]? = nil) -> [Int] {
        let budget = max(maxPoints, 16)
        let k = thresholdCount
        if k + 1 <= budget { return Array(0..<k) }
        let p = UInt64(positives), n = UInt64(negatives)
        let span = 2 * p * n  // (TPR + FPR)·PN runs from 0 to 2PN
        let slots = UInt64(budget - 8)
        let step = (span + slots - 1) / slots
        var kept: [Int] = [0]
        kept.reserveCapacity(budget)
        packedCounts.withUnsafeBufferPointer { counts in
            var last = (counts[0] >> 32) &* n &+ (counts[0] & 0xFFFF_FFFF) &* p
            for i in 1..<k {
                let c = counts[i]
                let u = (c >> 32) &* n &+ (c & 0xFFFF_FFFF) &* p
                if u &- last >= step {
                    kept.append(i)
                    last = u
                }
            }
        }
        var set = Set(kept)
        for e in [k - 1] + (marked ?? [youdenIndex(), bestF1Index()]) where e >= 0 && e < k && !set.contains(e) {
            set.insert(e)
            kept.append(e)
        }
        kept.sort()
        return kept
    }

    /// A ROC curve of at most `maxPoints` points for plotting.
    public func rocCurve(maxPoints: Int) -> ROCCurve {
        if thresholdCount + 1 <= max(maxPoints, 16) { return rocCurve(dropIntermediate: true) }
        return rocCurve(indices: plotIndices(maxPoints: maxPoints))
    }

    /// A precision–recall curve of at most `maxPoints` points for plotting.
    public func precisionRecallCurve(maxPoints: Int) -> PrecisionRecallCurve {
        precisionRecallCurve(indices: plotIndices(maxPoints: maxPoints))
    }

    /// Both plot curves from one selection of thresholds (one pass instead of two), keeping
    /// the `marked` threshold indices (default: Youden and best F1).
    public func plotCurves(maxPoints: Int = 2000, marked: [Int]? = nil) -> (roc: ROCCurve, precisionRecall: PrecisionRecallCurve) {
        if thresholdCount + 1 <= max(maxPoints, 16) {
            return (rocCurve(dropIntermediate: true), precisionRecallCurve())
        }
        let indices = plotIndices(maxPoints: maxPoints, marked: marked)
        return (rocCurve(indices: indices), precisionRecallCurve(indices: indices))
    }
}
