import Testing
@testable import Metrics
import TestSupport

@Suite struct PointAdjustmentTests {
    @Test("PA%K for K = 0, 20, 50, 80, 100 equals tadpak 0.3.3", arguments: TS.seriesCases)
    func paK(name: String) throws {
        let labels = try TS.labels(name), prediction = try TS.prediction(name)
        for k in PointAdjustment.standardK {
            let c = try PointAdjustment.confusion(labels: labels, prediction: prediction, k: k)
            let e = TS.expected(name)["pa_k"]?["\(k)"]
            expectMatches(c.precision, e?["precision"], "\(name) PA%\(k) precision")
            expectMatches(c.recall, e?["recall"], "\(name) PA%\(k) recall")
            expectMatches(c.f1, e?["f1"], "\(name) PA%\(k) f1")
        }
    }

    @Test("TSB-AD's point adjustment (index-0 quirk)", arguments: TS.seriesCases)
    func tsbad(name: String) throws {
        let c = try PointAdjustment.tsbadConfusion(labels: try TS.labels(name), prediction: try TS.prediction(name))
        let e = TS.expected(name)["pa_tsbad"]
        expectMatches(c.precision, e?["precision"], "\(name) precision")
        expectMatches(c.recall, e?["recall"], "\(name) recall")
        expectMatches(c.f1, e?["f1"], "\(name) f1")
    }

    @Test("boundaries: strict test, 1 hit of 5 is not adjusted at K = 20; tadpak's float test for other K")
    func boundaries() throws {
        let labels = try SeriesLabels([0, 1, 1, 1, 1, 1, 0])
        let one = try SeriesPrediction(flags: [0, 1, 0, 0, 0, 0, 0])
        #expect(try PointAdjustment.confusion(labels: labels, prediction: one, k: 0).tp == 5)
        #expect(try PointAdjustment.confusion(labels: labels, prediction: one, k: 20).tp == 1)
        #expect(try PointAdjustment.confusion(labels: labels, prediction: one, k: 19).tp == 5)
        // K = 29, L = 100, c = 29: fl(0.29 * 100) = 28.999999999999996 < 29, adjusted as tadpak does.
        var flags = [UInt8](repeating: 0, count: 102)
        for i in 1...100 { flags[i] = 1 }
        let long = try SeriesLabels(flags)
        var hits = [UInt8](repeating: 0, count: 102)
        for i in 1...29 { hits[i] = 1 }
        #expect(try PointAdjustment.confusion(labels: long, prediction: try SeriesPrediction(flags: hits), k: 29).tp == 100)
        #expect(throws: MetricsError.self) { try PointAdjustment.confusion(labels: labels, prediction: one, k: 101) }
    }
}
