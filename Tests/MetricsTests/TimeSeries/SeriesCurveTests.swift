import Testing
@testable import Metrics
import TestSupport

@Suite struct SeriesCurveTests {
    @Test("error vectors throw their code", arguments: TS.errorCases)
    func errorVector(name: String) throws {
        let code = try #require(TS.expected(name)["error"]?.string)
        let x = TS.input(name)
        let error = #expect(throws: MetricsError.self) { try SeriesCurve(scores: x.scores, labels: x.labels) }
        #expect(error?.code == code)
    }

    @Test("errors in the reference's order")
    func errorOrder() {
        #expect(throws: MetricsError.lengthMismatch(expected: 2, actual: 1)) { try SeriesCurve(scores: [0], labels: [0, 1]) }
        #expect(throws: MetricsError.empty) { try SeriesCurve(scores: [], labels: []) }
        #expect(throws: MetricsError.nonFiniteScore(index: 1)) { try SeriesCurve(scores: [0, .infinity], labels: [0, 2]) }
        #expect(throws: MetricsError.invalidLabel(index: 1)) { try SeriesCurve(scores: [0, 1], labels: [0, 2]) }
        #expect(throws: MetricsError.singleClass(positives: 0, count: 2)) { try SeriesCurve(scores: [0, 1], labels: [0, 0]) }
        #expect(throws: MetricsError.invalidWindow(-1)) {
            try SeriesCurve(scores: [0, 1], labels: [0, 1]).volumeUnderSurface(window: -1)
        }
    }

    @Test("grid counts equal a direct count at every grid threshold", arguments: TS.seriesCases.prefix(30))
    func gridCounts(name: String) throws {
        let curve = try TS.curve(name)
        let x = TS.input(name)
        let sorted = x.scores.sorted(by: >)
        for (k, g) in ThresholdGrid.positions(count: x.scores.count).enumerated() {
            let theta = sorted[g]
            #expect(curve.gridThresholds[k] == theta)
            #expect(curve.flaggedAtGrid[k] == x.scores.filter { $0 >= theta }.count)
            #expect(curve.anomaliesAtGrid[k] == zip(x.scores, x.labels).filter { $0.0 >= theta && $0.1 == 1 }.count)
            #expect(curve.gridRank(of: theta) <= k)
        }
    }
}
