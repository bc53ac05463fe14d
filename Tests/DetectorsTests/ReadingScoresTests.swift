import Testing
@testable import Detectors

@Suite struct ReadingScoresTests {
    /// Windows of 4 at stride 2 over 10 readings: reading 0 and 1 in one window, 2-7 in two,
    /// 8 and 9 in none.
    static let coverage: [ClosedRange<Int>] = [0...3, 2...5, 4...7]
    static let scores = [1.0, 5, 3]

    @Test func maxTakesTheMostAnomalousWindowCoveringAReading() {
        #expect(ReadingScores.aggregate(Self.scores, coverage: Self.coverage, readings: 10, by: .max)
            == [1, 1, 5, 5, 5, 5, 3, 3, 1, 1])
    }

    @Test func meanAveragesTheWindowsCoveringAReading() {
        #expect(ReadingScores.aggregate(Self.scores, coverage: Self.coverage, readings: 10, by: .mean)
            == [1, 1, 3, 3, 4, 4, 3, 3, 1, 1])
    }

    @Test func uncoveredReadingsGetTheLowestWindowScore() {
        // Gaps before, between and after windows (stride > length); negative scores.
        let coverage: [ClosedRange<Int>] = [1...2, 5...6]
        for rule in ReadingAggregation.allCases {
            #expect(ReadingScores.aggregate([-2, -7], coverage: coverage, readings: 8, by: rule)
                == [-7, -2, -2, -7, -7, -7, -7, -7], "\(rule)")
        }
    }

    @Test func disjointWindowsGiveEachReadingItsWindowsScore() {
        let coverage: [ClosedRange<Int>] = [0...2, 3...5]
        for rule in ReadingAggregation.allCases {
            #expect(ReadingScores.aggregate([0.5, 0.25], coverage: coverage, readings: 6, by: rule) == [0.5, 0.5, 0.5, 0.25, 0.25, 0.25])
        }
    }
}
