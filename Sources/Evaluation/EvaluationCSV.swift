/// The `--format csv` output: one metric per line in long form,
/// `run,level,cutoff,selection,metric,value`, easy to load into pandas or a spreadsheet.
/// `level` is `instance` or `block`; `cutoff` and `selection` are empty for threshold-free
/// metrics; summaries over runs use run `summary` (or `summary:a`/`summary:b`) and metrics
/// `NAME.mean`, `NAME.std`, `NAME.min`, `NAME.max`. Time-series figures have level `series`
/// (`series:ID` per series and `series:mean` when the labels hold several); point-adjusted
/// figures end in `_inflated`, and `random.`/`constant.` name the baseline scores. Per-kind
/// figures (`--by-kind`) have level `kind:NAME` (`n_anomalies`, `auroc`, `average_precision`;
/// an undefined figure is an empty value), and summaries name them `kind.NAME.auroc`.
/// The metrics of runs, blocks and cut-offs, and their order, are ``MetricTable``'s.
public enum EvaluationCSV {
    public static func render(_ result: EvaluationResult) -> String {
        var out = "run,level,cutoff,selection,metric,value\n"
        func row(_ fields: [String], _ value: String) {
            out += fields.map(quote).joined(separator: ",") + "," + value + "\n"
        }
        func number(_ value: Double) -> String { value.isFinite ? (value == 0 ? "0.0" : "\(value)") : "" }
        func cutoffRows(_ run: String, _ level: String, _ result: CutoffResult) {
            let c = result.cutoff.confusion
            let fields = [run, level, result.spec.text, result.selection.rawValue]
            row(fields + ["threshold"], number(result.cutoff.threshold))
            for metric in MetricTable.cutoffCounts { row(fields + [metric.key], String(metric.value(c))) }
            for metric in MetricTable.cutoffRates { row(fields + [metric.key], number(metric.value(c))) }
        }
        func rankingRows(_ run: String, _ level: String, _ input: MetricTable.RankingInput) {
            for metric in MetricTable.ranking { row([run, level, "", "", metric.key], number(metric.value(input))) }
        }
        for run in result.runs {
            row([run.name, "instance", "", "", "n"], String(run.curve.count))
            row([run.name, "instance", "", "", "n_anomalies"], String(run.curve.positives))
            rankingRows(run.name, "instance", run.rankingInput)
            for interval in run.bootstrap {
                let name = MetricTable.key(of: interval.statistic)
                row([run.name, "instance", "", "", "\(name).ci_lower"], number(interval.interval.lower))
                row([run.name, "instance", "", "", "\(name).ci_upper"], number(interval.interval.upper))
            }
            for cutoff in run.cutoffs { cutoffRows(run.name, "instance", cutoff) }
            if let block = run.block {
                row([run.name, "block", "", "", "n_blocks"], String(block.blockCount))
                row([run.name, "block", "", "", "n_anomalous_blocks"], String(block.anomalousBlocks))
                if let defined = block.outcome.defined {
                    rankingRows(run.name, "block", defined.ranking)
                    for cutoff in defined.cutoffs { cutoffRows(run.name, "block", cutoff) }
                }
            }
        }
        for run in result.runs {
            for kind in run.byKind ?? [] {
                let level = "kind:\(kind.kind)"
                row([run.name, level, "", "", "n_anomalies"], String(kind.anomalies))
                row([run.name, level, "", "", "auroc"], kind.auroc.map(number) ?? "")
                row([run.name, level, "", "", "average_precision"], kind.averagePrecision.map(number) ?? "")
            }
        }
        for run in result.runs {
            guard let series = run.series else { continue }
            let cutoffNames = series.series.first?.cutoffs.map(\.spec.text) ?? []
            func rows(_ level: String, _ metrics: [(String, Double)], selection: (String) -> String) {
                for (name, value) in metrics {
                    if let cut = cutoffNames.first(where: { name.hasPrefix($0 + ".") }) {
                        row([run.name, level, cut, selection(cut), String(name.dropFirst(cut.count + 1))], number(value))
                    } else if name == "window" {
                        row([run.name, level, "", "", name], String(Int(value)))
                    } else {
                        row([run.name, level, "", "", name], number(value))
                    }
                }
            }
            let selections = Dictionary(series.series.first?.cutoffs.map { ($0.spec.text, $0.selection.rawValue) } ?? [],
                                        uniquingKeysWith: { a, _ in a })
            for s in series.series {
                rows(s.name.map { "series:\($0)" } ?? "series", s.namedMetrics) { selections[$0] ?? "" }
            }
            if let mean = series.mean { rows("series:mean", mean.metrics) { selections[$0] ?? "" } }
        }
        for summary in result.summaries {
            let name = "summary" + (summary.group.map { ":\($0)" } ?? "")
            for (metric, s) in summary.metrics {
                row([name, "", "", "", "\(metric).mean"], number(s.mean))
                row([name, "", "", "", "\(metric).std"], s.standardDeviation.map(number) ?? "")
                row([name, "", "", "", "\(metric).min"], number(s.minimum))
                row([name, "", "", "", "\(metric).max"], number(s.maximum))
            }
        }
        if let comparison = result.comparison {
            if let d = comparison.delong {
                row(["comparison", "instance", "", "", "delong.z"], number(d.z))
                row(["comparison", "instance", "", "", "delong.p_value"], number(d.pValue))
            }
            for (metric, test) in comparison.pairedTests {
                row(["comparison", "", "", "", "\(metric).t"], test.t.map(number) ?? "")
                row(["comparison", "", "", "", "\(metric).p_value"], test.pValue.map(number) ?? "")
            }
        }
        return out
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
