import Evaluation
import Foundation
import Metrics
import Testing

@Suite struct MetricTableTests {
    @Test func keysAreUniqueAndLeaderboardMetricsAreSummarised() {
        let ranking = MetricTable.ranking.map(\.key)
        let cutoff = MetricTable.cutoffCounts.map(\.key) + MetricTable.cutoffRates.map(\.key)
        #expect(Set(ranking).count == ranking.count && Set(cutoff).count == cutoff.count)
        for metric in MetricTable.ranking { #expect(metric.leaderboard.isSubset(of: metric.summarised), "\(metric.key)") }
        for metric in MetricTable.cutoffRates { #expect(metric.leaderboard.isSubset(of: metric.summarised), "\(metric.key)") }
        #expect(MetricTable.bootstrapStatistics == [.auroc, .averagePrecision])
        #expect(MetricTable.ranking.first?.key == MetricTable.auroc.key)
    }

    /// Eight rows in blocks of two, one cut-off.
    static func evaluated() throws -> EvaluationResult {
        let folder = temporaryFolder()
        let path = folder + "/s.csv"
        try "id,label,score\n1,0,0.1\n2,1,0.9\n3,0,0.2\n4,0,0.3\n5,1,0.7\n6,1,0.8\n7,0,0.4\n8,0,0.35\n"
            .write(toFile: path, atomically: false, encoding: .utf8)
        var options = EvaluationOptions()
        options.scoreFiles = [path]
        options.cutoffs = [try CutoffSpec(parsing: "youden")]
        options.blocks = .size(2)
        return try Evaluator.evaluate(options)
    }

    @Test func theNamedMetricsAndTheLeaderboardFollowTheTable() throws {
        let run = try #require(try Self.evaluated().runs.first)
        #expect(run.namedMetrics.map(\.0) == [
            "auroc", "average_precision", "pr_auc",
            "youden.precision", "youden.recall", "youden.f1", "youden.f1_macro", "youden.accuracy", "youden.balanced_accuracy", "youden.mcc",
            "block.auroc", "block.average_precision", "block.pr_auc", "block.youden.f1",
        ])
        #expect(run.tableMetrics.filter(\.onLeaderboard).map(\.name) == ["auroc", "average_precision", "youden.f1", "block.auroc"])
        #expect(run.metric(named: "auroc") == run.auroc && run.metric(named: "youden.f1") == run.cutoffs[0].cutoff.confusion.f1)
        #expect(run.metric(named: "youden.tpr") == nil)
    }

    @Test func theCSVAndJSONCarryEveryMetricInTableOrder() throws {
        let result = try Self.evaluated()
        let run = result.runs[0]
        let lines = EvaluationCSV.render(result).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let cutoffKeys = ["threshold"] + MetricTable.cutoffCounts.map(\.key) + MetricTable.cutoffRates.map(\.key)
        for level in ["instance", "block"] {
            let figures = lines.filter { $0[1] == level && $0[2].isEmpty }.map { $0[4] }
            #expect(figures.suffix(MetricTable.ranking.count) == ArraySlice(MetricTable.ranking.map(\.key)), "\(level)")
            #expect(lines.filter { $0[1] == level && $0[2] == "youden" }.map { $0[4] } == cutoffKeys, "\(level)")
        }

        let json = try #require(try JSONSerialization.jsonObject(with: Data(EvaluationJSON.render(result, command: "t").utf8)) as? [String: Any])
        let runObject = try #require((json["runs"] as? [[String: Any]])?.first)
        for metric in MetricTable.ranking {
            #expect(runObject[metric.key] as? Double == metric.value(run.rankingInput), "\(metric.key)")
            #expect((runObject["block"] as? [String: Any])?[metric.key] is Double, "block \(metric.key)")
        }
        let cutoff = try #require((runObject["cutoffs"] as? [[String: Any]])?.first)
        let confusion = run.cutoffs[0].cutoff.confusion
        for metric in MetricTable.cutoffCounts { #expect(cutoff[metric.key] as? Int == metric.value(confusion), "\(metric.key)") }
        for metric in MetricTable.cutoffRates { #expect(cutoff[metric.key] as? Double == metric.value(confusion), "\(metric.key)") }
    }

    @Test func theTablesShowTheMetricsWithAHeader() throws {
        let tables = ResultTables.make(try Self.evaluated())
        #expect(tables[0].header == ["run", "n", "anomalies", "AUROC", "AP", "PR-AUC"])
        let cutoffs = try #require(tables.first { $0.caption == "Metrics at each cut-off" })
        #expect(cutoffs.header == ["run", "cut-off", "selection", "threshold", "flagged", "precision", "recall", "F1", "F1-macro",
                                   "accuracy", "bal. acc.", "MCC"])
        let blocks = try #require(tables.first { $0.caption == "Block-level metrics" })
        #expect(blocks.header.suffix(3) == ["AUROC", "AP", "PR-AUC"])
    }
}
