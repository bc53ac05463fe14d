import DataIO
import Foundation
import Testing
@testable import Evaluation

/// Per-anomaly-kind metrics (`--by-kind`): each kind's AUROC and AP are those of all normal rows
/// plus that kind's anomalies, computed by hand and by brute force on the filtered rows; then
/// through the evaluator (label file, windows.csv, several runs, every output) and its errors.
@Suite struct KindEvaluationTests {
    /// Four normal rows and three kinds; `cloudy_day`'s one anomaly ties a normal row.
    static let rows: [(id: String, score: Double, label: UInt8, kind: String)] = [
        ("n1", 0.1, 0, ""), ("n2", 0.4, 0, ""), ("n3", 0.35, 0, ""), ("n4", 0.8, 0, ""),
        ("a1", 0.9, 1, "spike"), ("a2", 0.5, 1, "spike"),
        ("b1", 0.2, 1, "drift"), ("b2", 0.3, 1, "drift"),
        ("c1", 0.4, 1, "cloudy_day"),
    ]

    @Test("each kind's AUROC and AP equal those of the normal rows plus that kind's anomalies (by hand and brute force)")
    func matchesTheFilteredSubset() throws {
        let scores = Self.rows.map(\.score), labels = Self.rows.map(\.label)
        let results = try KindEvaluation.evaluate(scores: scores, labels: labels, kinds: KindColumn(Self.rows.map(\.kind)))
        #expect(results.map(\.kind) == ["cloudy_day", "drift", "spike"], "sorted by name")
        #expect(results.map(\.anomalies) == [1, 2, 2])
        #expect(results.allSatisfy { $0.normals == 4 })
        // By hand (Mann–Whitney pairs over 4 normals; AP = Σ ΔR·P):
        // spike 0.9, 0.5 → (4 + 3)/8; AP = ½·1 + ½·⅔.
        // drift 0.2, 0.3 → (1 + 1)/8; AP = ½·¼ + ½·⅖.
        // cloudy_day 0.4 (ties n2) → (2 + ½)/4; AP = ⅓ (flagged with n4 and n2 at 0.4).
        let hand: [String: (Double, Double)] = [
            "spike": (7.0 / 8, 0.5 + 0.5 * 2 / 3), "drift": (2.0 / 8, 0.5 * 0.25 + 0.5 * 0.4), "cloudy_day": (2.5 / 4, 1.0 / 3),
        ]
        for result in results {
            let (auroc, ap) = try #require(hand[result.kind])
            expectClose(result.auroc, auroc, tolerance: 1e-15, "\(result.kind) AUROC")
            expectClose(result.averagePrecision, ap, tolerance: 1e-15, "\(result.kind) AP")
            let subset = Self.rows.filter { $0.label == 0 || $0.kind == result.kind }
            let brute = EvaluatorTests.BruteForce(scores: subset.map(\.score), labels: subset.map { Int($0.label) })
            expectClose(result.auroc, brute.auroc, tolerance: 1e-15, "\(result.kind) AUROC (brute force)")
            expectClose(result.averagePrecision, brute.averagePrecision, tolerance: 1e-12, "\(result.kind) AP (brute force)")
        }
    }

    @Test("the label decides what is an anomaly: a normal row's kind is ignored; no normal rows gives nil, not a crash")
    func labelsDecideAndSingleClassIsNil() throws {
        let mixed = try KindEvaluation.evaluate(scores: [0.1, 0.9, 0.5], labels: [0, 1, 0],
                                                kinds: KindColumn(["spike", "spike", ""]))
        #expect(mixed.map(\.kind) == ["spike"] && mixed[0].anomalies == 1 && mixed[0].normals == 2)
        #expect(mixed[0].auroc == 1)
        let onlyAnomalies = try KindEvaluation.evaluate(scores: [0.1, 0.9], labels: [1, 1], kinds: KindColumn(["a", "b"]))
        #expect(onlyAnomalies.map(\.kind) == ["a", "b"])
        #expect(onlyAnomalies.allSatisfy { $0.auroc == nil && $0.averagePrecision == nil && $0.normals == 0 })
    }

    /// `labels.csv` with a kind column and a score file with two columns (two runs).
    static func writeInputs(in folder: String) -> (scores: String, labels: String) {
        var labels = "id,label,kind\n", scores = "id,a,b\n"
        for (index, row) in rows.enumerated() {
            labels += "\(row.id),\(row.label),\(row.kind)\n"
            scores += "\(row.id),\(row.score),\(Double(index % 3) + row.score / 10)\n"
        }
        return (EvaluatorTests.write(scores, "scores.csv", in: folder), EvaluatorTests.write(labels, "labels.csv", in: folder))
    }

    @Test("--labels with a kind column: every run gets its kinds; the summary over runs has each kind's AUROC and AP")
    func severalRunsAndTheSummary() throws {
        let folder = temporaryFolder()
        let (scores, labels) = Self.writeInputs(in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [scores]
        options.labelsPath = labels
        options.byKind = true
        let result = try Evaluator.evaluate(options)
        #expect(result.runs.count == 2)
        for run in result.runs {
            let expected = try KindEvaluation.evaluate(scores: run.scores, labels: run.labels,
                                                       kinds: KindColumn(Self.rows.map(\.kind)))
            #expect(run.byKind == expected)
        }
        #expect(result.runs[0].byKind?.first { $0.kind == "spike" }?.auroc == 7.0 / 8)
        let summary = try #require(result.summaries.first)
        for kind in ["cloudy_day", "drift", "spike"] {
            let values = result.runs.map { run in run.byKind!.first { $0.kind == kind }!.auroc! }
            let statistics = try #require(summary.metrics.first { $0.name == "kind.\(kind).auroc" }?.statistics)
            expectClose(statistics.mean, (values[0] + values[1]) / 2, tolerance: 1e-15, kind)
            #expect(summary.metrics.contains { $0.name == "kind.\(kind).average_precision" })
        }

        options.byKind = false
        let plain = try Evaluator.evaluate(options)
        #expect(plain.runs.allSatisfy { $0.byKind == nil })
        #expect(!plain.summaries[0].metrics.contains { $0.name.hasPrefix("kind.") })
    }

    @Test("the outputs: a by_kind array per run in JSON, kind:NAME rows in CSV, a By anomaly kind table")
    func outputs() throws {
        let folder = temporaryFolder()
        let (scores, labels) = Self.writeInputs(in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [scores]
        options.scoreColumns = ["a"]
        options.labelsPath = labels
        options.byKind = true
        let result = try Evaluator.evaluate(options)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(EvaluationJSON.render(result, command: "t").utf8)) as? [String: Any])
        #expect(json["schema_version"] as? Int == 1)
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let byKind = try #require(run["by_kind"] as? [[String: Any]])
        #expect(byKind.map { $0["kind"] as? String } == ["cloudy_day", "drift", "spike"])
        #expect(byKind.map { $0["n_anomalies"] as? Int } == [1, 2, 2])
        #expect(byKind.allSatisfy { Set($0.keys) == ["kind", "n_anomalies", "auroc", "average_precision"] })
        #expect(byKind[2]["auroc"] as? Double == 0.875)

        let csv = EvaluationCSV.render(result)
        #expect(csv.contains("scores.csv:a,kind:spike,,,n_anomalies,2\n"))
        #expect(csv.contains("scores.csv:a,kind:spike,,,auroc,0.875\n"))
        #expect(csv.contains("scores.csv:a,kind:drift,,,auroc,0.25\n"))

        let text = TextTable.aligned(ResultTables.make(result))
        #expect(text.contains("By anomaly kind"))
        let spike = try #require(text.split(separator: "\n").first { $0.contains("spike") })
        #expect(spike.split(separator: " ").map(String.init) == ["scores.csv:a", "spike", "2", "0.8750", "0.8333"])

        options.byKind = false
        let plain = try Evaluator.evaluate(options)
        let plainRun = try #require(((try JSONSerialization.jsonObject(with: Data(EvaluationJSON.render(plain, command: "t").utf8))
            as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        #expect(plainRun["by_kind"] == nil, "additive: no by_kind key unless asked for")
        #expect(!TextTable.aligned(ResultTables.make(plain)).contains("By anomaly kind"))
    }

    @Test("--windows: the kinds of a dataset's windows.csv")
    func windowLabels() throws {
        let folder = temporaryFolder()
        let dataset = folder + "/pv"
        try FileManager.default.createDirectory(atPath: dataset, withIntermediateDirectories: true)
        var windows = "window,split,first_id,last_id,label,kind\n", scores = "id,score\n"
        let kinds = ["", "", "soiling", "", "cloudy_day", "", "soiling", ""]
        let values = [0.1, 0.2, 0.9, 0.3, 0.15, 0.4, 0.6, 0.05]
        for w in kinds.indices {
            windows += "\(w),test,\(w * 4),\(w * 4 + 3),\(kinds[w].isEmpty ? 0 : 1),\(kinds[w])\n"
            scores += "\(w),\(values[w])\n"
        }
        windows += "0,train,0,3,0,\n"
        _ = EvaluatorTests.write(windows, "windows.csv", in: dataset)
        var options = EvaluationOptions()
        options.scoreFiles = [EvaluatorTests.write(scores, "w.csv", in: folder)]
        options.datasetPath = dataset
        options.windowLabels = true
        options.verifyDataset = false
        options.byKind = true
        let run = try #require(try Evaluator.evaluate(options).runs.first)
        let byKind = try #require(run.byKind)
        #expect(byKind.map(\.kind) == ["cloudy_day", "soiling"])
        #expect(byKind.map(\.anomalies) == [1, 2])
        // cloudy_day 0.15 beats 0.1 and 0.05 of 5 normals; soiling 0.9 and 0.6 beat all 5.
        #expect(byKind[0].auroc == 2.0 / 5 && byKind[1].auroc == 1)
    }

    @Test("--series: the per-kind figures are point-wise on the rows; one dataset per series concatenates their kinds")
    func series() throws {
        let folder = temporaryFolder()
        var scoreFiles: [String] = [], datasets: [String] = [], allScores: [Double] = [], allLabels: [UInt8] = [], allKinds: [String] = []
        for (index, half) in [Self.rows.prefix(5), Self.rows.suffix(4)].enumerated() {
            let dataset = folder + "/d\(index)"
            try FileManager.default.createDirectory(atPath: dataset, withIntermediateDirectories: true)
            var labels = "id,split,label,kind,block\n", scores = "id,score\n"
            // Each half needs normal rows: the second gets two of its own.
            let rows = Array(half) + (index == 1 ? [("m1", 0.25, UInt8(0), ""), ("m2", 0.6, UInt8(0), "")] : [])
            for row in rows {
                labels += "\(row.0),test,\(row.2),\(row.3),0\n"
                scores += "\(row.0),\(row.1)\n"
                allScores.append(row.1); allLabels.append(row.2); allKinds.append(row.3)
            }
            _ = EvaluatorTests.write(labels, "labels.csv", in: dataset)
            scoreFiles.append(EvaluatorTests.write(scores, "s\(index).csv", in: folder))
            datasets.append(dataset)
        }
        var options = EvaluationOptions()
        options.verifyDataset = false
        options.byKind = true
        var seriesOptions = SeriesOptions()
        seriesOptions.window = .fixed(1)
        options.series = seriesOptions

        options.scoreFiles = [scoreFiles[0]]
        options.datasetPath = datasets[0]
        let one = try #require(try Evaluator.evaluate(options).runs.first)
        #expect(one.series != nil)
        #expect(one.byKind == (try KindEvaluation.evaluate(scores: one.scores, labels: one.labels,
                                                           kinds: KindColumn(allKinds.prefix(5)))))

        options.datasetPath = nil
        options.scoreFiles = scoreFiles
        options.seriesDatasets = datasets
        let both = try #require(try Evaluator.evaluate(options).runs.first)
        #expect(both.series?.series.count == 2)
        let expected = try KindEvaluation.evaluate(scores: allScores, labels: allLabels, kinds: KindColumn(allKinds))
        #expect(both.byKind == expected)
        #expect(expected.map(\.kind) == ["cloudy_day", "drift", "spike"])
    }

    @Test("errors: labels without a kind column (named, with the header line), the score files' own labels, partials")
    func errors() throws {
        let folder = temporaryFolder()
        let labels = EvaluatorTests.write("id,label\n1,0\n2,1\n", "plain.csv", in: folder)
        let scores = EvaluatorTests.write("id,score\n1,0.1\n2,0.9\n", "s.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [scores]
        options.labelsPath = labels
        options.byKind = true
        #expect {
            try Evaluator.evaluate(options)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.code == .usage && error.file == labels && error.line == 1 && error.message.contains("'kind' column")
        }

        options.labelsPath = nil
        let inline = EvaluatorTests.write("id,label,score\n1,0,0.1\n2,1,0.9\n", "inline.csv", in: folder)
        options.scoreFiles = [inline]
        #expect {
            try Evaluator.evaluate(options)
        } throws: { error in
            (error as? DataError)?.code == .usage && "\(error)".contains("--by-kind")
        }

        options.scoreFiles = [scores]
        options.labelsPath = labels
        #expect(PartialEvaluation.refusal(options)?.contains("--by-kind") == true)
    }
}
