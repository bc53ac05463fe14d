import DataIO
import Testing
@testable import Evaluation

@Suite struct JoinTests {
    @Test func idsAreOpaqueStrings() throws {
        // `Fixtures/metrics/SPEC.md` §2.2: "01" ≠ "1".
        let folder = temporaryFolder()
        let labels = writeTextFile("id,label\n1,1\n2,0\n", "l.csv", in: folder)
        let scores = writeTextFile("id,score\n01,0.9\n2,0.1\n", "s.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [scores]
        options.labelsPath = labels
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code == .missingScore)
    }

    /// When not one labelled id has a score, the error says the files use different ids (and
    /// shows the score file's first id); when some match, it names the first missing one only.
    @Test func noMatchingIdAtAllIsSaidAsSuch() throws {
        let folder = temporaryFolder()
        let labels = writeTextFile("id,label\n1,1\n2,0\n", "l.csv", in: folder)
        var options = EvaluationOptions()
        options.labelsPath = labels
        options.scoreFiles = [writeTextFile("id,score\n01,0.9\n02,0.1\n", "s.csv", in: folder)]
        let none = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(none?.message.hasSuffix("none of the 2 labelled ids is in it (its first id is '01'): the two files do not use the same ids") == true)
        options.scoreFiles = [writeTextFile("id,score\n01,0.9\n2,0.1\n", "t.csv", in: folder)]
        let some = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(some?.message.hasSuffix("has a label but no score in \(folder)/t.csv") == true, "\(some?.message ?? "")")
    }
}
