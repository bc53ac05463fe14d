#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Evaluation

/// The self-contained HTML page: no external references, escaping, one SVG per figure, tables and markers.
@Suite struct HTMLReportTests {
    static let nasty = "<b>&\"x\"</b>"

    @Test("no network references, no scripts")
    func selfContained() {
        let html = HTMLReport.render(Self.sample())
        for forbidden in ["http://", "https://", "src=", "<script", "url(", "@import", "<link", "<img", "<iframe",
                          "xmlns", "//fonts"] {
            #expect(!html.lowercased().contains(forbidden), "page contains \(forbidden)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test("escapes the title, command line, generated-by, manifest, warnings, table cells, run names and markers")
    func escaping() {
        let input = ReportInput(
            title: "T " + Self.nasty, commandLine: "toolkit evaluate --x '<a&b>' \"q\"", generatedBy: "g " + Self.nasty,
            manifestSummary: [ReportKeyValue("k " + Self.nasty, "v " + Self.nasty)],
            warnings: ["w " + Self.nasty],
            tables: [ReportTable(caption: "c " + Self.nasty, header: ["h " + Self.nasty], rows: [["cell " + Self.nasty]],
                                 note: "n " + Self.nasty)],
            runs: [Self.run(name: "r " + Self.nasty, markerLabels: ["m " + Self.nasty])])
        let html = HTMLReport.render(input)
        #expect(!html.contains(Self.nasty))
        #expect(!html.contains("<b>&"))
        let escaped = "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"
        for prefix in ["T ", "g ", "k ", "v ", "w ", "c ", "h ", "cell ", "n ", "r ", "m "] {
            #expect(html.contains(prefix + escaped), "\(prefix) not escaped")
        }
        #expect(html.contains("<title>T \(escaped)</title>"))
        #expect(html.contains("<code>toolkit evaluate --x &#39;&lt;a&amp;b&gt;&#39; &quot;q&quot;</code>"))
    }

    @Test("one svg per figure, each closed, not nested")
    func figures() {
        let input = Self.sample()
        let html = HTMLReport.render(input)
        let opens = SVGChartTests.occurrences("<svg", in: html)
        let closes = SVGChartTests.occurrences("</svg>", in: html)
        #expect(opens == 3 * input.runs.count)
        #expect(closes == opens)
        let events = (html.ranges(of: "<svg").map { ($0.lowerBound, 1) } + html.ranges(of: "</svg>").map { ($0.lowerBound, -1) })
            .sorted { $0.0 < $1.0 }
        var depth = 0, maxDepth = 0
        for (_, change) in events {
            depth += change
            #expect(depth >= 0)
            maxDepth = max(maxDepth, depth)
        }
        #expect(depth == 0 && maxDepth == 1)
        #expect(SVGChartTests.occurrences("<figure>", in: html) == opens)
    }

    @Test("tables, captions, markers, axis labels and legend metrics appear")
    func content() {
        let input = Self.sample()
        let html = HTMLReport.render(input)
        for table in input.tables { #expect(html.contains("<caption>\(SVGChart.escape(table.caption))</caption>")) }
        for run in input.runs {
            #expect(html.contains(SVGChart.escape(run.name)))
            #expect(html.contains("AUROC \(HTMLReport.metric(run.auroc))"))
            #expect(html.contains("AP \(HTMLReport.metric(run.averagePrecision))"))
            for marker in run.markers {
                // On the ROC and PR curves, on the histogram and in the cut-off table.
                #expect(SVGChartTests.occurrences(">\(SVGChart.escape(marker.label))<", in: html) >= 3)
            }
        }
        for label in ["False positive rate", "True positive rate", "Recall", "Precision", "Score", "Rows"] {
            #expect(html.contains(">\(label)</text>"))
        }
        for entry in input.manifestSummary { #expect(html.contains(SVGChart.escape(entry.key))) }
        #expect(html.contains("class=\"card warnings\""))
    }

    @Test("selection badges and right-aligned numeric cells")
    func tableCells() {
        let table = ReportTable(caption: "cut-offs", header: ["cut-off", "selection", "F1", "note"],
                                rows: [["youden", "oracle", "0.512", "x"], ["top:0.05", "deployable", "0.48 [0.45, 0.51]", "—"],
                                       ["short", "other"]])
        let html = HTMLReport.renderTable(table)
        #expect(html.contains("<span class=\"badge oracle\">oracle</span>"))
        #expect(html.contains("<span class=\"badge deployable\">deployable</span>"))
        #expect(html.contains("<td>other</td>"))
        #expect(html.contains("<th scope=\"col\" class=\"num\">F1</th>"))
        #expect(html.contains("<td class=\"num\">0.512</td>"))
        #expect(html.contains("<td class=\"num\">0.48 [0.45, 0.51]</td>"))
        #expect(html.contains("<td>youden</td>") && html.contains("<td>x</td>"))
        #expect(!html.contains("<th scope=\"col\" class=\"num\">note</th>"))
        // The short row is padded to the header's width.
        #expect(html.contains("<tr><td>short</td><td>other</td><td></td><td></td></tr>"))
        for numeric in ["0.5", "-3", "1e-5", "12%", "0.91 ± 0.02", "n/a", "1,234", "−0.2"] {
            #expect(HTMLReport.looksNumeric(numeric), "\(numeric)")
        }
        for text in ["youden", "top:0.05", "", "-", "e5", "block 3", "2024-01-02T10:00"] {
            #expect(!HTMLReport.looksNumeric(text), "\(text)")
        }
    }

    @Test("empty parts are omitted; empty runs still render")
    func empty() {
        let empty = ReportHistogram(lowerEdges: [], upper: 0, normalCounts: [], anomalyCounts: [])
        let run = ReportRun(name: "nothing", level: "block", auroc: .nan, averagePrecision: .nan, baselinePrecision: 0,
                            rocFPR: [], rocTPR: [], prRecall: [], prPrecision: [], markers: [], histogram: empty)
        let html = HTMLReport.render(ReportInput(title: "t", commandLine: "c", generatedBy: "g", runs: [run]))
        #expect(!html.contains("class=\"card warnings\""))
        #expect(!html.contains(">Dataset<"))
        #expect(!html.contains("Cut-offs"))
        #expect(html.contains(">no data<"))
        #expect(html.contains("AUROC <b>n/a</b>"))
        #expect(SVGChartTests.occurrences("<svg", in: html) == 3)
        #expect(!html.contains("nan\"") && !html.contains("=\"inf"))
    }

    @Test("sample page (writes /tmp/report-sample.html when REPORT_SAMPLE=1)")
    func sample() throws {
        let html = HTMLReport.render(Self.sample())
        #expect(html.utf8.count < 400_000, "page is \(html.utf8.count) bytes")
        if let flag = getenv("REPORT_SAMPLE"), String(cString: flag) == "1" {
            let file = try #require(fopen("/tmp/report-sample.html", "w"))
            defer { fclose(file) }
            #expect(fputs(html, file) >= 0)
        }
    }

    // MARK: A realistic sample: a binormal detector

    static func sample() -> ReportInput {
        ReportInput(
            title: "Evaluation: shuttle (ODDS) — isolation forest vs. LOF",
            commandLine: "toolkit evaluate --dataset out/shuttle --scores scores.csv --scores lof.csv "
                + "--level instance --bootstrap 1000 --report report.html --cutoff 'top:0.05' --note \"a<b & c\"",
            generatedBy: "toolkit 0.1.0",
            manifestSummary: [
                ReportKeyValue("dataset", "shuttle (ODDS)"), ReportKeyValue("recipe", "recipes/odds/shuttle.yaml"),
                ReportKeyValue("rows", "49,097"), ReportKeyValue("anomalies", "3,511 (7.15%)"),
                ReportKeyValue("features", "9"), ReportKeyValue("split", "test_anomaly_ratio: 0.05, seed 42"),
                ReportKeyValue("sha256", "9f2c4e1a7b3d5f60c8e2a4b6d8f0123456789abcdef0123456789abcdef01234"),
            ],
            warnings: ["scores.csv: 12 rows have tied scores across the top-5% cut-off; top:0.05 flags 5.02% of rows."],
            tables: [
                ReportTable(caption: "Ranking metrics", header: ["scores", "level", "AUROC", "95% CI", "AP", "PR-AUC"],
                            rows: [["scores.csv: score", "instance", "0.8553", "[0.8490, 0.8611]", "0.4120", "0.4102"],
                                   ["lof.csv: score", "instance", "0.7601", "[0.7520, 0.7688]", "0.2231", "0.2219"]],
                            note: "CI: percentile bootstrap, 1000 resamples, seed 7."),
                ReportTable(caption: "Cut-offs", header: ["scores", "cut-off", "selection", "threshold", "precision",
                                                          "recall", "F1"],
                            rows: [["scores.csv: score", "youden", "oracle", "0.7312", "0.1804", "0.7620", "0.2917"],
                                   ["scores.csv: score", "best-f1", "oracle", "1.6020", "0.4410", "0.4001", "0.4196"],
                                   ["scores.csv: score", "top:0.05", "deployable", "1.6650", "0.4620", "0.3231", "0.3803"]],
                            note: "Oracle cut-offs are chosen with the labels and are optimistic; deployable ones are not."),
                ReportTable(caption: "Paired comparison", header: ["A", "B", "ΔAUROC", "p (DeLong)"],
                            rows: [["scores.csv: score", "lof.csv: score", "0.0952", "< 1e-16"]]),
            ],
            runs: [binormalRun(name: "scores.csv: score", separation: 1.5, seed: 1),
                   binormalRun(name: "lof.csv: score", separation: 1.0, seed: 2)])
    }

    /// 100k scores, 5% anomalies: normal ~ N(0, 1), anomaly ~ N(separation, 1); curves downsampled to ~500 points.
    static func binormalRun(name: String, separation: Double, seed: UInt64) -> ReportRun {
        var rng = SplitMix64(seed: seed)
        let n = 100_000
        let labels = (0..<n).map { _ in rng.uniform() < 0.05 }
        let scores = labels.map { rng.normal() + ($0 ? separation : 0) }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let positives = labels.filter { $0 }.count, negatives = n - positives
        var fpr: [Double] = [0], tpr: [Double] = [0], precision: [Double] = [], thresholds: [Double] = []
        var tp = 0, fp = 0
        for (k, i) in order.enumerated() {
            if labels[i] { tp += 1 } else { fp += 1 }
            if k + 1 < n && scores[order[k + 1]] == scores[i] { continue }
            fpr.append(Double(fp) / Double(negatives))
            tpr.append(Double(tp) / Double(positives))
            precision.append(Double(tp) / Double(tp + fp))
            thresholds.append(scores[i])
        }
        var auroc = 0.0, ap = 0.0
        for k in 1..<fpr.count {
            auroc += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2
            ap += (tpr[k] - tpr[k - 1]) * precision[k - 1]
        }
        func marker(_ label: String, _ k: Int) -> ReportMarker {   // k indexes thresholds / precision; k + 1 fpr, tpr
            ReportMarker(label: label, threshold: thresholds[k], fpr: fpr[k + 1], tpr: tpr[k + 1], precision: precision[k])
        }
        let youden = thresholds.indices.max { tpr[$0 + 1] - fpr[$0 + 1] < tpr[$1 + 1] - fpr[$1 + 1] }!
        func f1(_ k: Int) -> Double { 2 * precision[k] * tpr[k + 1] / (precision[k] + tpr[k + 1]) }
        let bestF1 = thresholds.indices.max { f1($0) < f1($1) }!
        let top = n / 20 - 1
        let markers = [marker("youden (oracle)", youden), marker("best-f1 (oracle)", bestF1),
                       marker("top:0.05 (deployable)", top)]
        let stride = max(1, fpr.count / 500)
        let keep = Array(Swift.stride(from: 0, to: fpr.count, by: stride)) + [fpr.count - 1]
        // scikit-learn PR order: recall decreasing to 0, precision ending at 1.
        let prKeep = keep.filter { $0 > 0 }.reversed()
        return ReportRun(
            name: name, level: "instance", auroc: auroc, averagePrecision: ap,
            baselinePrecision: Double(positives) / Double(n),
            rocFPR: keep.map { fpr[$0] }, rocTPR: keep.map { tpr[$0] },
            prRecall: prKeep.map { tpr[$0] } + [0], prPrecision: prKeep.map { precision[$0 - 1] } + [1],
            markers: markers, histogram: ScoreHistogram.make(scores: scores, labels: labels))
    }

    /// A small run for the escaping tests.
    static func run(name: String, markerLabels: [String]) -> ReportRun {
        ReportRun(name: name, level: "instance", auroc: 0.75, averagePrecision: 0.5, baselinePrecision: 0.25,
                  rocFPR: [0, 0.5, 1], rocTPR: [0, 1, 1], prRecall: [1, 0.5, 0], prPrecision: [0.5, 1, 1],
                  markers: markerLabels.map { ReportMarker(label: $0, threshold: 0.5, fpr: 0.5, tpr: 1, precision: 0.5) },
                  histogram: ScoreHistogram.make(scores: [0, 1, 0.2, 0.9], labels: [false, true, false, true]))
    }
}
