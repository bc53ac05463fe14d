import Testing
import Metrics

/// Repeated-run statistics against the `runs` cases of `vectors.json`.
@Suite struct RunStatisticsTests {
    @Test("runs vectors: n, mean, std (ddof 1 and 0), SEM, t-CI of both methods", arguments: Fixtures.cases(kind: "runs"))
    func runsVector(name: String) throws {
        let vector = Fixtures.vectorCase(name)
        for side in ["a", "b"] {
            let values = try #require(vector["input"]?[side]?.array).map { $0.double! }
            let expected = vector["expected"]![side]!
            let stats = try RunStatistics(values)
            #expect(stats.count == expected["n"]?.int)
            expectClose(stats.mean, field(expected, "mean"), tolerance: ReferenceVectors.tolerance, "\(name).\(side).mean")
            expectClose(stats.standardDeviation, field(expected, "std_sample"), tolerance: ReferenceVectors.tolerance, "\(name).\(side).std_sample")
            expectClose(stats.populationStandardDeviation, field(expected, "std_population"), tolerance: ReferenceVectors.tolerance, "\(name).\(side).std_population")
            expectClose(stats.standardError, field(expected, "sem"), tolerance: ReferenceVectors.tolerance, "\(name).\(side).sem")
            let ci = try #require(stats.confidenceInterval)
            expectClose(ci.lower, field(expected["ci_t"], 0), tolerance: ReferenceVectors.tolerance, "\(name).\(side).ci_t[0]")
            expectClose(ci.upper, field(expected["ci_t"], 1), tolerance: ReferenceVectors.tolerance, "\(name).\(side).ci_t[1]")
        }
    }

    @Test("one run: no std, SEM or CI; empty and non-finite input throw")
    func edges() throws {
        let one = try RunStatistics([0.7])
        #expect(one.mean == 0.7)
        #expect(one.standardDeviation == nil && one.standardError == nil && one.confidenceInterval == nil)
        #expect(one.populationStandardDeviation == 0)
        #expect(throws: MetricsError.empty) { try RunStatistics([]) }
        #expect(throws: MetricsError.nonFiniteScore(index: 1)) { try RunStatistics([1, .infinity]) }
        let stats = try RunStatistics([0.25, 0.75, 0.5])
        #expect(stats.minimum == 0.25 && stats.maximum == 0.75)
    }
}
