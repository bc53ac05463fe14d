import DataIO
import Testing
@testable import Evaluation

@Suite struct CalibrationTests {
    @Test func calibratedCutoffUsesTheValidationThreshold() throws {
        let folder = temporaryFolder()
        let validation = writeTextFile("id,label,score\n1,0,1\n2,0,2\n3,1,3\n4,1,4\n", "val.csv", in: folder)
        let test = writeTextFile("id,label,score\n1,0,1\n2,0,2.5\n3,1,2.9\n4,1,5\n5,0,3.5\n", "test.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [test]
        options.calibrationFile = validation
        options.cutoffs = [try CutoffSpec(parsing: "calibrated:youden")]
        let cutoff = try #require(try Evaluator.evaluate(options).runs.first?.cutoffs.first)
        #expect(cutoff.selection == .deployable)
        #expect(cutoff.cutoff.threshold == 3)   // Youden's threshold on the validation scores
        #expect(cutoff.cutoff.confusion.tp == 1 && cutoff.cutoff.confusion.fp == 1)

        options.calibrationFile = nil
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code == .usage)
    }
}
