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

    /// Calibration scores without a `label` column take their labels from the validation split;
    /// when the label file has none, the error says so and names the calibration file (it used
    /// to be an `empty_file` error about the label file alone).
    @Test func calibrationScoresWithoutLabelsAndNoValidationSplitSayWhy() throws {
        let folder = temporaryFolder()
        let labels = writeTextFile("id,split,label\n1,train,0\n2,test,0\n3,test,1\n", "labels.csv", in: folder)
        let validation = writeTextFile("id,score\n1,0.5\n", "val.csv", in: folder)
        let test = writeTextFile("id,score\n2,0.1\n3,0.9\n", "test.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [test]
        options.labelsPath = labels
        options.split = "test"
        options.calibrationFile = validation
        options.cutoffs = [try CutoffSpec(parsing: "calibrated:youden")]
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code == .missingSplit)
        #expect(error?.message.contains("have no 'label' column") == true)
        #expect(error?.message.contains("no rows of split 'validation' (the file has: test, train)") == true)
    }

    /// `--split` naming a split the label file lacks is `missing_split`, with the splits it has.
    @Test func aMissingSplitIsNamedWithTheOnesThereAre() throws {
        let folder = temporaryFolder()
        let labels = writeTextFile("id,split,label\n1,train,0\n2,test,0\n3,test,1\n", "labels.csv", in: folder)
        let test = writeTextFile("id,score\n2,0.1\n3,0.9\n", "test.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [test]
        options.labelsPath = labels
        options.split = "validation"
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code == .missingSplit && error?.code.category == .usage)
        #expect(error?.message == "no rows of split 'validation' (the file has: test, train)")
    }
}
