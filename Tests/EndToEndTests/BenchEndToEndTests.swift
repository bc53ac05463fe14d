import Foundation
import Testing

/// `toolkit bench` through the binary, including a kill in the middle and a restart.
@Suite struct BenchEndToEndTests {
    /// A bench killed (SIGKILL) after two runs have finished, then started again: the finished
    /// runs' score files are kept (not rewritten), the rest are computed, the leaderboard lists
    /// every detector. The kill must land in the middle: 8 runs of 4 detectors (32 runs of
    /// 0.1-0.4 s each on the 2-core VM, about 7 s in all) leave seconds of work after the
    /// second run, against 20 ms between two polls; the test checks that the process died of
    /// the signal and that fewer than all runs had finished, else it would test nothing.
    @Test func killedBenchResumesWithoutRecomputingFinishedRuns() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let detectors = ["iforest", "hbos", "pca", "knn"], runs = 8
        let arguments = ["bench", "zigzag-paper", "--detectors", detectors.joined(separator: ","), "--runs", String(runs),
                         "--out", "b", "--quiet"]
        // Start, wait until some score files exist, kill it hard.
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("toolkit")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func scoreFiles() -> [String] {
            let builds = (try? FileManager.default.contentsOfDirectory(atPath: cwd + "/b/cache")) ?? []
            guard let build = builds.first else { return [] }
            let root = cwd + "/b/cache/" + build + "/scores"
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            return folders.flatMap { folder in
                ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? [])
                    .filter { $0.hasSuffix(".csv") && !$0.hasPrefix(".") }.map { root + "/" + folder + "/" + $0 }
            }
        }
        let deadline = Date().addingTimeInterval(120)
        while scoreFiles().filter({ FileManager.default.fileExists(atPath: $0 + ".sha256") }).count < 2 && process.isRunning && Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                "the bench was not killed: \(process.terminationReason) \(process.terminationStatus)")
        // Finished = written and digested (a file killed between the two is recomputed).
        let finished = scoreFiles().filter { FileManager.default.fileExists(atPath: $0 + ".sha256") }
        #expect(finished.count >= 2 && finished.count < runs * detectors.count, "\(finished.count) runs finished before the kill")
        let stamps = try finished.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as! Date }

        let restart = try GenerateEndToEndTests.toolkit(arguments, in: cwd)
        #expect(restart.status == 0, "\(restart.stderr)")
        #expect(scoreFiles().count == runs * detectors.count)
        // The runs finished before the kill were kept, not recomputed.
        for (file, stamp) in zip(finished, stamps) {
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as! Date == stamp)
        }
        let board = try String(contentsOfFile: cwd + "/b/zigzag-paper/leaderboard.md", encoding: .utf8)
        for detector in detectors { #expect(board.contains("| \(detector) |")) }
        // Every score file is complete: a header and 2,000 rows.
        for file in scoreFiles() {
            #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == 2001)
        }
    }

    /// `bench --plan`, every unit through `run-task` (the index from --index, from Slurm's and
    /// from Kubernetes' variables, by stage), then `bench --collect`: the sequential bench's
    /// leaderboards, byte for byte.
    @Test func planRunTaskAndCollectGiveTheSequentialBenchsFiles() throws {
        let sequential = GenerateEndToEndTests.workingDirectory(), planned = GenerateEndToEndTests.workingDirectory()
        let grid = ["bench", "zigzag-paper", "arrhythmia", "--detectors", "hbos,pca", "--runs", "2", "--out", "b", "--quiet"]
        #expect(try GenerateEndToEndTests.toolkit(grid, in: sequential).status == 0)
        let plan = try GenerateEndToEndTests.toolkit(grid + ["--plan", "plan.jsonl"], in: planned)
        #expect(plan.status == 0 && plan.stdout.contains("11 tasks: 2 datasets (0-1), 8 detector runs (2-9), leaderboards (10)"), "\(plan.stdout)")
        #expect(!FileManager.default.fileExists(atPath: planned + "/b/zigzag-paper"))
        func runTask(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("toolkit")
            process.currentDirectoryURL = URL(fileURLWithPath: "/")  // run-task changes to the plan's folder itself
            process.arguments = ["run-task", planned + "/plan.jsonl", "--quiet"] + arguments
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM") && $0.key != "JOB_COMPLETION_INDEX" }
                .merging(environment) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stdout, stderr)
        }
        // A detector run before its dataset: refused, exit 2, naming the unit to run first.
        let early = try runTask(["--index", "2"])
        #expect(early.status == 2 && early.stderr.contains("run task 0"), "\(early.stderr)")
        #expect(try runTask(["--index", "0"]).stdout.contains("dataset/zigzag-paper-"))
        #expect(try runTask([], environment: ["SLURM_ARRAY_TASK_ID": "1"]).status == 0)
        for position in 0..<8 {
            let run = try runTask(["--stage", "1"], environment: ["JOB_COMPLETION_INDEX": String(position)])
            #expect(run.status == 0 && run.stdout.contains(": done in "), "\(run.stderr)")
        }
        let again = try runTask(["--index", "5"])
        #expect(again.status == 0 && again.stdout.contains("already done (outputs verified)"))
        let collect = try GenerateEndToEndTests.toolkit(grid + ["--collect"], in: planned)
        #expect(collect.status == 0, "\(collect.stderr)")
        for file in ["zigzag-paper/leaderboard.md", "zigzag-paper/metrics.json", "arrhythmia/leaderboard.md", "summary.md"] {
            let ours = try #require(FileManager.default.contents(atPath: planned + "/b/" + file), "\(file)")
            #expect(ours == FileManager.default.contents(atPath: sequential + "/b/" + file), "\(file)")
        }
        let beyond = try runTask(["--index", "11"])
        #expect(beyond.status == 2 && beyond.stderr.contains("no task 11"))
        let missing = try GenerateEndToEndTests.toolkit(["bench", "connect4", "--detectors", "hbos", "--out", "b", "--collect"], in: planned)
        #expect(missing.status == 2 && missing.stderr.contains("have not finished"))
    }

    /// `run-task --cwd DIR`: the plan's folder seen at another path (another machine's mount).
    /// Without `--cwd` the recorded folder is gone and the unit is refused, asking for it; with
    /// it the unit runs there; a `--cwd` that does not exist is named as such.
    @Test func runTaskCwdIsWhereThisMachineSeesThePlansFolder() throws {
        let root = GenerateEndToEndTests.workingDirectory()
        let planned = root + "/here", elsewhere = root + "/there"
        try FileManager.default.createDirectory(atPath: planned, withIntermediateDirectories: false)
        let grid = ["bench", "zigzag-paper", "--detectors", "hbos", "--runs", "1", "--out", "b", "--quiet"]
        #expect(try GenerateEndToEndTests.toolkit(grid + ["--plan", "plan.jsonl"], in: planned).status == 0)
        try FileManager.default.moveItem(atPath: planned, toPath: elsewhere)
        let plan = elsewhere + "/plan.jsonl"
        let lost = try GenerateEndToEndTests.toolkit(["run-task", plan, "--index", "0", "--quiet"], in: root)
        #expect(lost.status == 2 && lost.stderr.contains("\(planned): cannot change to the plan's folder") && lost.stderr.contains("give --cwd"), "\(lost.stderr)")
        let missing = try GenerateEndToEndTests.toolkit(["run-task", plan, "--index", "0", "--cwd", root + "/nowhere", "--quiet"], in: root)
        #expect(missing.status == 2 && missing.stderr.contains("\(root)/nowhere: --cwd: no such folder"), "\(missing.stderr)")
        for index in 0..<3 {
            let run = try GenerateEndToEndTests.toolkit(["run-task", plan, "--index", String(index), "--cwd", elsewhere, "--quiet"], in: root)
            #expect(run.status == 0 && run.stdout.contains(": done in "), "\(index): \(run.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/b/zigzag-paper/leaderboard.md"))
        #expect(!FileManager.default.fileExists(atPath: planned))
    }

    /// A plan line edited by hand (another detector or seed under the unit's id, another bench,
    /// a negative seed) is refused naming the line, rather than run under the wrong id.
    @Test func editedPlanLinesAreRefused() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let grid = ["bench", "zigzag-paper", "--detectors", "iforest,hbos", "--runs", "2", "--out", "b", "--quiet",
                    "--set", "generator.rows.train=300", "--set", "generator.rows.test=200", "--set", "generator.anomalies.count=40"]
        #expect(try GenerateEndToEndTests.toolkit(grid + ["--plan", "p.jsonl"], in: cwd).status == 0)
        let lines = try String(contentsOfFile: cwd + "/p.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[1].contains("\"detector\":\"iforest\"") && lines[1].contains("\"seed\":1,\"stage\""))
        let edits: [(name: String, line: String, fragment: String)] = [
            ("detector", lines[1].replacingOccurrences(of: "\"detector\":\"iforest\"", with: "\"detector\":\"hbos\""),
             "p-detector.jsonl:2: task 1 (detect/zigzag-paper-"),
            ("seed", lines[1].replacingOccurrences(of: "\"seed\":1,\"stage\"", with: "\"seed\":7,\"stage\""), "is not the unit its bench makes (seed differs)"),
            ("bench", lines[1].replacingOccurrences(of: "\"runs\":2", with: "\"runs\":3"), "carries another 'bench' than task 0"),
            ("negative", lines[1].replacingOccurrences(of: "\"seed\":1,\"stage\"", with: "\"seed\":-1,\"stage\""), "a number out of its range"),
        ]
        #expect(try GenerateEndToEndTests.toolkit(["run-task", "p.jsonl", "--index", "0", "--quiet"], in: cwd).status == 0)
        for edit in edits {
            #expect(edit.line != lines[1], "\(edit.name): nothing edited")
            let file = "p-\(edit.name).jsonl"
            EvaluateFixtures.write(([lines[0], edit.line] + lines.dropFirst(2)).joined(separator: "\n") + "\n", to: cwd + "/" + file)
            let run = try GenerateEndToEndTests.toolkit(["run-task", file, "--index", "1"], in: cwd)
            #expect(run.status == 2 && run.stderr.contains(edit.fragment), "\(edit.name): \(run.stderr)")
        }
        let edited = try GenerateEndToEndTests.toolkit(["run-task", "p-detector.jsonl", "--index", "1"], in: cwd)
        #expect(edited.stderr.contains("(detector differs)"), "\(edited.stderr)")
        let scores = try FileManager.default.subpathsOfDirectory(atPath: cwd + "/b").filter { $0.hasSuffix(".csv") && $0.contains("hbos") }
        #expect(scores.isEmpty, "an edited unit ran: \(scores)")
        let original = try GenerateEndToEndTests.toolkit(["run-task", "p.jsonl", "--index", "1"], in: cwd)
        #expect(original.status == 0 && original.stdout.contains("iforest/seed1: done"), "\(original.stderr)")
    }
}

#if canImport(Glibc)
import Glibc
#endif
