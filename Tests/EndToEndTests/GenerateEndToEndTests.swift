import Foundation
import Testing

/// Runs the built `toolkit` binary as a user would, from a fresh temporary working directory.
@Suite struct GenerateEndToEndTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func toolkit(_ arguments: [String], in directory: String) throws -> Run {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("toolkit")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func workingDirectory() -> String {
        temporaryFolder(prefix: "toolkit-e2e-")
    }

    static func manifest(_ folder: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as! [String: Any]
    }

    @Test func generateZigzagTwiceIsByteIdenticalAndASecondSeedDiffers() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let first = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "a", "--seed", "3"], in: cwd)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("wrote a (recipe zigzag, seed 3"))
        #expect(first.stdout.contains("20,000 rows    10,000 anomalies (copy_train 5,000, random_ids 5,000), 200 blocks"))
        _ = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "b", "--seed", "3", "--quiet"], in: cwd)
        _ = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "c", "--seed", "4", "--quiet"], in: cwd)
        for name in ["train.csv", "test.csv", "labels.csv", "manifest.json"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: cwd + "/a/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: cwd + "/b/" + name))
            #expect(a == b, "\(name) differs between two runs with the same seed")
        }
        let filesA = try GenerateEndToEndTests.manifest(cwd + "/a")["files"] as! [String: [String: Any]]
        let filesC = try GenerateEndToEndTests.manifest(cwd + "/c")["files"] as! [String: [String: Any]]
        #expect(filesA["test.csv"]!["sha256"] as! String != filesC["test.csv"]!["sha256"] as! String)
    }

    @Test func existingOutputIsRefusedUnlessForced() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        _ = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"], in: cwd)
        let again = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"], in: cwd)
        #expect(again.status == 2)
        #expect(again.stderr == "toolkit: error: d: the output folder already exists (use --force to replace it)\n")
        let forced = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet", "--force", "--seed", "9"], in: cwd)
        #expect(forced.status == 0)
        // A file at --out: not "use --force", which replaces only a dataset folder.
        try "x".write(toFile: cwd + "/afile", atomically: false, encoding: .utf8)
        let file = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "afile", "--quiet"], in: cwd)
        #expect(file.status == 2 && file.stderr == "toolkit: error: afile: exists and is not a folder; give --out a folder path (--force replaces only a dataset folder)\n", "\(file.stderr)")
        #expect(try GenerateEndToEndTests.manifest(cwd + "/d")["seed"] as? Int == 9)
    }

    @Test func badOverrideFailsWithExitCode2AndWritesNothing() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let run = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "e", "--set", "generator.noise.fraction=1.5"], in: cwd)
        #expect(run.status == 2)
        #expect(run.stderr == "toolkit: error: zigzag: generator.noise.fraction: must be in [0, 1], got 1.5\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cwd).isEmpty)
    }

    @Test func gzipFormatAndDefaultOutputFolder() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let run = try GenerateEndToEndTests.toolkit(["generate", "zigzag-amad-code", "--format", "csv.gz", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cwd + "/zigzag-amad-code").sorted()
        #expect(files == ["labels.csv.gz", "manifest.json", "test.csv.gz", "train.csv.gz"])
        let gzip = try Data(contentsOf: URL(fileURLWithPath: cwd + "/zigzag-amad-code/test.csv.gz"))
        #expect(gzip.prefix(2) == Data([0x1F, 0x8B]))
    }

    @Test func recipesListAndShow() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let list = try GenerateEndToEndTests.toolkit(["recipes"], in: cwd)
        #expect(list.status == 0)
        for name in ["zigzag", "zigzag-amad-code", "connect4", "kddcup99", "kddcup99-contaminated", "kddcup99-contaminated-10", "kddcup99-contaminated-20", "arrhythmia", "arrhythmia-toll"] {
            #expect(list.stdout.contains("\n\(name) ") || list.stdout.hasPrefix("\(name) "), "\(name) missing from the list")
        }
        #expect(list.stdout.contains(" AMAD synthetic zigzag\n"))
        let show = try GenerateEndToEndTests.toolkit(["recipes", "show", "zigzag", "--set", "generator.rows.test=30000"], in: cwd)
        #expect(show.status == 0)
        #expect(show.stdout.contains("    test: 30000\n"))
        #expect(show.stdout.hasPrefix("version: 1\nname: zigzag\n"))
        let unknown = try GenerateEndToEndTests.toolkit(["recipes", "show", "zigzog"], in: cwd)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'zigzag'?"))
    }

    @Test func usageErrorsExitWith2() throws {
        let run = try GenerateEndToEndTests.toolkit(["generate"], in: GenerateEndToEndTests.workingDirectory())
        #expect(run.status == 2)
        #expect(run.stderr.contains("Missing expected argument '<recipe>'"))
    }
}
