import Evaluation
import Foundation
import Testing

@Suite struct TopCountWarningTests {
    static func evaluate(cutoffs: [String]) throws -> EvaluationResult {
        let folder = temporaryFolder()
        var options = EvaluationOptions()
        options.scoreFiles = [writeTextFile("id,score\n1,0.1\n2,0.4\n3,0.35\n4,0.8\n", "s.csv", in: folder)]
        options.labelsPath = writeTextFile("id,label\n1,0\n2,0\n3,1\n4,1\n", "l.csv", in: folder)
        options.cutoffs = try cutoffs.map { try CutoffSpec(parsing: $0) }
        return try Evaluator.evaluate(options)
    }

    /// A count above the rows flags every row, and says so once per cut-off and run.
    @Test func aCountAboveTheRowsFlagsEveryRowAndWarns() throws {
        let result = try Self.evaluate(cutoffs: ["top-count:5", "top:9", "top:0.5"])
        #expect(result.runs[0].cutoffs[0].cutoff.confusion.tp + result.runs[0].cutoffs[0].cutoff.confusion.fp == 4)
        let name = result.runs[0].name
        #expect(result.warnings == [
            "cut-off top-count:5 asks for 5 rows; \(name) has 4, so every row is flagged",
            "cut-off top:9 asks for 9 rows; \(name) has 4, so every row is flagged",
        ])
    }

    /// A count up to the rows, or a fraction, warns nothing.
    @Test func aCountUpToTheRowsWarnsNothing() throws {
        #expect(try Self.evaluate(cutoffs: ["top-count:4", "top:2", "top:1.0", "youden"]).warnings.isEmpty)
    }
}
