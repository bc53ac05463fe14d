import DataIO
import Foundation
import Testing
@testable import Bench
import TestSupport

@Suite struct BenchRunnerTests {
    @Test func leaderboardMetricsReportAndSummary() throws {
        let out = temporaryPath(prefix: "toolkit-bench-")
        var runner = BenchRunner(recipes: ["zigzag", "arrhythmia"], out: out)
        runner.detectors = ["hbos", "pca"]
        runner.runs = 2
        runner.quiet = true
        let results = try runner.run(command: "toolkit bench test")
        #expect(results.map(\.recipe) == ["zigzag", "arrhythmia"])
        for recipe in ["zigzag", "arrhythmia"] {
            let board = try String(contentsOfFile: "\(out)/\(recipe)/leaderboard.md", encoding: .utf8)
            #expect(board.contains("| hbos |") && board.contains("| pca |") && board.contains("**"))
            #expect(board.contains("mean ± std over 2 runs") && board.contains(" ± "))
            #expect(board.contains("Holm") && board.contains("Machine: ") && board.contains("OpenBLAS kernel"))
            // zigzag is simulated; arrhythmia without its file is the look-alike, and says so.
            #expect(board.contains(recipe == "zigzag" ? "Data: synthetic\n" : "Data: synthetic-lookalike (the recipe's simulated stand-in"), "\(board)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/\(recipe)/metrics.json"))) as? [String: Any]
            let detectors = json?["detectors"] as? [String: Any]
            #expect(Set(detectors?.keys.map { $0 } ?? []) == ["hbos", "pca"])
            let html = try String(contentsOfFile: "\(out)/\(recipe)/report.html", encoding: .utf8)
            #expect(html.contains("<svg") && !html.contains("http"))
            // "best in bold" (issue 19: the HTML bolded nothing): each metric column's best mean is
            // <strong> in the HTML exactly where the Markdown has it in **.
            let boldInMarkdown = board.components(separatedBy: "| **").count - 1
            let boldInHTML = html.components(separatedBy: "<strong>").count - 1
            #expect(boldInMarkdown > 0 && boldInHTML == boldInMarkdown, "\(boldInMarkdown) bold cells in the Markdown, \(boldInHTML) in the HTML")
        }
        // zigzag's protocol: youden with blocks.
        #expect(try String(contentsOfFile: "\(out)/zigzag/leaderboard.md", encoding: .utf8).contains("block.auroc"))
        let summary = try String(contentsOfFile: "\(out)/summary.md", encoding: .utf8)
        #expect(summary.contains("Friedman") && summary.contains("critical difference"))
        #expect(try String(contentsOfFile: "\(out)/summary.html", encoding: .utf8).contains("critical difference diagram"))
    }

    @Test func unknownDetectorIsAnErrorBeforeAnyWork() {
        var runner = BenchRunner(recipes: ["zigzag"], out: temporaryPath(prefix: "toolkit-bench-"))
        runner.detectors = ["nope"]
        #expect(throws: (any Error).self) { _ = try runner.run(command: "") }
        #expect(!FileManager.default.fileExists(atPath: runner.out))
    }

    /// A mistyped or out-of-range `--param` stops the bench before any dataset is generated
    /// (it used to fail at the first detector run, leaving the generated datasets behind).
    @Test func aBadParameterIsAnErrorBeforeAnyWork() {
        for parameters in [["tress=3"], ["trees=0"]] {
            var runner = BenchRunner(recipes: ["zigzag"], out: temporaryPath(prefix: "toolkit-bench-"))
            runner.detectors = ["iforest", "hbos"]
            runner.parameters = parameters
            let error = #expect(throws: DataError.self) { _ = try runner.run(command: "") }
            #expect(error?.message.hasPrefix("iforest: ") == true, "\(parameters)")
            #expect(!FileManager.default.fileExists(atPath: runner.out))
        }
    }

    /// Results that would overwrite each other or cannot be written are refused before any work:
    /// a recipe or detector listed twice, two recipes of one name, `--out` or a recipe's folder
    /// that is a file (an internal error at the end of the bench before).
    @Test func clashingOrUnwritableOutputsAreRefusedBeforeAnyWork() throws {
        let root = temporaryFolder()
        let renamed = root + "/zp.yaml"
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Recipes/zigzag-paper.yaml").standardized.path
        try String(contentsOfFile: bundled, encoding: .utf8).replacingOccurrences(of: "\nseed: 1\n", with: "\nseed: 5\n")
            .write(toFile: renamed, atomically: false, encoding: .utf8)
        try "x".write(toFile: root + "/afile", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/other", withIntermediateDirectories: false)
        try "x".write(toFile: root + "/other/zigzag-paper", atomically: false, encoding: .utf8)
        for (recipes, detectors, out, message) in [
            (["zigzag-paper", "zigzag-paper"], ["hbos"], root + "/b1", "the recipe zigzag-paper is listed twice"),
            (["zigzag-paper", renamed], ["hbos"], root + "/b2", "zigzag-paper and \(renamed) are both named 'zigzag-paper'"),
            (["zigzag-paper"], ["hbos", "hbos"], root + "/b3", "--detectors lists hbos twice"),
            (["zigzag-paper"], ["hbos"], root + "/afile", "is a file; --out names the bench's folder"),
            (["zigzag-paper"], ["hbos"], root + "/other", "is a file; the bench writes the zigzag-paper results in a folder there"),
        ] {
            var runner = BenchRunner(recipes: recipes, out: out)
            runner.detectors = detectors
            runner.runs = 1
            let error = #expect(throws: DataError.self) { _ = try runner.run(command: "") }
            #expect(error?.message.contains(message) == true, "\(error?.description ?? "")")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["afile", "other", "zp.yaml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/other") == ["zigzag-paper"])
    }

    /// One run has no sample standard deviation: its leaderboard shows the values alone, not
    /// "± 0.0000" under a "mean ± std" caption.
    @Test func oneRunShowsValuesWithoutASpread() throws {
        var runner = BenchRunner(recipes: ["zigzag-paper"], out: temporaryPath(prefix: "toolkit-bench-"))
        runner.detectors = ["hbos", "iforest"]
        runner.runs = 1
        runner.quiet = true
        _ = try runner.run(command: "toolkit bench test")
        let board = try String(contentsOfFile: "\(runner.out)/zigzag-paper/leaderboard.md", encoding: .utf8)
        let table = board.components(separatedBy: "**Pairwise")[0]
        #expect(table.contains("**zigzag-paper: one run (best in bold)**"), "\(table)")
        #expect(!table.contains("±"), "\(table)")
        #expect(table.contains("| hbos | **0.5695** |"), "\(table)")
    }
}
