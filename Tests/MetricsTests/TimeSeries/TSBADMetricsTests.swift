import Testing
@testable import Metrics
import TestSupport

@Suite struct TSBADMetricsTests {
    @Test("get_metrics(pred=None) and get_metrics(pred) keys and values equal TSB-AD 1.5", arguments: TS.seriesCases)
    func vector(name: String) throws {
        let x = TS.input(name)
        let curve = try TS.curve(name)
        let oracle = try TSBADMetrics(curve: curve, window: x.window)
        let given = try TSBADMetrics(curve: curve, window: x.window, prediction: try TS.prediction(name))
        for (result, key) in [(oracle, "tsbad_get_metrics"), (given, "tsbad_get_metrics_pred")] {
            let e = try #require(TS.expected(name)[key]?.object)
            #expect(Set(e.keys) == Set(TSBADMetrics.keys))
            for (k, value) in zip(TSBADMetrics.keys, result.values) {
                expectMatches(value, e[k], "\(name) \(key).\(k)")
            }
        }
        #expect(oracle.oracle && !given.oracle)
    }
}
