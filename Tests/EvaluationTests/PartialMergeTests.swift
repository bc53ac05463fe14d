import DataIO
import Evaluation
import Foundation
import Metrics
import Randomness
import Testing

/// Merging partial evaluations: the merge of the partials of any sharding of a score file, in
/// any grouping and order, evaluates to the JSON of the whole file, every number bit for bit.
/// Compared: the whole JSON document but the command line and each run's `name` and `file`
/// (a merged run comes from several files).
@Suite struct PartialMergeTests {
    static let arguments: [(ShardFixture.Labels, Bool)] = [(.own, true), (.own, false), (.file, true), (.file, false),
                                                            (.dataset, true), (.dataset, false)]

    @Test("merged partials = the whole file, for 1, 2 and 7 shards in several groupings", arguments: arguments)
    func equalsWholeFile(labels: ShardFixture.Labels, ties: Bool) throws {
        let fixture = ShardFixture(rows: 1200, ties: ties, seed: ties ? 11 : 12)
        var g = Xoshiro256StarStar(seed: 3)
        let own = labels == .own
        let whole = fixture.writeScores(Array(fixture.labels.indices).shuffled(using: &g), to: "whole.csv", label: own)
        let blockOptions: [BlockSpec?] = labels == .own ? [nil] : labels == .file ? [nil, .size(20), .labelColumn] : [.labelColumn]
        for blocks in blockOptions {
            let expected = try Evaluator.evaluate(fixture.options([whole], labels: labels, blocks: blocks))
            let expectedJSON = ShardFixture.json(expected)
            #expect(expected.runs.count == 2 && expected.summaries.count == 1)
            #expect(expectedJSON.contains("\"n_blocks\"") == (blocks != nil))
            for count in [1, 2, 7] {
                let shards = fixture.shards(count, seed: UInt64(count) * 101)
                let files = shards.enumerated().map { fixture.writeScores($1, to: "shard-\(count)-\($0).csv", label: own) }
                let partials = try files.map { try PartialEvaluation.make(fixture.options([$0], labels: labels, blocks: blocks)) }
                func check(_ merged: PartialEvaluation, _ how: String) throws {
                    let result = try Evaluator.evaluate(merged: merged)
                    #expect(ShardFixture.json(result, namedAs: expected) == expectedJSON, "\(labels) ties \(ties) blocks \(String(describing: blocks)) \(count) shards, \(how)")
                }
                try check(try PartialEvaluation.merged(partials), "flat")
                try check(try PartialEvaluation.merged(partials.shuffled(using: &g)), "flat, shuffled")
                try check(try partials.dropFirst().reduce(partials[0]) { try PartialEvaluation.merged([$0, $1]) }, "((a+b)+c)…")
                try check(try partials.dropLast().reversed().reduce(partials.last!) { try PartialEvaluation.merged([$1, $0]) }, "a+(b+(c…))")
                // Through files, as a tree reduction on a cluster would: pairs, then the rest.
                let paths = try partials.enumerated().map { index, partial in
                    let path = fixture.folder + "/p-\(count)-\(index).partial"
                    try PartialEvaluationFile.write(partial, to: path)
                    return path
                }
                var level = paths
                var round = 0
                while level.count > 1 {
                    var next: [String] = []
                    var index = 0
                    while index < level.count {
                        let group = Array(level[index..<min(index + 2, level.count)])
                        let path = fixture.folder + "/m-\(count)-\(round)-\(index).partial"
                        try PartialEvaluationFile.write(try PartialEvaluation.merged(group.map(PartialEvaluationFile.read)), to: path)
                        next.append(path)
                        index += 2
                    }
                    level = next
                    round += 1
                }
                try check(try PartialEvaluationFile.read(level[0]), "tree of files")
            }
        }
    }

    @Test("several score files in one partial: one run per column of each file, each shard split its own way")
    func severalFiles() throws {
        let fixture = ShardFixture(rows: 600, ties: true, seed: 21)
        var g = Xoshiro256StarStar(seed: 4)
        let wholeA = fixture.writeScores(Array(fixture.labels.indices), to: "a.csv", label: false)
        let wholeB = fixture.writeScores(Array(fixture.labels.indices).shuffled(using: &g), to: "b.csv", label: false)
        let expected = try Evaluator.evaluate(fixture.options([wholeA, wholeB], labels: .file, blocks: .size(7)))
        #expect(expected.runs.count == 4)
        let shardsA = fixture.shards(3, seed: 1), shardsB = fixture.shards(3, seed: 2)
        let partials = try (0..<3).map { s in
            try PartialEvaluation.make(fixture.options([fixture.writeScores(shardsA[s], to: "a-\(s).csv", label: false),
                                                        fixture.writeScores(shardsB[s], to: "b-\(s).csv", label: false)],
                                                       labels: .file, blocks: .size(7)))
        }
        let result = try Evaluator.evaluate(merged: try PartialEvaluation.merged(partials))
        #expect(ShardFixture.json(result, namedAs: expected) == ShardFixture.json(expected))
        #expect(result.runs.map(\.file) == ["a-0.csv (+2 more)", "a-0.csv (+2 more)", "b-0.csv (+2 more)", "b-0.csv (+2 more)"].map { fixture.folder + "/" + $0 })
    }

    @Test("--lower-is-anomalous: the negated scores are summarised and merged")
    func lowerIsAnomalous() throws {
        let fixture = ShardFixture(rows: 400, ties: true, seed: 5)
        let whole = fixture.writeScores(Array(fixture.labels.indices), to: "whole.csv", label: true)
        var options = fixture.options([whole], labels: .own, blocks: nil)
        options.lowerIsAnomalous = true
        let expected = try Evaluator.evaluate(options)
        let partials = try fixture.shards(3, seed: 9).enumerated().map { index, rows in
            var shard = options
            shard.scoreFiles = [fixture.writeScores(rows, to: "s\(index).csv", label: true)]
            return try PartialEvaluation.make(shard)
        }
        let result = try Evaluator.evaluate(merged: try PartialEvaluation.merged(partials))
        #expect(ShardFixture.json(result, namedAs: expected) == ShardFixture.json(expected))
    }

    /// Two shards of the fixture as partials made with `options` changed by `change` for the second.
    static func pair(_ fixture: ShardFixture, labels: ShardFixture.Labels = .file, blocks: BlockSpec? = nil,
                     change: (inout EvaluationOptions) -> Void = { _ in }) throws -> [PartialEvaluation] {
        let shards = fixture.shards(2, seed: 8)
        var first = fixture.options([fixture.writeScores(shards[0], to: "x0.csv", label: labels == .own)], labels: labels, blocks: blocks)
        var second = fixture.options([fixture.writeScores(shards[1], to: "x1.csv", label: labels == .own)], labels: labels, blocks: blocks)
        first.scoreColumns = ["score"]
        second.scoreColumns = ["score"]
        change(&second)
        return [try PartialEvaluation.make(first), try PartialEvaluation.make(second)]
    }

    static func mergeError(_ parts: [PartialEvaluation]) -> DataError? {
        #expect(throws: DataError.self) { try PartialEvaluation.merged(parts) }
    }

    @Test("partials made with different options, labels or columns are not merged (naming both and the difference)")
    func mismatches() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 6)
        let cases: [(String, (inout EvaluationOptions) -> Void)] = [
            ("the cut-offs differ", { $0.cutoffs = [try! CutoffSpec(parsing: "youden")] }),
            ("the blocks differ", { $0.blocks = .size(10) }),
            ("--lower-is-anomalous", { $0.lowerIsAnomalous = true }),
            ("run 1 is score column 'score' against 'second'", { $0.scoreColumns = ["second"] }),
            ("1 runs (score columns) against 2", { $0.scoreColumns = ["score", "second"] }),
            ("the labels come from label-file", { $0.labelsPath = nil; $0.datasetPath = fixture.datasetPath }),
        ]
        for (fragment, change) in cases {
            let error = Self.mergeError(try Self.pair(fixture, change: change))
            #expect(error?.code == .partialMismatch, "\(fragment)")
            #expect(error?.message.contains(fragment) == true, "\(fragment): \(error?.message ?? "")")
            #expect(error?.message.contains("cannot be merged") == true)
        }
        // Another label file (other content): its SHA-256 differs.
        let other = fixture.folder + "/other-labels.csv"
        let text = try String(contentsOfFile: fixture.labelsPath, encoding: .utf8).replacingOccurrences(of: ",0,", with: ",0, ")
        try text.write(toFile: other, atomically: false, encoding: .utf8)
        let error = Self.mergeError(try Self.pair(fixture) { $0.labelsPath = other })
        #expect(error?.code == .partialMismatch)
        #expect(error?.message.contains("the label files differ") == true, "\(error?.message ?? "")")
        // Own labels against external ones.
        let mixed = Self.mergeError([try Self.pair(fixture, labels: .own)[0], try Self.pair(fixture)[1]])
        #expect(mixed?.code == .partialMismatch)
    }

    @Test("the same score file in two partials is refused (its rows would count twice), also through a merge")
    func duplicateShard() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 7)
        let parts = try Self.pair(fixture, labels: .own)
        let error = Self.mergeError([parts[0], parts[1], parts[0]])
        #expect(error?.code == .duplicateShard)
        let merged = try PartialEvaluation.merged(parts)
        #expect(Self.mergeError([merged, parts[1]])?.code == .duplicateShard)
    }

    @Test("more labelled rows covered than labelled is refused at once")
    func overCoverage() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 8)
        let all = Array(fixture.labels.indices)
        let a = try PartialEvaluation.make(fixture.options([fixture.writeScores(all, to: "all-a.csv", label: false)], labels: .file, blocks: nil))
        let b = try PartialEvaluation.make(fixture.options([fixture.writeScores(Array(all.prefix(5)), to: "five.csv", label: false)], labels: .file, blocks: nil))
        let error = Self.mergeError([a, b])
        #expect(error?.code == .coverage)
        #expect(error?.message.contains("305 rows of the 300 labelled rows") == true, "\(error?.message ?? "")")
    }

    /// A summary of `rows` rows all scoring 0.25 (half of them anomalous), made from its words
    /// as a partial file's would be: the row count of a huge shard without its rows.
    static func counts(rows: Int) throws -> DistinctScoreCounts {
        let positives = UInt64(rows / 2), negatives = UInt64(rows - rows / 2)
        return try DistinctScoreCounts(words: [DistinctScoreCounts.key(of: 0.25), negatives << 32 | positives])
    }

    /// Partials whose row counts are each within ``BinaryCurve/maximumCount`` but add past it
    /// are refused with `too_many_rows` naming the column and both numbers; adding up to
    /// exactly the maximum is merged (the bound is inclusive). The counts are not merged
    /// eagerly, so the huge summary costs nothing.
    @Test("partials adding past the curve's maximum row count are refused with too_many_rows, naming the column")
    func tooManyRows() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 9)
        var parts = try Self.pair(fixture)
        let others = parts[1].runs[0].rowCount
        #expect(others > 0)

        parts[0].runs[0].countParts = [try Self.counts(rows: BinaryCurve.maximumCount - others)]
        let atLimit = try PartialEvaluation.merged(parts)
        #expect(atLimit.runs[0].rowCount == BinaryCurve.maximumCount)

        parts[0].runs[0].countParts = [try Self.counts(rows: BinaryCurve.maximumCount - others + 1)]
        let error = Self.mergeError(parts)
        #expect(error?.code == .tooManyRows)
        let expected = "column 'score': the partials hold \(Thousands.grouped(BinaryCurve.maximumCount + 1)) rows, more than the \(Thousands.grouped(BinaryCurve.maximumCount))"
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        // Through a merge of merges, too: the first step holds all but one of the rows.
        let most = try PartialEvaluation.merged([parts[0]])
        #expect(Self.mergeError([most, parts[1]])?.code == .tooManyRows)
    }

    /// A block split over two shards: each shard's part of it is within
    /// ``BlockTally/exactMagnitudeLimit`` (largest |score| · rows ≤ 2¹⁰¹⁶ ≈ 7.02e305), so each
    /// partial is made, but the merged block (5 rows of 2e305: 1e306) is not, and the merge is
    /// refused with `not_mergeable` naming the column and the block. The same shards at 1e305
    /// (merged 5e305, within the limit) merge.
    @Test("a block within range in every shard but out of range once merged is refused with not_mergeable")
    func blockOutOfRangeOnlyWhenMerged() throws {
        let fixture = ShardFixture(rows: 50, ties: true, seed: 10)
        // --block-size 5: block 0 is the label file's rows 0..<5; shard A has 3 of them, B 2.
        func shards(_ huge: String) throws -> [PartialEvaluation] {
            let split = [Array(0..<3) + Array(5..<25), Array(3..<5) + Array(25..<50)]
            return try split.enumerated().map { shard, rows in
                let file = fixture.folder + "/huge-\(huge)-\(shard).csv"
                var text = "id,score\n"
                for i in rows { text += "\(fixture.ids[i]),\(i < 5 ? huge : "0.5")\n" }
                _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
                var options = fixture.options([file], labels: .file, blocks: .size(5))
                options.scoreColumns = []
                return try PartialEvaluation.make(options)
            }
        }
        #expect(3 * 2e305 <= BlockTally.exactMagnitudeLimit && 5 * 2e305 > BlockTally.exactMagnitudeLimit)
        let parts = try shards("2e305")
        #expect(parts.allSatisfy { $0.runs[0].blocks?.allSatisfy(\.isWithinExactRange) == true })
        let error = Self.mergeError(parts)
        #expect(error?.code == .notMergeable)
        #expect(error?.message.contains("column 'score', block 0:") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("over 5 rows") == true, "\(error?.message ?? "")")
        #expect(Self.mergeError(parts.reversed())?.code == .notMergeable)

        let merged = try PartialEvaluation.merged(try shards("1e305"))
        let block = try #require(merged.runs[0].blocks?.first)
        #expect(block.index == 0 && block.rows == 5 && block.isWithinExactRange)
    }
}
