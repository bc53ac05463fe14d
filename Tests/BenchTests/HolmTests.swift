import Testing
@testable import Bench

@Suite struct HolmTests {
    @Test func stepDownMatchesStatsmodels() {
        // statsmodels.stats.multitest.multipletests([0.01, 0.04, 0.03, 0.005], method="holm")[1]
        // = [0.03, 0.06, 0.06, 0.02].
        let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.005])
        #expect(adjusted.count == 4)
        for (a, b) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) { #expect(abs(a! - b) < 1e-12) }
    }

    @Test func undefinedStayUndefinedAndCapAtOne() {
        let adjusted = Holm.adjust([0.5, nil, 0.9])
        #expect(adjusted[1] == nil)
        #expect(adjusted[0] == 1 && adjusted[2] == 1)
    }
}
