import Testing
@testable import Metrics
import TestSupport

@Suite struct PointwiseSeriesMetricsTests {
    @Test("point precision, recall, F1 equal scikit-learn", arguments: TS.seriesCases)
    func vector(name: String) throws {
        let c = try TS.prediction(name).confusion(against: try TS.labels(name))
        let e = TS.expected(name)["point"]
        expectMatches(c.precision, e?["precision"], "\(name) precision")
        expectMatches(c.recall, e?["recall"], "\(name) recall")
        expectMatches(c.f1, e?["f1"], "\(name) f1")
    }

    @Test("a prediction of another length is a length mismatch")
    func mismatch() throws {
        let labels = try SeriesLabels([0, 1, 0])
        #expect(throws: MetricsError.lengthMismatch(expected: 3, actual: 2)) {
            try SeriesPrediction(flags: [0, 1]).confusion(against: labels)
        }
    }
}
