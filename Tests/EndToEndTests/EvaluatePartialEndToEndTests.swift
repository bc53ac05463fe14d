import Foundation
import Testing

/// `toolkit evaluate --partial` and `--merge` run as a user would: a generated dataset's score
/// file in shards, partials merged in a tree through files, the JSON equal to the whole file's;
/// and every refusal as one line with exit code 2 and no output file.
@Suite struct EvaluatePartialEndToEndTests {
    typealias Run = GenerateEndToEndTests.Run

    static func toolkit(_ arguments: [String], in directory: String) throws -> Run {
        try GenerateEndToEndTests.toolkit(arguments, in: directory)
    }

    /// The JSON output without what may differ: the command line and each run's name and file.
    static func comparable(_ json: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !line.hasPrefix("  \"command\": ") && !line.hasPrefix("      \"name\": ") && !line.hasPrefix("      \"file\": ")
        }.joined(separator: "\n")
    }

    /// A zigzag dataset in `cwd/d`, a tied stand-in score for its test rows as `whole.csv` and
    /// the same rows dealt into `count` shard files `shard-i.csv` (score files without labels).
    static func dataset(in cwd: String, shards count: Int) throws -> [String] {
        let generate = try toolkit(["generate", "zigzag", "--out", "d", "--quiet"], in: cwd)
        try #require(generate.status == 0, "\(generate.stderr)")
        let labels = String(decoding: FileManager.default.contents(atPath: cwd + "/d/labels.csv") ?? Data(), as: UTF8.self)
        let rows = labels.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let id = header.firstIndex(of: "id")!, split = header.firstIndex(of: "split")!, label = header.firstIndex(of: "label")!
        var whole = "id,score\n"
        var shards = [String](repeating: "id,score\n", count: count)
        for (index, row) in rows.dropFirst().enumerated().reversed() where row[split] == "test" {
            let score = Double(row[label] == "1" ? index % 7 + 2 : index % 5) / 4
            whole += "\(row[id]),\(score)\n"
            shards[(index * 7919) % count] += "\(row[id]),\(score)\n"
        }
        EvaluateFixtures.write(whole, to: cwd + "/whole.csv")
        for (index, text) in shards.enumerated() { EvaluateFixtures.write(text, to: cwd + "/shard-\(index).csv") }
        return (0..<count).map { "shard-\($0).csv" }
    }

    @Test("--dataset (the recipe's cut-offs and blocks): shards → partials → a tree of merges = the whole file's JSON")
    func datasetShardsMergeToWhole() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let shards = try Self.dataset(in: cwd, shards: 3)
        let cutoffs = ["--cutoff", "youden", "--cutoff", "best-f1", "--cutoff", "top:0.1", "--cutoff", "top:50", "--cutoff", "threshold:0.5"]
        for extra in [[], cutoffs] {
            let whole = try Self.toolkit(["evaluate", "whole.csv", "--dataset", "d", "--format", "json"] + extra, in: cwd)
            try #require(whole.status == 0, "\(whole.stderr)")
            #expect(whole.stdout.contains("\"blocks_from\": \"labels\""))
            for (index, shard) in shards.enumerated() {
                let made = try Self.toolkit(["evaluate", shard, "--dataset", "d", "--partial", "p\(index).partial"] + extra, in: cwd)
                #expect(made.status == 0, "\(made.stderr)")
                #expect(made.stdout.isEmpty)
                if extra.isEmpty { #expect(made.stderr.contains("recipe zigzag's protocol"), "\(made.stderr)") }
            }
            let flat = try Self.toolkit(["evaluate", "--merge", "p2.partial", "p0.partial", "p1.partial", "--format", "json"], in: cwd)
            #expect(flat.status == 0, "\(flat.stderr)")
            #expect(Self.comparable(flat.stdout) == Self.comparable(whole.stdout))
            #expect(flat.stdout.contains("\"file\": \"shard-0.csv (+2 more)\""))
            // (p0 + p1) written as a partial, then merged with p2, written with -o.
            let pair = try Self.toolkit(["evaluate", "--merge", "p0.partial", "p1.partial", "--partial", "p01.partial"], in: cwd)
            #expect(pair.status == 0, "\(pair.stderr)")
            let tree = try Self.toolkit(["evaluate", "--merge", "p01.partial", "p2.partial", "--format", "json", "-o", "merged.json"], in: cwd)
            #expect(tree.status == 0, "\(tree.stderr)")
            let written = String(decoding: FileManager.default.contents(atPath: cwd + "/merged.json") ?? Data(), as: UTF8.self)
            #expect(Self.comparable(written) == Self.comparable(whole.stdout))
        }
        // The other formats render a merge as usual.
        let table = try Self.toolkit(["evaluate", "--merge", "p0.partial", "p1.partial", "p2.partial"], in: cwd)
        #expect(table.status == 0 && table.stdout.contains("Ranking metrics"), "\(table.stderr)")
        // A shard missing: the coverage error, exit 2.
        let missing = try Self.toolkit(["evaluate", "--merge", "p0.partial", "p2.partial"], in: cwd)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("coverage: the partials cover") && missing.stderr.contains("of the 20,000 labelled rows"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)
    }

    @Test("what cannot be merged is refused with one line, exit code 2, and no partial written", arguments: [
        (["--report", "r.html"], "--report draws score histograms"),
        (["--bootstrap", "100"], "--bootstrap resamples the rows"),
        (["--by-kind"], "--by-kind needs each row's anomaly kind"),
        (["--series"], "time-series metrics"),
        (["--cutoff", "calibrated:youden", "--calibrate", "shard-1.csv"], "calibrated cut-offs are not merged"),
        (["--block-scores", "b.csv", "--block-size", "dataset"], "give it to the --merge"),
        (["-o", "out.json"], "-o is for results"),
        (["--partial", "shard-0.csv"], "would overwrite the input file 'shard-0.csv'"),
    ])
    func refusals(extra: [String], fragment: String) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        _ = try Self.dataset(in: cwd, shards: 2)
        let run = try Self.toolkit(["evaluate", "shard-0.csv", "--dataset", "d", "--partial", "p.partial"] + extra, in: cwd)
        #expect(run.status == 2)
        #expect(run.stderr.contains(fragment), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cwd + "/p.partial"))
    }

    @Test("--merge takes labels, cut-offs and blocks from the partials and refuses them on the command line")
    func mergeRefusesFixedOptions() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        _ = try Self.dataset(in: cwd, shards: 2)
        #expect(try Self.toolkit(["evaluate", "shard-0.csv", "--dataset", "d", "--partial", "p.partial"], in: cwd).status == 0)
        for (extra, fragment) in [(["--cutoff", "youden"], "--cutoff is fixed when the partials are made"),
                                  (["--dataset", "d"], "--dataset is fixed"), (["--compare", "a", "b"], "--compare is fixed"),
                                  (["--confidence", "0.9"], "--confidence is fixed"),
                                  (["--report", "r.html"], "--report")] {
            let run = try Self.toolkit(["evaluate", "--merge", "p.partial"] + extra, in: cwd)
            #expect(run.status == 2)
            #expect(run.stderr.contains(fragment), "\(run.stderr)")
        }
        let foreign = try Self.toolkit(["evaluate", "--merge", "shard-0.csv"], in: cwd)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("shard-0.csv:1: bad_partial: not a partial evaluation"), "\(foreign.stderr)")
        // Own labels and fixed-size blocks: the rows' positions are unknown.
        EvaluateFixtures.write("id,label,score\na,1,0.5\nb,0,0.25\n", to: cwd + "/own.csv")
        let blocks = try Self.toolkit(["evaluate", "own.csv", "--block-size", "2", "--partial", "own.partial"], in: cwd)
        #expect(blocks.status == 2)
        #expect(blocks.stderr.contains("not_mergeable: --block-size B needs the rows' positions"), "\(blocks.stderr)")
    }

    /// A zigzag dataset in `cwd/d` and two detectors' score files for its test rows, each with
    /// two runs (`s1`, `s2`; ties in `s1`): whole files `whole-a-00000.csv` and
    /// `whole-b-00000.csv` (named as long as a merged run's `a-0.csv (+2 more)`, so that even the
    /// aligned tables match once the names are replaced) and `count` shards `a-i.csv`, `b-i.csv`
    /// of the same rows, each file in its own row order.
    static func comparison(in cwd: String, shards count: Int) throws {
        let generate = try toolkit(["generate", "zigzag", "--out", "d", "--quiet"], in: cwd)
        try #require(generate.status == 0, "\(generate.stderr)")
        let labels = String(decoding: FileManager.default.contents(atPath: cwd + "/d/labels.csv") ?? Data(), as: UTF8.self)
        let rows = labels.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let id = header.firstIndex(of: "id")!, split = header.firstIndex(of: "split")!, label = header.firstIndex(of: "label")!
        var lines: [(a: String, b: String, shard: Int)] = []
        for (index, row) in rows.dropFirst().enumerated() where row[split] == "test" {
            let anomaly = row[label] == "1"
            let a1 = Double((anomaly ? index % 7 + 2 : index % 5)) / 4, a2 = Double(index * 7919 % 1000) / 1000 + (anomaly ? 0.3 : 0)
            let b1 = Double(index % 3) + (anomaly ? 0.5 : 0), b2 = Double(index * 104_729 % 997) / 997 + (anomaly ? 0.2 : 0)
            lines.append(("\(row[id]),\(a1),\(a2)\n", "\(row[id]),\(b1),\(b2)\n", (index * 31) % count))
        }
        EvaluateFixtures.write("id,s1,s2\n" + lines.map(\.a).joined(), to: cwd + "/whole-a-00000.csv")
        EvaluateFixtures.write("id,s1,s2\n" + lines.reversed().map(\.b).joined(), to: cwd + "/whole-b-00000.csv")
        for shard in 0..<count {
            let mine = lines.filter { $0.shard == shard }
            EvaluateFixtures.write("id,s1,s2\n" + mine.map(\.a).joined(), to: cwd + "/a-\(shard).csv")
            EvaluateFixtures.write("id,s1,s2\n" + mine.enumerated().sorted { ($0.offset * 7) % mine.count < ($1.offset * 7) % mine.count || (($0.offset * 7) % mine.count == ($1.offset * 7) % mine.count && $0.offset < $1.offset) }.map(\.element.b).joined(), to: cwd + "/b-\(shard).csv")
        }
    }

    /// The output with the runs' files as placeholders (the whole files' and the merged runs'
    /// names have the same length) and without the JSON's command line.
    static func named(_ text: String) -> String {
        text.replacingOccurrences(of: "whole-a-00000.csv", with: "<detector A file>")
            .replacingOccurrences(of: "a-0.csv (+2 more)", with: "<detector A file>")
            .replacingOccurrences(of: "whole-b-00000.csv", with: "<detector B file>")
            .replacingOccurrences(of: "b-0.csv (+2 more)", with: "<detector B file>")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  \"command\": ") }.joined(separator: "\n")
    }

    @Test("--compare: shards → comparison partials → a tree of merges = the whole files, in every format, DeLong included")
    func compareShardsMergeToWhole() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try Self.comparison(in: cwd, shards: 3)
        for (a, b) in [("A", "B"), ("A:s1", "B:s2")] {
            let side = { (text: String, file: String) in text.replacingOccurrences(of: text.prefix(1), with: file) }
            let whole = ["--compare", side(a, "whole-a-00000.csv"), side(b, "whole-b-00000.csv")]
            for (index, _) in [0, 1, 2].enumerated() {
                let made = try Self.toolkit(["evaluate", "--dataset", "d", "--compare", side(a, "a-\(index).csv"), side(b, "b-\(index).csv"),
                                             "--partial", "c\(index).partial"], in: cwd)
                #expect(made.status == 0, "\(made.stderr)")
                #expect(made.stdout.isEmpty)
            }
            let pair = try Self.toolkit(["evaluate", "--merge", "c2.partial", "c0.partial", "--partial", "c02.partial"], in: cwd)
            #expect(pair.status == 0, "\(pair.stderr)")
            for format in ["json", "table", "markdown", "csv"] {
                let expected = try Self.toolkit(["evaluate", "--dataset", "d"] + whole + ["--format", format], in: cwd)
                try #require(expected.status == 0, "\(expected.stderr)")
                let flat = try Self.toolkit(["evaluate", "--merge", "c0.partial", "c1.partial", "c2.partial", "--format", format], in: cwd)
                let tree = try Self.toolkit(["evaluate", "--merge", "c1.partial", "c02.partial", "--format", format, "-o", "tree.out"], in: cwd)
                #expect(flat.status == 0 && tree.status == 0, "\(flat.stderr) \(tree.stderr)")
                #expect(Self.named(flat.stdout) == Self.named(expected.stdout), "\(a) vs \(b) \(format)")
                let written = String(decoding: FileManager.default.contents(atPath: cwd + "/tree.out") ?? Data(), as: UTF8.self)
                #expect(Self.named(written) == Self.named(expected.stdout), "\(a) vs \(b) \(format), tree")
                // The same warnings (the recipe's protocol note is printed where the options are applied: with --partial).
                #expect(flat.stderr == expected.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("toolkit: recipe zigzag's protocol") }.joined(separator: "\n"))
                if format == "json" {
                    #expect(expected.stdout.contains("\"delong\": {"))
                    #expect(expected.stdout.contains("\"paired_t_tests\": {\n") == (a == "A"))
                }
            }
        }
    }

    @Test("comparison partials: mixed with ordinary ones, another pair, a shard missing or repeated, ids not shared: one line, exit 2")
    func compareRefusals() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try Self.comparison(in: cwd, shards: 3)
        for index in 0..<3 {
            let made = try Self.toolkit(["evaluate", "--dataset", "d", "--compare", "a-\(index).csv:s1", "b-\(index).csv:s2",
                                         "--partial", "c\(index).partial"], in: cwd)
            #expect(made.status == 0, "\(made.stderr)")
        }
        #expect(try Self.toolkit(["evaluate", "a-1.csv", "--dataset", "d", "--score", "s1", "--partial", "o1.partial"], in: cwd).status == 0)
        #expect(try Self.toolkit(["evaluate", "--dataset", "d", "--compare", "a-1.csv:s2", "b-1.csv:s2", "--partial", "x1.partial"], in: cwd).status == 0)
        for (arguments, fragment) in [
            (["--merge", "c0.partial", "o1.partial"], "partial_mismatch: c0.partial and o1.partial cannot be merged: c0.partial compares two detectors (made with --compare) and o1.partial does not"),
            (["--merge", "c0.partial", "x1.partial"], "partial_mismatch: c0.partial and x1.partial cannot be merged: run 1 is score column 's1' against 's2'"),
            (["--merge", "c0.partial", "c2.partial"], "coverage: column 's1': the partials cover"),
            (["--merge", "c0.partial", "c1.partial", "c0.partial"], "duplicate_shard: column 's1': the score file a-0.csv"),
            (["--dataset", "d", "--compare", "a-0.csv", "b-1.csv", "--partial", "bad.partial"], "missing_score: --compare: id '"),
            (["--dataset", "d", "--compare", "a-0.csv", "b-0.csv", "--partial", "a-0.csv"], "would overwrite the input file 'a-0.csv'"),
        ] {
            let run = try Self.toolkit(["evaluate"] + arguments, in: cwd)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(fragment), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: cwd + "/bad.partial"))
    }
}
