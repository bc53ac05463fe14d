import Testing
@testable import Metrics
import TestSupport

@Suite struct SlidingWindowLengthTests {
    @Test("find_length_rank(rank=1) equals TSB-AD's window", arguments: TS.windowCases)
    func vector(name: String) throws {
        let c = TimeSeriesVectors.vectorCase(name)
        let data = (c["input"]?["data"]?.array ?? []).map(TimeSeriesVectors.number)
        #expect(SlidingWindowLength.find(data) == c["expected"]?["sliding_window"]?.int)
    }

    @Test("degenerate inputs fall back to 125")
    func degenerate() {
        #expect(SlidingWindowLength.find([]) == 125)
        #expect(SlidingWindowLength.find([1]) == 125)
        #expect(SlidingWindowLength.find([1, 2, 3]) == 125)
    }
}
