/// Average precision as scikit-learn's `average_precision_score` defines it (`Fixtures/metrics/SPEC.md` §3.3).
///
///     AP = Σ_k (R_k − R_{k−1}) · Prec_k,  R_k = TP_k/P,  Prec_k = TP_k/(TP_k + FP_k),  R_0 = 0
///
/// A step function with no interpolation. A tied group is one step: its recall gain is
/// weighted by the precision after the *whole* group (unlike the "mean precision at each
/// anomaly's rank" of IR code, which differs whenever anomalies tie with normals). All scores
/// tied → AP = P/n.
///
/// Evaluation: each term is (ΔTP_k·TP_k)/(TP_k + FP_k) (the integer product, then one
/// division, as the reference computes it), the terms are summed with the correctly rounded
/// `fsum` (``CorrectlyRoundedSum``), and the sum is divided once by P.
extension BinaryCurve {
    public var averagePrecision: Double {
        var sum = CorrectlyRoundedSum()
        var previousTP: UInt64 = 0
        packedCounts.withUnsafeBufferPointer { counts in
            for c in counts {
                let tp = c >> 32, fp = c & 0xFFFF_FFFF
                let gain = tp &- previousTP
                if gain != 0 {
                    sum.add(Double(gain &* tp) / Double(tp &+ fp))
                }
                previousTP = tp
            }
        }
        return sum.value / Double(positives)
    }
}
