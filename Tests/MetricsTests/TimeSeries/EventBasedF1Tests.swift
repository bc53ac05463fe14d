import Testing
@testable import Metrics
import TestSupport

@Suite struct EventBasedF1Tests {
    @Test("TSB-AD Event-based-F1 (last-index quirk)", arguments: TS.seriesCases)
    func vector(name: String) throws {
        let f = try EventBasedF1.tsbad(labels: try TS.labels(name), prediction: try TS.prediction(name)).f1
        expectMatches(f, TS.expected(name)["event_f1_tsbad"], "\(name) event_f1_tsbad")
    }
}
