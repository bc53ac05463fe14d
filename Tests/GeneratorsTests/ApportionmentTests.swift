import Testing
@testable import Generators

@Suite struct ApportionmentTests {
    @Test func equalWeightsSplitExactly() {
        #expect(Apportionment.counts(total: 1000, weights: [1, 1]) == [500, 500])
        #expect(Apportionment.counts(total: 1001, weights: [1, 1]) == [501, 500])
    }

    @Test func largestRemaindersGetTheLeftovers() {
        // Quotas 3.33, 3.33, 3.33 -> floors 3,3,3, one left, first of the tied remainders.
        #expect(Apportionment.counts(total: 10, weights: [1, 1, 1]) == [4, 3, 3])
        // Quotas 0.8, 1.6, 1.6 -> floors 0, 1, 1; two left: the 0.8 remainder, then the first 0.6.
        #expect(Apportionment.counts(total: 4, weights: [1, 2, 2]) == [1, 2, 1])
    }

    @Test func alwaysSumsToTheTotal() {
        for total in [0, 1, 7, 999, 123_457] {
            for weights in [[1.0], [0.1, 0.2, 0.7], [3, 1e-9, 5, 2.5]] {
                #expect(Apportionment.counts(total: total, weights: weights).reduce(0, +) == total)
            }
        }
    }
}
