/// The threshold searches behind the cut-offs (`Fixtures/metrics/SPEC.md` §3.5). All run over the distinct observed
/// scores only (+∞, "flag nothing", is never a candidate), compare exactly in integers, and
/// break ties towards the **highest** threshold (fewest instances flagged), by scanning from
/// the highest threshold and replacing the best only on a strict improvement.
extension BinaryCurve {
    /// Youden: the index maximising J_k = TP_k/P − FP_k/N, compared through the exact integer
    /// key TP_k·N − FP_k·P (|key| ≤ P·N < 2⁶³). The lowest threshold has J = 0, so max J ≥ 0.
    /// Float evaluation would break exact ties: in `youden_float_tie`, J = 1/3 at t = 6, 4 and 2
    /// but 1 − 2/3 rounds up, and argmax(tpr − fpr) picks 2 where the spec picks 6.
    public func youdenIndex() -> Int {
        let p = Int64(positives), n = Int64(negatives)
        var best = 0
        var bestKey = Int64.min
        packedCounts.withUnsafeBufferPointer { counts in
            for k in 0..<counts.count {
                let c = counts[k]
                let key = Int64(c >> 32) &* n &- Int64(c & 0xFFFF_FFFF) &* p
                if key > bestKey {
                    bestKey = key
                    best = k
                }
            }
        }
        return best
    }

    /// Best F1: the index maximising F1_k = 2TP_k/(TP_k + FP_k + P), compared by exact
    /// cross-multiplication a·d > c·b in 128 bits. (The recipe argmax(2pr/(p+r)) over sklearn's
    /// increasing-threshold PR arrays sends ties to the lowest threshold instead.)
    public func bestF1Index() -> Int {
        let p = UInt64(positives)
        var best = 0
        var bestNumerator: UInt64 = 0
        var bestDenominator: UInt64 = 1
        packedCounts.withUnsafeBufferPointer { counts in
            for k in 0..<counts.count {
                let c = counts[k]
                let tp = c >> 32
                let numerator = 2 &* tp
                let denominator = tp &+ (c & 0xFFFF_FFFF) &+ p
                let lhs = numerator.multipliedFullWidth(by: bestDenominator)
                let rhs = bestNumerator.multipliedFullWidth(by: denominator)
                if lhs.high > rhs.high || (lhs.high == rhs.high && lhs.low > rhs.low) {
                    best = k
                    bestNumerator = numerator
                    bestDenominator = denominator
                }
            }
        }
        return best
    }

    /// Top-K: the index of t_K, the K-th largest score counting multiplicity (K in 1...n), i.e.
    /// the first threshold with TP_k + FP_k ≥ K. Flagging s ≥ t_K flags every instance tied at
    /// the cut, so at least K. Deterministic and independent of row order. O(log K).
    public func topKIndex(_ k: Int) -> Int {
        var low = 0, high = thresholdCount - 1
        while low < high {
            let mid = (low + high) >> 1
            if flagged(at: mid) >= k { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
