import Foundation
import Testing

/// Issue 19: outputs never replace what they were not asked to write, and a failed write is
/// never a success.
@Suite struct OutputSafetyEndToEndTests {
    static let small = ["--set", "generator.rows.train=300", "--set", "generator.rows.test=100", "--set", "generator.anomalies.count=50"]

    /// A dataset and a score file for it, in a fresh folder.
    static func prepared() throws -> String {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let generate = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "data", "--quiet"] + small, in: cwd)
        #expect(generate.status == 0, "\(generate.stderr)")
        let detect = try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "data", "--out", "s.csv", "--quiet"], in: cwd)
        #expect(detect.status == 0, "\(detect.stderr)")
        return cwd
    }

    static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aDeviceIsWrittenNotReplacedAndAFullOneIsAnError() throws {
        let cwd = try Self.prepared()
        let run = try GenerateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "data", "-o", "/dev/full"], in: cwd)
        #expect(run.status == 2 && run.stderr.contains("/dev/full: write failed"), "\(run.stderr)")
        #expect(Self.fileType("/dev/full") == S_IFCHR)
        let null = try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "data", "--out", "/dev/null", "--quiet"], in: cwd)
        #expect(null.status == 0 && Self.fileType("/dev/null") == S_IFCHR)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func standardOutputThatCannotBeWrittenIsAnError() throws {
        let cwd = try Self.prepared()
        // Scores far longer than stdout's buffer: the writes that fail come before the last
        // flush, which then has nothing left to write (detect once exited 0 here).
        let big = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "big", "--quiet"], in: cwd)
        #expect(big.status == 0, "\(big.stderr)")
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        for arguments in [["evaluate", "s.csv", "--dataset", "data"], ["recipes", "show", "zigzag"],
                          ["detect", "hbos", "--dataset", "data", "--quiet"], ["detect", "hbos", "--dataset", "big", "--quiet"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("toolkit")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: cwd)
            process.standardOutput = full
            let err = Pipe()
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2 && stderr.contains("standard output: write failed"), "\(arguments): \(stderr)")
        }
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let cwd = try Self.prepared()
        try "old".write(toFile: cwd + "/target.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: cwd + "/link.csv", withDestinationPath: "target.csv")
        let run = try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "data", "--out", "link.csv", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.fileType(cwd + "/link.csv") == S_IFLNK)
        #expect(try String(contentsOfFile: cwd + "/target.csv", encoding: .utf8).hasPrefix("id,score\n"))
    }

    @Test func forceNeverReplacesAFileOrAForeignFolder() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try "precious".write(toFile: cwd + "/notes", atomically: false, encoding: .utf8)
        let onFile = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "notes", "--force", "--quiet"] + Self.small, in: cwd)
        #expect(onFile.status == 2 && onFile.stderr.contains("is a file, not a dataset folder"), "\(onFile.stderr)")
        #expect(try String(contentsOfFile: cwd + "/notes", encoding: .utf8) == "precious")
        try FileManager.default.createDirectory(atPath: cwd + "/mine", withIntermediateDirectories: false)
        let onFolder = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "mine", "--force", "--quiet"] + Self.small, in: cwd)
        #expect(onFolder.status == 2 && onFolder.stderr.contains("without a toolkit manifest.json"), "\(onFolder.stderr)")
        // A dataset folder the toolkit wrote is replaced.
        #expect(try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"] + Self.small, in: cwd).status == 0)
        #expect(try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--force", "--seed", "2", "--quiet"] + Self.small, in: cwd).status == 0)
    }

    /// A recipe name is a name: `--set name=../x` without `--out` once wrote outside the folder.
    @Test func aRecipeNameCannotEscapeTheWorkingDirectory() throws {
        let root = GenerateEndToEndTests.workingDirectory()
        let cwd = root + "/inner"
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: false)
        for name in ["../escaped", "/tmp/toolkit-abs-\(UUID().uuidString)"] {
            let run = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--set", "name=\(name)", "--quiet"] + Self.small, in: cwd)
            #expect(run.status == 2 && run.stderr.contains("a recipe name is a name, not a path"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: name.hasPrefix("/") ? name : root + "/escaped"))
        }
    }

    /// Issue 19: a folder that cannot be created was reported by its hidden staging name
    /// (`/proc/.zz.partial-PID`); the message names the folder asked for.
    @Test func aFolderThatCannotBeCreatedIsNamedAsGiven() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let run = try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "/proc/toolkit-zz", "--quiet"] + Self.small, in: cwd)
        #expect(run.status == 2 && run.stderr.contains("/proc/toolkit-zz: ") && !run.stderr.contains("partial"), "\(run.stderr)")
    }
}
