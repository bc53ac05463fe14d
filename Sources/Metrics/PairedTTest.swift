/// Paired two-sided t-test over runs paired by seed (`Fixtures/metrics/SPEC.md` §6), identical to SciPy's
/// `ttest_rel(a, b)` and `ttest_1samp(a − b, 0)`:
///
///     dᵢ = aᵢ − bᵢ,  t = mean(d) / (s_d/√r),  df = r − 1,  p = 2·P(T_df > |t|)
///
/// with mean(d) = fsum(d)/r, s_d the sample standard deviation (ddof = 1), and P(T > ·) from
/// ``StudentTDistribution/survival(_:degreesOfFreedom:)``.
///
/// Edge cases (``t`` and ``pValue`` are `nil` when undefined):
/// - r < 2 → undefined;
/// - s_d = 0 (every dᵢ equal) and mean(d) = 0 → undefined (SciPy gives NaN);
/// - s_d = 0 and mean(d) ≠ 0 → t = ±∞, p = 0.
///
/// With r = 5 the test has little power; Demšar (2006) recommends Wilcoxon or Friedman tests
/// across many data sets.
public struct PairedTTest: Sendable, Hashable {
    /// r, the number of pairs.
    public let count: Int
    /// r − 1.
    public let degreesOfFreedom: Int
    /// mean(a − b).
    public let meanDifference: Double
    /// The t statistic; `nil` when undefined, ±∞ for a constant non-zero difference.
    public let t: Double?
    /// The two-sided p-value; `nil` when undefined.
    public let pValue: Double?

    public init(_ a: [Double], _ b: [Double]) throws {
        guard a.count == b.count else { throw MetricsError.lengthMismatch(expected: a.count, actual: b.count) }
        guard !a.isEmpty else { throw MetricsError.empty }
        if let index = a.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        if let index = b.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        let d = zip(a, b).map { $0 - $1 }
        let r = d.count
        count = r
        degreesOfFreedom = r - 1
        if d.allSatisfy({ $0 == d[0] }) {
            // s_d = 0 exactly; the mean of equal values is that value.
            meanDifference = d[0] + 0.0
            if r < 2 || meanDifference == 0 {
                t = nil
                pValue = nil
            } else {
                t = meanDifference > 0 ? .infinity : -.infinity
                pValue = 0
            }
            return
        }
        let mean = correctlyRoundedMean(d)
        meanDifference = mean
        let squares = CorrectlyRoundedSum.sum(d.lazy.map { ($0 - mean) * ($0 - mean) }) ?? .infinity
        let sd = (squares / Double(r - 1)).squareRoot()
        let statistic = mean / (sd / Double(r).squareRoot())
        t = statistic
        pValue = 2 * StudentTDistribution.survival(abs(statistic), degreesOfFreedom: Double(r - 1))
    }
}
