import DataIO
import Foundation
import Testing

/// `toolkit generate` interrupted (Ctrl-C, `kill`, a closed terminal): the unfinished output is
/// removed and the process exits with 128 + the signal's number, leaving neither the output
/// folder nor its temporary (`.NAME.partial-PID@HOST`) behind.
@Suite struct InterruptCleanupEndToEndTests {
    /// The AMAD paper's scale (808,000 rows): seconds of writing, time to be interrupted.
    static let arguments = ["generate", "behaviour-logs-paper", "--out", "data", "--quiet"]

    @Test(arguments: [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)] as [(Int32, Int32)])
    func anInterruptedGenerateLeavesNothingAndExitsWith128PlusTheSignal(signal: Int32, status: Int32) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("toolkit")
        process.arguments = Self.arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }

        // The temporary folder, once it holds a file: generate is then writing.
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cwd)) ?? []).filter { $0.hasPrefix(".data.partial-") }
        }
        func writing() -> Bool {
            temporaries().contains { !((try? FileManager.default.contentsOfDirectory(atPath: cwd + "/" + $0)) ?? []).isEmpty }
        }
        let deadline = Date().addingTimeInterval(120)
        while !writing() && process.isRunning && Date() < deadline { usleep(10_000) }
        try #require(process.isRunning, "generate finished before it could be interrupted (exit \(process.terminationStatus)); give it a larger run")
        try #require(writing(), "no temporary output in \(cwd) after 120 s")
        #expect(temporaries() == [".data.partial-\(process.processIdentifier)@\(FileSystem.hostName)"])
        kill(process.processIdentifier, signal)

        let exitDeadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < exitDeadline { usleep(10_000) }
        try #require(!process.isRunning, "generate did not exit within 60 s of signal \(signal)")
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!FileManager.default.fileExists(atPath: cwd + "/data"),
                "data exists (exit \(process.terminationStatus)): generate finished before the signal arrived; give it a larger run")
        #expect(process.terminationReason == .exit && process.terminationStatus == status,
                "\(process.terminationReason == .exit ? "exit" : "killed by signal") \(process.terminationStatus), expected exit \(status)")
        #expect(temporaries().isEmpty, "left behind: \(temporaries())")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cwd).isEmpty)
        #expect(stderr == "\ninterrupted: nothing was written\n", "\(stderr)")
    }
}
