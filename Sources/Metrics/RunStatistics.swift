/// Summary statistics of one metric over r repeated runs (`Fixtures/metrics/SPEC.md` §6).
///
/// - mean = fl(fsum(x)/r) (correctly rounded sum, one division);
/// - sample standard deviation s = √(fsum((xᵢ − mean)²)/(r − 1)) (ddof = 1, pandas' default;
///   ``populationStandardDeviation`` uses r, numpy's default);
/// - SEM = s/√r; t-CI = mean ± t_{1−α/2, r−1} · SEM with the Student-t quantile.
///
/// r = 1 leaves s, SEM and the CI `nil` (undefined); r = 0 and non-finite values throw.
public struct RunStatistics: Sendable, Hashable {
    /// r, the number of runs.
    public let count: Int
    public let mean: Double
    /// Sample standard deviation (ddof = 1); `nil` when r < 2.
    public let standardDeviation: Double?
    /// Population standard deviation (ddof = 0).
    public let populationStandardDeviation: Double
    /// Standard error of the mean s/√r; `nil` when r < 2.
    public let standardError: Double?
    /// mean ± t·SEM; `nil` when r < 2.
    public let confidenceInterval: ConfidenceInterval?
    public let confidenceLevel: Double
    public let minimum: Double
    public let maximum: Double

    public init(_ values: [Double], confidenceLevel: Double = 0.95) throws {
        try validateConfidenceLevel(confidenceLevel)
        guard !values.isEmpty else { throw MetricsError.empty }
        if let index = values.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        let r = values.count
        let mean = correctlyRoundedMean(values)
        let squares = CorrectlyRoundedSum.sum(values.lazy.map { ($0 - mean) * ($0 - mean) }) ?? .infinity
        self.count = r
        self.mean = mean
        self.confidenceLevel = confidenceLevel
        self.minimum = values.min() ?? .nan  // never nil: not empty (checked above)
        self.maximum = values.max() ?? .nan
        self.populationStandardDeviation = (squares / Double(r)).squareRoot()
        if r >= 2 {
            let s = (squares / Double(r - 1)).squareRoot()
            let sem = s / Double(r).squareRoot()
            let tc = StudentTDistribution.quantile(1 - (1 - confidenceLevel) / 2, degreesOfFreedom: Double(r - 1))
            self.standardDeviation = s
            self.standardError = sem
            self.confidenceInterval = ConfidenceInterval(lower: mean - tc * sem, upper: mean + tc * sem)
        } else {
            self.standardDeviation = nil
            self.standardError = nil
            self.confidenceInterval = nil
        }
    }
}
