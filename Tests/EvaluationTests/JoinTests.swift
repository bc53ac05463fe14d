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
}
