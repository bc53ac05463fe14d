import Testing
@testable import DataIO

@Suite struct SpellingTests {
    @Test func suggestionsWithinTwoEdits() {
        #expect(Spelling.closest(to: "seeed", in: ["seed", "name"]) == "seed")
        #expect(Spelling.closest(to: "xyz", in: ["seed", "name"]) == nil)
        #expect(Spelling.closest(to: "TRESS", in: ["trees", "samples"]) == "trees")
    }

    @Test func theClosestWinsAndTheFirstOfEqualOnes() {
        #expect(Spelling.closest(to: "knm", in: ["kmm", "knn"]) == "kmm")
        #expect(Spelling.closest(to: "ab", in: ["abcd", "ax"]) == "ax")
    }

    @Test func theSuggestionText() {
        #expect(Spelling.suggestion(for: "tress", in: ["trees"]) == " (did you mean 'trees'?)")
        #expect(Spelling.suggestion(for: "zzzzz", in: ["trees"]) == "")
    }

    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        #expect(Spelling.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Spelling.editDistance([], Array("abc")) == 3)
        #expect(Spelling.editDistance(Array("abc"), Array("abc")) == 0)
    }
}
