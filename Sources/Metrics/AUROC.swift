/// Area under the ROC curve (`Fixtures/metrics/SPEC.md` §3.2).
///
/// AUROC = U/(P·N) with the Mann–Whitney statistic
/// U = Σ_{i: y=1} Σ_{j: y=0} ([sᵢ > sⱼ] + ½[sᵢ = sⱼ]) (ties count ½). It equals the trapezoidal
/// area under the full ROC curve through (0,0), (FP_k/N, TP_k/P) and (1,1), since a tied group
/// is one diagonal segment. It is computed exactly as the integer
///
///     2U = Σ_k (FP_k − FP_{k−1}) · (TP_{k−1} + TP_k)
///
/// and one correctly rounded division 2U / (2PN) (exact even above 2⁵³, see
/// `correctlyRoundedQuotient`). All scores tied → 0.5; perfect ranking → 1; inverted → 0.
/// The direction is never flipped: a detector worse than chance gets AUROC < 0.5.
extension BinaryCurve {
    /// 2U, twice the Mann–Whitney U statistic (an exact integer; 2U ≤ 2PN < 2⁶³).
    public var twiceMannWhitneyU: UInt64 {
        var total: UInt64 = 0
        var previousTP: UInt64 = 0, previousFP: UInt64 = 0
        packedCounts.withUnsafeBufferPointer { counts in
            for c in counts {
                let tp = c >> 32, fp = c & 0xFFFF_FFFF
                total &+= (fp &- previousFP) &* (previousTP &+ tp)
                previousTP = tp
                previousFP = fp
            }
        }
        return total
    }

    /// AUROC as the exact fraction 2U / (2PN) (not reduced).
    public var aurocFraction: (numerator: UInt64, denominator: UInt64) {
        (twiceMannWhitneyU, 2 * UInt64(positives) * UInt64(negatives))
    }

    /// AUROC = 2U/(2PN), correctly rounded.
    public var auroc: Double {
        let (numerator, denominator) = aurocFraction
        return correctlyRoundedQuotient(numerator, denominator)
    }
}
