import Evaluation
import Foundation
import Testing

@Suite struct BlockCountWarningTests {
    /// Rows 0..<n, labels alternating in runs of `size` so blocks of `size` alternate anomalous /
    /// normal; scores that rank most anomalous blocks first.
    static func evaluate(rows n: Int, blockSize size: Int, blocks: Bool = true, runs: Int = 1) throws -> EvaluationResult {
        let folder = temporaryFolder()
        var labels = "id,label\n", scores = "id,score\n"
        for i in 0..<n {
            let anomalous = (i / size) % 2 == 0
            labels += "\(i),\(anomalous ? 1 : 0)\n"
            scores += "\(i),\(anomalous ? 0.6 : 0.4)\(i % 7)\n"
        }
        var options = EvaluationOptions()
        options.scoreFiles = (0..<runs).map { writeTextFile(scores, "s\($0).csv", in: folder) }
        options.labelsPath = writeTextFile(labels, "l.csv", in: folder)
        if blocks { options.blocks = .size(size) }
        return try Evaluator.evaluate(options)
    }

    @Test func fewerThanThirtyBlocksWarnOnceWithTheCount() throws {
        let result = try Self.evaluate(rows: 200, blockSize: 10, runs: 2)   // 20 blocks, two runs
        #expect(result.runs.count == 2 && result.runs.allSatisfy { $0.block?.blockCount == 20 })
        #expect(result.warnings == ["block metrics rest on 20 blocks (fewer than 30); block AUROC is unstable between runs"])
    }

    @Test func thirtyBlocksOrNoBlocksWarnNothing() throws {
        #expect(try Self.evaluate(rows: 300, blockSize: 10).warnings.isEmpty)   // exactly 30
        #expect(try Self.evaluate(rows: 200, blockSize: 10, blocks: false).warnings.isEmpty)
    }

    @Test func anUndefinedBlockMetricWarnsNothing() throws {
        #expect(BlockCountWarning.isFew(29) && !BlockCountWarning.isFew(30))
        let folder = temporaryFolder()
        // Every block normal (one anomaly per block of 4): the block metric is undefined, no warning.
        var labels = "id,label\n", scores = "id,score\n"
        for i in 0..<40 { labels += "\(i),\(i % 4 == 0 ? 1 : 0)\n"; scores += "\(i),\(Double(i % 5))\n" }
        var options = EvaluationOptions()
        options.scoreFiles = [writeTextFile(scores, "s.csv", in: folder)]
        options.labelsPath = writeTextFile(labels, "l.csv", in: folder)
        options.blocks = .size(4)
        let result = try Evaluator.evaluate(options)
        guard case .undefined = result.runs.first?.block?.outcome else { Issue.record("expected an undefined block metric"); return }
        #expect(result.warnings.isEmpty)
    }
}
