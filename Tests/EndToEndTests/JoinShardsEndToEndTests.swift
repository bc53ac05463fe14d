import Foundation
import Testing

/// `toolkit join-shards` as a user runs it: shards made by separate processes, joined, equal the
/// single run's folder file for file; an error is one line, exit 2, nothing written.
@Suite struct JoinShardsEndToEndTests {
    static let size = ["--set", "generator.rows={train: 3000, test: 1200}", "--set", "generator.anomalies.count=500"]

    @Test func shardsJoinIntoTheSingleRunsFolder() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let single = try GenerateEndToEndTests.toolkit(["generate", "behaviour-logs"] + Self.size + ["--out", "single", "--quiet"], in: cwd)
        #expect(single.status == 0, "\(single.stderr)")
        try FileManager.default.createDirectory(atPath: cwd + "/parts", withIntermediateDirectories: false)
        for i in 1...3 {
            let part = try GenerateEndToEndTests.toolkit(["generate", "behaviour-logs"] + Self.size + ["--shard", "\(i)/3",
                                                          "--out", "parts/\(i)", "--quiet"], in: cwd)
            #expect(part.status == 0, "\(part.stderr)")
        }
        // The default output folder is the recipe's name, as for generate.
        let run = try GenerateEndToEndTests.toolkit(["join-shards", "parts/3", "parts/1", "parts/2", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("wrote behaviour-logs (recipe behaviour-logs, seed 1, synthetic)\n  joined 3 shards"))
        #expect(run.stdout.contains("1,200 rows       500 anomalies"))
        let names = try FileManager.default.contentsOfDirectory(atPath: cwd + "/single").sorted()
        #expect(names == ["labels.csv", "manifest.json", "test.csv", "train.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cwd + "/behaviour-logs").sorted() == names)
        for name in names {
            let a = try Data(contentsOf: URL(fileURLWithPath: cwd + "/single/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: cwd + "/behaviour-logs/" + name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test func aMissingShardIsOneLineAndWritesNothing() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        for i in [1, 4] {
            _ = try GenerateEndToEndTests.toolkit(["generate", "solar-pv", "--shard", "\(i)/4", "--out", "p\(i)", "--quiet"], in: cwd)
        }
        let run = try GenerateEndToEndTests.toolkit(["join-shards", "p1", "p4", "--out", "pv"], in: cwd)
        #expect(run.status == 2)
        #expect(run.stderr == "toolkit: error: shards 2/4 and 3/4 are missing (expected all of 1/4 ... 4/4)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cwd).sorted() == ["p1", "p4"])
        let none = try GenerateEndToEndTests.toolkit(["join-shards", "--out", "pv"], in: cwd)
        #expect(none.status == 2)
        #expect(none.stderr.split(separator: "\n").count == 1 && none.stderr.contains("give the shard folders to join"))
    }
}
