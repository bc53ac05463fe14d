import DataIO
import Evaluation
import Foundation
import Metrics
import Randomness
import Testing

/// Comparison partials (`--compare A B --partial`): merged in any sharding and grouping, they
/// evaluate to the whole files' `--compare` JSON, DeLong's test and the paired t-tests bit for
/// bit (compared: the whole document but the command line and the runs' names and files); a
/// shard that does not score the same rows with both detectors, and partials that do not belong
/// together, are refused with errors naming them.
@Suite struct ComparisonPartialTests {
    /// `--compare` options: A and B as `FILE` or `FILE:COLUMN` references.
    static func options(_ fixture: ShardFixture, a: [String], b: [String], labels: ShardFixture.Labels,
                        blocks: BlockSpec? = nil, confidence: Double = 0.95) -> EvaluationOptions {
        var options = fixture.options([], labels: labels, blocks: blocks)
        options.compare = (a.map { RunReference(parsing: fixture.folder + "/" + $0, exists: FileSystem.exists) },
                           b.map { RunReference(parsing: fixture.folder + "/" + $0, exists: FileSystem.exists) })
        options.confidenceLevel = confidence
        return options
    }

    /// Merges `partials` flat, shuffled, left and right folds, and as a tree of pairs through
    /// files, and checks every result against `expected`.
    static func checkMerges(_ partials: [PartialEvaluation], _ expected: EvaluationResult, folder: String, _ what: String,
                            using g: inout Xoshiro256StarStar) throws {
        let expectedJSON = ShardFixture.json(expected)
        func check(_ merged: PartialEvaluation, _ how: String) throws {
            let result = try Evaluator.evaluate(merged: merged)
            #expect(ShardFixture.json(result, namedAs: expected) == expectedJSON, "\(what), \(how)")
        }
        try check(try PartialEvaluation.merged(partials), "flat")
        try check(try PartialEvaluation.merged(partials.shuffled(using: &g)), "flat, shuffled")
        try check(try partials.dropFirst().reduce(partials[0]) { try PartialEvaluation.merged([$0, $1]) }, "((a+b)+c)…")
        try check(try partials.dropLast().reversed().reduce(partials.last!) { try PartialEvaluation.merged([$1, $0]) }, "a+(b+(c…))")
        var level = try partials.enumerated().map { index, partial in
            let path = folder + "/cmp-\(index).partial"
            try PartialEvaluationFile.write(partial, to: path)
            return path
        }
        var round = 0
        while level.count > 1 {
            level = try stride(from: 0, to: level.count, by: 2).map { index in
                let path = folder + "/cmp-m\(round)-\(index).partial"
                try PartialEvaluationFile.write(try PartialEvaluation.merged(level[index..<min(index + 2, level.count)].map(PartialEvaluationFile.read)), to: path)
                return path
            }
            round += 1
        }
        try check(try PartialEvaluationFile.read(level[0]), "tree of files")
    }

    @Test("--labels / --dataset: each detector's shard in its own row order, paired by id; = the whole files", arguments: [
        (ShardFixture.Labels.file, true), (.file, false), (.dataset, true),
    ])
    func externalLabels(labels: ShardFixture.Labels, ties: Bool) throws {
        let fixture = ShardFixture(rows: 1500, ties: ties, seed: ties ? 31 : 32)
        var g = Xoshiro256StarStar(seed: 5)
        let all = Array(fixture.labels.indices)
        _ = fixture.writeScores(all.shuffled(using: &g), to: "a.csv", label: false)
        _ = fixture.writeScores(all.shuffled(using: &g), to: "b.csv", label: false)
        let blocks: BlockSpec? = labels == .dataset ? .labelColumn : nil
        // One run each (DeLong only), two runs each (paired t-tests and group summaries), 2 against 1 (a warning).
        for (a, b) in [(["a.csv:score"], ["b.csv:second"]), (["a.csv"], ["b.csv:second", "b.csv:score"]), (["a.csv"], ["b.csv:second"])] {
            let expected = try Evaluator.evaluate(Self.options(fixture, a: a, b: b, labels: labels, blocks: blocks))
            #expect(expected.comparison?.delong != nil)
            for count in [1, 2, 7] {
                let shards = fixture.shards(count, seed: UInt64(count) * 7)
                let partials = try shards.enumerated().map { index, rows in
                    _ = fixture.writeScores(rows, to: "a-\(index).csv", label: false)
                    _ = fixture.writeScores(rows.shuffled(using: &g), to: "b-\(index).csv", label: false)
                    let shard = { (references: [String]) in references.map { $0.replacingOccurrences(of: ".csv", with: "-\(index).csv") } }
                    return try PartialEvaluation.make(Self.options(fixture, a: shard(a), b: shard(b), labels: labels, blocks: blocks))
                }
                try Self.checkMerges(partials, expected, folder: fixture.folder, "\(labels) ties \(ties) \(a) vs \(b), \(count) shards", using: &g)
            }
        }
    }

    @Test("own labels: two columns of one file, or two files paired by position (shards in the same order)")
    func ownLabels() throws {
        let fixture = ShardFixture(rows: 1200, ties: true, seed: 33)
        var g = Xoshiro256StarStar(seed: 6)
        for count in [1, 3, 7] {
            let shards = fixture.shards(count, seed: UInt64(count))
            _ = fixture.writeScores(shards.flatMap { $0 }, to: "whole.csv", label: true)
            for (a, b) in [(["whole.csv:score"], ["whole.csv:second"]), (["whole.csv:second"], ["whole.csv"])] {
                let expected = try Evaluator.evaluate(Self.options(fixture, a: a, b: b, labels: .own))
                let partials = try shards.enumerated().map { index, rows in
                    _ = fixture.writeScores(rows, to: "s-\(index).csv", label: true)
                    let shard = { (references: [String]) in references.map { $0.replacingOccurrences(of: "whole.csv", with: "s-\(index).csv") } }
                    return try PartialEvaluation.make(Self.options(fixture, a: shard(a), b: shard(b), labels: .own))
                }
                try Self.checkMerges(partials, expected, folder: fixture.folder, "own labels \(a) vs \(b), \(count) shards", using: &g)
            }
        }
    }

    @Test("own labels that differ between A and B: no DeLong test, as for the whole files; the rest merges")
    func ownLabelsDiffer() throws {
        let fixture = ShardFixture(rows: 900, ties: true, seed: 34)
        var g = Xoshiro256StarStar(seed: 7)
        let shards = fixture.shards(3, seed: 3)
        // B's rows shuffled within each shard: paired by position, their labels differ.
        let shuffled = shards.map { $0.shuffled(using: &g) }
        _ = fixture.writeScores(shards.flatMap { $0 }, to: "a.csv", label: true)
        _ = fixture.writeScores(shuffled.flatMap { $0 }, to: "b.csv", label: true)
        let expected = try Evaluator.evaluate(Self.options(fixture, a: ["a.csv:score"], b: ["b.csv:second"], labels: .own))
        #expect(expected.comparison?.delongUnavailable == "the two runs do not have the same labels")
        let partials = try (0..<3).map { index in
            _ = fixture.writeScores(shards[index], to: "a-\(index).csv", label: true)
            // Only the middle shard's labels differ; the others are B in A's order.
            _ = fixture.writeScores(index == 1 ? shuffled[index] : shards[index], to: "b-\(index).csv", label: true)
            return try PartialEvaluation.make(Self.options(fixture, a: ["a-\(index).csv:score"], b: ["b-\(index).csv:second"], labels: .own))
        }
        #expect(partials.map { $0.comparison?.labelsDiffer } == [false, true, false])
        // The whole files with the other shards in order differ in the middle shard's rows only.
        _ = fixture.writeScores(shards[0] + shuffled[1] + shards[2], to: "b.csv", label: true)
        let wholeB = try Evaluator.evaluate(Self.options(fixture, a: ["a.csv:score"], b: ["b.csv:second"], labels: .own))
        try Self.checkMerges(partials, wholeB, folder: fixture.folder, "labels differ", using: &g)
    }

    @Test("DeLong's confidence level is the partial's (--confidence), and partials of other levels are not merged")
    func confidenceLevel() throws {
        let fixture = ShardFixture(rows: 600, ties: false, seed: 35)
        var g = Xoshiro256StarStar(seed: 8)
        let all = Array(fixture.labels.indices)
        _ = fixture.writeScores(all, to: "a.csv", label: false)
        let expected = try Evaluator.evaluate(Self.options(fixture, a: ["a.csv:score"], b: ["a.csv:second"], labels: .file, confidence: 0.8))
        let shards = fixture.shards(2, seed: 4)
        let partials = try shards.enumerated().map { index, rows in
            _ = fixture.writeScores(rows, to: "c-\(index).csv", label: false)
            return try PartialEvaluation.make(Self.options(fixture, a: ["c-\(index).csv:score"], b: ["c-\(index).csv:second"], labels: .file,
                                                           confidence: index == 0 ? 0.8 : 0.9))
        }
        let error = #expect(throws: DataError.self) { try PartialEvaluation.merged(partials) }
        #expect(error?.code == .partialMismatch)
        #expect(error?.message.contains("the confidence levels differ (--confidence 0.8 against 0.9)") == true, "\(error?.message ?? "")")
        let again = try PartialEvaluation.make(Self.options(fixture, a: ["c-1.csv:score"], b: ["c-1.csv:second"], labels: .file, confidence: 0.8))
        try Self.checkMerges([partials[0], again], expected, folder: fixture.folder, "--confidence 0.8", using: &g)
    }

    @Test("a shard must score the same labelled ids with both detectors (missing_score, naming the id and both files)")
    func differentIds() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 36)
        let a = fixture.writeScores(Array(0..<100), to: "a.csv", label: false)
        let b = fixture.writeScores(Array(1..<101), to: "b.csv", label: false)
        for (first, second, id, absent) in [("a.csv", "b.csv", fixture.ids[0], b), ("b.csv", "a.csv", fixture.ids[100], a)] {
            let error = #expect(throws: DataError.self) {
                try PartialEvaluation.make(Self.options(fixture, a: [first], b: [second], labels: .file))
            }
            #expect(error?.code == .missingScore)
            #expect(error?.file == absent)
            #expect(error?.message.contains("id '\(id)' is scored in ") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("each shard must score the same labelled ids with both") == true)
        }
        // B scoring more ids than A.
        _ = fixture.writeScores(Array(0..<101), to: "b.csv", label: false)
        let more = #expect(throws: DataError.self) { try PartialEvaluation.make(Self.options(fixture, a: ["a.csv"], b: ["b.csv"], labels: .file)) }
        #expect(more?.code == .missingScore)
        #expect(more?.message.contains("id '\(fixture.ids[100])' is scored in \(b) but not in \(a)") == true, "\(more?.message ?? "")")
        // Own labels: as many rows of both, or no position pairing.
        _ = fixture.writeScores(Array(0..<100), to: "a.csv", label: true)
        _ = fixture.writeScores(Array(0..<90), to: "b.csv", label: true)
        let own = #expect(throws: DataError.self) { try PartialEvaluation.make(Self.options(fixture, a: ["a.csv"], b: ["b.csv"], labels: .own)) }
        #expect(own?.code == .notMergeable)
        #expect(own?.message.contains("this shard has 100 rows of one and 90 of the other") == true, "\(own?.message ?? "")")
    }

    @Test("comparison partials do not merge with ordinary ones, other run pairs, or themselves")
    func mismatches() throws {
        let fixture = ShardFixture(rows: 300, ties: true, seed: 37)
        let shards = fixture.shards(2, seed: 5)
        for (index, rows) in shards.enumerated() { _ = fixture.writeScores(rows, to: "x\(index).csv", label: false) }
        let first = try PartialEvaluation.make(Self.options(fixture, a: ["x0.csv:score"], b: ["x0.csv:second"], labels: .file))
        func mergeError(_ second: PartialEvaluation) -> DataError? {
            #expect(throws: DataError.self) { try PartialEvaluation.merged([first, second]) }
        }
        var ordinary = fixture.options([fixture.folder + "/x1.csv"], labels: .file, blocks: nil)
        ordinary.scoreColumns = ["score", "second"]
        let plain = mergeError(try PartialEvaluation.make(ordinary))
        #expect(plain?.code == .partialMismatch)
        #expect(plain?.message.contains("compares two detectors (made with --compare) and the partial of \(fixture.folder)/x1.csv does not") == true,
                "\(plain?.message ?? "")")
        let swapped = mergeError(try PartialEvaluation.make(Self.options(fixture, a: ["x1.csv:second"], b: ["x1.csv:score"], labels: .file)))
        #expect(swapped?.message.contains("run 1 is score column 'score' against 'second'") == true, "\(swapped?.message ?? "")")
        let split = mergeError(try PartialEvaluation.make(Self.options(fixture, a: ["x1.csv:score", "x1.csv:second"], b: ["x1.csv:second"], labels: .file)))
        #expect(split?.message.contains("2 runs (score columns) against 3") == true, "\(split?.message ?? "")")
        var groups = try PartialEvaluation.make(Self.options(fixture, a: ["x1.csv:score"], b: ["x1.csv:second"], labels: .file))
        groups.comparison?.aRuns = 2
        let moved = mergeError(groups)
        #expect(moved?.message.contains("--compare A has 1 runs (of 2) against 2") == true, "\(moved?.message ?? "")")
        let twice = #expect(throws: DataError.self) { try PartialEvaluation.merged([first, first]) }
        #expect(twice?.code == .duplicateShard)
    }

    @Test("the comparison's pair table is written as format 2 and read back; damaged counts are bad_partial")
    func file() throws {
        let fixture = ShardFixture(rows: 400, ties: true, seed: 38)
        _ = fixture.writeScores(Array(0..<200), to: "h.csv", label: false)
        let partial = try PartialEvaluation.make(Self.options(fixture, a: ["h.csv:score"], b: ["h.csv:second"], labels: .file, confidence: 0.9))
        let path = fixture.folder + "/h.partial"
        try PartialEvaluationFile.write(partial, to: path)
        let read = try PartialEvaluationFile.read(path)
        #expect(read.comparison?.aRuns == 1)
        #expect(read.comparison?.confidenceLevel == 0.9)
        #expect(read.comparison?.labelsDiffer == false)
        #expect(try read.comparison?.pairs() == (try partial.comparison?.pairs()))
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(String(decoding: bytes.prefix(36), as: UTF8.self) == "toolkit partial evaluation, format 2")
        // 24 bytes per distinct pair after the runs' 16 bytes per distinct score.
        let pairs = try #require(try partial.comparison?.pairs())
        let expectedBody = 16 * (try partial.runs.reduce(0) { $0 + (try $1.counts()).count }) + 24 * pairs.count
        let bodyStart = bytes.firstIndex(of: 0x0A).flatMap { first in bytes[(first + 1)...].firstIndex(of: 0x0A) }! + 1
        #expect(bytes.count - bodyStart == expectedBody)
        // The header edited (same length, the body and its checksum intact).
        let header = String(decoding: bytes[..<bodyStart], as: UTF8.self)
        let edited = fixture.folder + "/edited.partial"
        for (from, to, fragment) in [("\"a_runs\":1", "\"a_runs\":2", "a_runs"), ("\"format\":2", "\"format\":1", "'format' must be 2, as the first line says"),
                                     ("\"labels_differ\":false", "\"labels_differ\":\"fal\"", "labels_differ"),
                                     ("\"pairs\":\(pairs.count)", "\"pairs\":\(pairs.count - 1)", "body_words"),
                                     ("\"comparison\"", "\"comparisoN\"", "'comparison' must be an object")] {
            let changed = header.replacingOccurrences(of: from, with: to)
            #expect(changed != header && changed.utf8.count == header.utf8.count, "\(from)")
            _ = FileManager.default.createFile(atPath: edited, contents: Data(changed.utf8) + bytes[bodyStart...])
            let error = #expect(throws: DataError.self) { try PartialEvaluationFile.read(edited) }
            #expect(error?.code == .badPartial)
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
        }
        // An ordinary partial stays format 1.
        var ordinary = fixture.options([fixture.folder + "/h.csv"], labels: .file, blocks: nil)
        ordinary.scoreColumns = ["score"]
        try PartialEvaluationFile.write(try PartialEvaluation.make(ordinary), to: path)
        #expect(String(decoding: (FileManager.default.contents(atPath: path) ?? Data()).prefix(36), as: UTF8.self) == "toolkit partial evaluation, format 1")
    }
}
