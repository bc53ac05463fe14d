import Testing
import Metrics

/// Threshold searches: exact comparisons and ties to the highest threshold.
@Suite struct OptimalThresholdsTests {
    @Test("ties of J and F1 go to the highest threshold")
    func tieBreaks() throws {
        // youden_float_tie: J = 1/3 at t = 6, 4 and 2; the spec picks 6.
        let input = Fixtures.instance("youden_float_tie")
        let curve = try BinaryCurve(scores: input.scores, labels: input.labels)
        #expect(curve.youden().threshold == 6)
        // All tied: J = 0 at the only threshold; never +inf.
        let tied = try BinaryCurve(scores: [1, 1, 1], labels: [true, false, false])
        #expect(tied.youden().threshold == 1)
        #expect(tied.youden().youdenJ == 0)
    }
}
