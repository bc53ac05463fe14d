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
                                  (["--dataset", "d"], "--dataset is fixed"), (["--compare", "a", "b"], "--compare"),
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
}
