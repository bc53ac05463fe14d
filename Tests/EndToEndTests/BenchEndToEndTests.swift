import Foundation
import Testing

/// `toolkit bench` through the binary, including a kill in the middle and a restart.
@Suite struct BenchEndToEndTests {
    @Test func killedBenchResumesWithoutRecomputingFinishedRuns() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let arguments = ["bench", "zigzag", "--detectors", "iforest,hbos,pca,knn", "--runs", "3", "--out", "b", "--quiet"]
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
        while scoreFiles().count < 2 && process.isRunning && Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let finished = scoreFiles()
        #expect(!finished.isEmpty)
        let stamps = try finished.map { try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as! Date }

        let restart = try GenerateEndToEndTests.toolkit(arguments, in: cwd)
        #expect(restart.status == 0, "\(restart.stderr)")
        #expect(scoreFiles().count == 12)
        // The runs finished before the kill were kept, not recomputed.
        for (file, stamp) in zip(finished, stamps) {
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as! Date == stamp)
        }
        let board = try String(contentsOfFile: cwd + "/b/zigzag/leaderboard.md", encoding: .utf8)
        for detector in ["iforest", "hbos", "pca", "knn"] { #expect(board.contains("| \(detector) |")) }
        // Every score file is complete: a header and 2,000 rows.
        for file in scoreFiles() {
            #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == 2001)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
