import DataIO
import Evaluation
import Foundation
import Metrics
import Testing

/// Results from merged partials: the coverage check, block score files at merge time, and the
/// errors of a whole evaluation (a single class) met at merge time.
@Suite struct MergedEvaluationTests {
    static func partial(_ fixture: ShardFixture, _ rows: [Int], _ name: String, labels: ShardFixture.Labels = .file,
                        blocks: BlockSpec? = nil) throws -> PartialEvaluation {
        try PartialEvaluation.make(fixture.options([fixture.writeScores(rows, to: name, label: labels == .own)], labels: labels, blocks: blocks))
    }

    static func grouped(_ n: Int) -> String {
        n >= 1000 ? "\(n / 1000),\(String(n % 1000 + 1000).dropFirst())" : "\(n)"
    }

    static func evaluationError(_ partial: PartialEvaluation, blockScores: String? = nil) -> DataError? {
        #expect(throws: DataError.self) { try Evaluator.evaluate(merged: partial, blockScoresFile: blockScores) }
    }

    @Test("a missing shard: 'the partials cover X of the N labelled rows (a shard is missing or repeated)'")
    func missingShard() throws {
        let fixture = ShardFixture(rows: 3000, ties: true, seed: 1)
        let shards = fixture.shards(3, seed: 2)
        let merged = try PartialEvaluation.merged([try Self.partial(fixture, shards[0], "a.csv"), try Self.partial(fixture, shards[2], "c.csv")])
        let error = Self.evaluationError(merged)
        #expect(error?.code == .coverage)
        #expect(error?.message.contains("the partials cover \(Self.grouped(shards[0].count + shards[2].count)) of the 3,000 labelled rows of \(fixture.labelsPath) (a shard is missing or repeated)") == true,
                "\(error?.message ?? "")")
    }

    @Test("a row in two shards and another in none: as many rows as labelled, but not each exactly once")
    func swappedRow() throws {
        let fixture = ShardFixture(rows: 500, ties: false, seed: 3)
        let a = Array(0..<250), b = Array(249..<499)  // row 249 twice, row 499 never
        let merged = try PartialEvaluation.merged([try Self.partial(fixture, a, "a.csv"), try Self.partial(fixture, b, "b.csv")])
        let error = Self.evaluationError(merged)
        #expect(error?.code == .coverage)
        #expect(error?.message.contains("not each labelled row exactly once") == true, "\(error?.message ?? "")")
    }

    @Test("own labels: no global label set, the merge is the union")
    func ownLabelsUnion() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 4)
        let shards = fixture.shards(2, seed: 5)
        let merged = try PartialEvaluation.merged([try Self.partial(fixture, shards[0], "a.csv", labels: .own),
                                                   try Self.partial(fixture, shards[1], "b.csv", labels: .own)])
        let result = try Evaluator.evaluate(merged: merged)
        #expect(result.runs[0].curve.count == 300)
        let whole = try Evaluator.evaluate(fixture.options([fixture.writeScores(Array(fixture.labels.indices), to: "whole.csv", label: true)],
                                                           labels: .own, blocks: nil))
        #expect(ShardFixture.json(result, namedAs: whole) == ShardFixture.json(whole))
    }

    @Test("--block-scores applies at merge time, as in a whole evaluation")
    func blockScoresAtMerge() throws {
        let fixture = ShardFixture(rows: 400, ties: true, seed: 6)
        let path = fixture.folder + "/block-scores.csv"
        var text = "block,score\n"
        for block in Set(fixture.blocks).sorted() { text += "\(block),\(Double(block % 7) / 3)\n" }
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        var options = fixture.options([fixture.writeScores(Array(fixture.labels.indices), to: "whole.csv", label: false)],
                                      labels: .file, blocks: .labelColumn)
        options.blockScoresFile = path
        let expected = try Evaluator.evaluate(options)
        let shards = fixture.shards(3, seed: 7)
        let merged = try PartialEvaluation.merged(try shards.enumerated().map {
            try Self.partial(fixture, $1, "s\($0).csv", blocks: .labelColumn)
        })
        let result = try Evaluator.evaluate(merged: merged, blockScoresFile: path)
        #expect(ShardFixture.json(result, namedAs: expected) == ShardFixture.json(expected))
        // Without blocks in the partials, a block score file is a usage error.
        let plain = try Self.partial(fixture, Array(fixture.labels.indices), "plain.csv")
        #expect(Self.evaluationError(plain, blockScores: path)?.code == .usage)
    }

    @Test("a merge of one class is single_class, as the whole file would be")
    func singleClass() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 8)
        let normals = fixture.labels.indices.filter { fixture.labels[$0] == 0 }
        let partial = try Self.partial(fixture, Array(normals.prefix(50)), "normals.csv", labels: .own)
        #expect(Self.evaluationError(partial)?.code == .singleClass)
    }
}
