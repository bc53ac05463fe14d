import Testing
@testable import Metrics
import TestSupport

@Suite struct RangeAUCTests {
    @Test("range-AUC-ROC and -PR equal vus 0.0.6 RangeAUC", arguments: TS.seriesCases)
    func vector(name: String) throws {
        let x = TS.input(name), e = TS.expected(name)
        let r = try TS.curve(name).rangeAUC(window: x.window)
        expectMatches(r.roc, e["range_auc_roc"], "\(name) range_auc_roc")
        expectMatches(r.pr, e["range_auc_pr"], "\(name) range_auc_pr")
    }

    @Test("range-AUC at W is not VUS's curve at w = W (touching buffers are one run here)")
    func differsFromVUS() throws {
        let curve = try TS.curve("buffers_touch_not_overlap")
        let w = TS.input("buffers_touch_not_overlap").window
        let r = try curve.rangeAUC(window: w), v = try curve.volumeUnderSurface(window: w)
        #expect(r.roc != v.rocPerWindow[w])
    }
}
