import Metrics

/// The evaluation as tables (caption, header, rows of text), shared by the aligned text
/// output, Markdown and the HTML report. The metric columns, and their order, are
/// ``MetricTable``'s (the entries with a table header).
public enum ResultTables {
    public static func make(_ result: EvaluationResult) -> [ReportTable] {
        var tables: [ReportTable] = []
        tables.append(ReportTable(
            caption: "Ranking metrics (threshold-free)",
            header: ["run", "n", "anomalies"] + MetricTable.ranking.map(\.header)
                + (result.runs.first?.bootstrap.isEmpty == false ? MetricTable.ranking.filter { $0.bootstrap != nil }.map { "\($0.header) CI" } : []),
            rows: result.runs.map { run in
                var row = [run.name, String(run.curve.count), "\(run.curve.positives) (\(percent(Double(run.curve.positives) / Double(run.curve.count))))"]
                    + rankingCells(run.rankingInput)
                for interval in run.bootstrap {
                    row.append("[\(fixed(interval.interval.lower)), \(fixed(interval.interval.upper))]")
                }
                return row
            },
            note: "labels: \(result.labelSource)"))

        let kindRuns = result.runs.filter { $0.byKind != nil }
        if !kindRuns.isEmpty {
            tables.append(ReportTable(
                caption: "By anomaly kind",
                header: ["run", "kind", "anomalies", "AUROC", "AP"],
                rows: kindRuns.flatMap { run in
                    (run.byKind ?? []).map { kind in
                        [run.name, kind.kind.isEmpty ? "(empty)" : kind.kind, String(kind.anomalies),
                         kind.auroc.map(fixed) ?? "n/a", kind.averagePrecision.map(fixed) ?? "n/a"]
                    }
                },
                note: "each kind: AUROC and AP on all normal rows plus that kind's anomalies only (the other kinds' anomalies left out)."))
        }

        let cutoffHeader = ["run", "cut-off", "selection", "threshold"] + MetricTable.cutoffCounts.compactMap(\.header)
            + MetricTable.cutoffRates.compactMap(\.header)
        tables.append(ReportTable(
            caption: "Metrics at each cut-off",
            header: cutoffHeader,
            rows: result.runs.flatMap { run in run.cutoffs.map { cutoffRow(run.name, $0) } },
            note: "oracle = chosen with the evaluated labels (optimistic); deployable = fixed beforehand or calibrated on other data."))

        let blockRuns = result.runs.filter { $0.block != nil }
        if !blockRuns.isEmpty {
            tables.append(ReportTable(
                caption: "Block-level metrics",
                header: ["run", "blocks", "anomalous", "last block", "block score"] + MetricTable.ranking.map(\.header),
                rows: blockRuns.compactMap { run -> [String]? in
                    guard let b = run.block else { return nil }
                    return [run.name, String(b.blockCount), String(b.anomalousBlocks), String(b.lastBlockSize), b.scoreSource]
                        + (b.outcome.defined.map { rankingCells($0.ranking) } ?? MetricTable.ranking.map { _ in "n/a" })
                },
                note: blockRuns.compactMap { run -> String? in
                    if case .undefined(let reason, _)? = run.block?.outcome { return "\(run.name): \(reason)" }
                    return nil
                }.first ?? "a block is anomalous when more than half of its rows are; block size \(blockRuns[0].block?.blockSize.map(String.init) ?? "from the labels' block column")"))
            let blockCutoffRows = blockRuns.flatMap { run -> [[String]] in
                (run.block?.outcome.defined?.cutoffs ?? []).map { cutoffRow(run.name, $0) }
            }
            if !blockCutoffRows.isEmpty {
                tables.append(ReportTable(caption: "Block-level metrics at each cut-off", header: cutoffHeader, rows: blockCutoffRows))
            }
        }

        let seriesTables = SeriesTables.make(result)
        if result.runs.contains(where: { $0.series?.series.first?.tsbad != nil }) {
            return seriesTables  // --compat tsb-ad: TSB-AD's keys and values only
        }
        tables += seriesTables

        for summary in result.summaries {
            tables.append(ReportTable(
                caption: "Over \(summary.runCount) runs" + (summary.group.map { " (group \($0))" } ?? ""),
                header: ["metric", "mean", "std", "min", "max"],
                rows: summary.metrics.map { name, s in
                    [name, fixed(s.mean), s.standardDeviation.map(fixed) ?? "n/a", fixed(s.minimum), fixed(s.maximum)]
                },
                note: "std is the sample standard deviation (ddof = 1)."))
        }

        if let comparison = result.comparison {
            var rows: [[String]] = []
            if let d = comparison.delong {
                rows.append(["AUROC (DeLong, first runs)", fixed(d.auc1), fixed(d.auc2), fixed(d.difference),
                             "z = \(fixed(d.z))", pValue(d.pValue)])
            } else if let why = comparison.delongUnavailable {
                rows.append(["AUROC (DeLong)", "", "", "", "n/a", why])
            }
            let means = Dictionary(result.summaries.flatMap { s in s.metrics.map { ("\(s.group ?? "")|\($0.name)", $0.statistics.mean) } },
                                   uniquingKeysWith: { a, _ in a })
            for (name, test) in comparison.pairedTests {
                rows.append(["\(name) (paired t, \(test.count) runs)", means["a|\(name)"].map(fixed) ?? "", means["b|\(name)"].map(fixed) ?? "",
                             fixed(test.meanDifference), test.t.map { "t = \(fixed($0))" } ?? "t undefined", test.pValue.map(pValue) ?? "n/a"])
            }
            tables.append(ReportTable(
                caption: "Comparison: A = \(comparison.a.joined(separator: ", ")) vs B = \(comparison.b.joined(separator: ", "))",
                header: ["metric", "A", "B", "A − B", "statistic", "p-value"],
                rows: rows,
                note: "two-sided p-values; paired t-tests pair runs by position; DeLong's test uses the first run of each side."))
        }
        return tables
    }

    /// The ``MetricTable/ranking`` cells of a run or its blocks.
    static func rankingCells(_ input: MetricTable.RankingInput) -> [String] {
        MetricTable.ranking.map { fixed($0.value(input)) }
    }

    /// A cut-off's row: its name, selection and threshold, then the ``MetricTable`` counts and
    /// rates that have a table column.
    static func cutoffRow(_ run: String, _ result: CutoffResult) -> [String] {
        let c = result.cutoff.confusion
        return [run, result.spec.text, result.selection.rawValue, shortest(result.cutoff.threshold)]
            + MetricTable.cutoffCounts.filter { $0.header != nil }.map { String($0.value(c)) }
            + MetricTable.cutoffRates.filter { $0.header != nil }.map { fixed($0.value(c)) }
    }

    /// Four decimals, the table precision (JSON carries every digit).
    static func fixed(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let scaled = (value * 10_000).rounded()
        let negative = scaled < 0
        let magnitude = abs(scaled)
        guard magnitude < 1e15 else { return "\(value)" }
        let integer = Int(magnitude)
        let text = "\(integer / 10_000).\(String(integer % 10_000).leftPadded(to: 4))"
        return negative && integer != 0 ? "-" + text : text
    }

    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func pValue(_ p: Double) -> String {
        if p < 1e-4 { return "< 0.0001" }
        return fixed(p)
    }

    static func shortest(_ value: Double) -> String { value == 0 ? "0" : "\(value)" }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
