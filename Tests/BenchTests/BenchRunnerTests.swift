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
            #expect(board.contains("Holm") && board.contains("Machine: ") && board.contains("OpenBLAS kernel"))
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
}
