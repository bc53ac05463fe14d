import Testing
@testable import DataIO

@Suite struct ProgressBarTests {
    @Test func compactCountsAndClock() {
        #expect(ProgressBar.compact(999) == "999")
        #expect(ProgressBar.compact(25_000) == "25k")
        #expect(ProgressBar.compact(12_000_000) == "12M")
        #expect(ProgressBar.clock(5) == "0:05")
        #expect(ProgressBar.clock(125) == "2:05")
        #expect(ProgressBar.clock(3725) == "1:02:05")
    }
}
