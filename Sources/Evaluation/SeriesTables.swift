import Metrics

/// The time-series part of the evaluation as tables (text, Markdown, HTML): threshold-free
/// figures with their window and baselines, figures at each cut-off, and the point-adjusted
/// F1 marked inflated beside the random and constant scores; or, with `--compat tsb-ad`,
/// TSB-AD's `get_metrics` keys and values.
enum SeriesTables {
    static func make(_ result: EvaluationResult) -> [ReportTable] {
        let runs = result.runs.filter { $0.series != nil }
        guard let firstSeries = runs.first?.series else { return [] }
        var tables: [ReportTable] = []
        let fixed = ResultTables.fixed

        let several = runs.contains { ($0.series?.series.count ?? 0) > 1 }
        /// The rows of a run: one group per series, then the mean when there are several. The
        /// closure's rows start with the series cell (dropped for a single series); the run's
        /// name leads the first row of each group.
        func rows(_ run: RunResult, _ make: (String, [(String, Double)], SeriesScores?) -> [[String]]) -> [[String]] {
            guard let s = run.series else { return [] }
            var groups: [[[String]]] = []
            for series in s.series {
                groups.append(make(series.name ?? "", series.namedMetrics, series))
            }
            if let mean = s.mean { groups.append(make("mean of \(mean.seriesCount)", mean.metrics, nil)) }
            return groups.flatMap { group in
                group.enumerated().map { index, row in
                    [index == 0 ? run.name : ""] + (several ? [index == 0 ? row[0] : ""] : []) + row.dropFirst()
                }
            }
        }
        func header(_ columns: [String]) -> [String] { ["run"] + (several ? ["series"] : []) + columns }
        func value(_ metrics: [(String, Double)], _ name: String) -> Double {
            metrics.first { $0.0 == name }?.1 ?? .nan
        }
        func cell(_ metrics: [(String, Double)], _ name: String) -> String {
            let v = value(metrics, name)
            if name == "window" && v == v.rounded() { return String(Int(v)) }
            return v.isNaN ? "undef." : fixed(v)
        }

        let windows = Set(runs.flatMap { ($0.series?.series ?? []).map { "\($0.window) (\($0.windowRule))" } })
        let windowNote = windows.count == 1 ? "W = \(windows.first ?? "")" : "W per series"
        if runs.contains(where: { $0.series!.series.first?.tsbad != nil }) {
            tables.append(ReportTable(
                caption: "TSB-AD 1.5 get_metrics (slidingWindow = W, pred = None)",
                header: header(["score", "W"] + TSBADMetrics.keys.map { $0 == "PA-F1" ? "PA-F1 (inflated)" : $0 }),
                rows: runs.flatMap { run in
                    rows(run) { name, metrics, series in
                        [("detector", ""), ("random (seed \(run.series!.baselineSeed))", "random."), ("constant", "constant.")].map { label, prefix in
                            [name, label, series == nil || !prefix.isEmpty ? "" : cell(metrics, "window")]
                                + TSBADMetrics.keys.map { cell(metrics, "\(prefix)tsbad.\(TSBADKey.snake($0))") }
                        }
                    }
                },
                note: "\(windowNote). Standard-F1, PA-F1, Event-based-F1, R-based-F1 and Affiliation-F are at an oracle threshold (chosen with the labels: optimistic); PA-F1 is point-adjusted and inflated: read it against the random and constant scores on the same labels. TSB-AD numbers published before 2024-10-25 used other VUS code and are not comparable."))
            return tables
        }

        tables.append(ReportTable(
            caption: "Time-series metrics (threshold-free), sliding window \(windowNote)",
            header: header(["score", "n", "ranges", "W", "VUS-ROC", "VUS-PR", "R-AUC-ROC", "R-AUC-PR"]),
            rows: runs.flatMap { run in
                rows(run) { name, metrics, series in
                    let n = series.map { String($0.count) } ?? "", ranges = series.map { String($0.rangeCount) } ?? ""
                    return [
                        [name, "detector", n, ranges, series == nil ? "" : cell(metrics, "window"), cell(metrics, "vus_roc"), cell(metrics, "vus_pr"),
                         cell(metrics, "range_auc_roc"), cell(metrics, "range_auc_pr")],
                        [name, "random (seed \(run.series!.baselineSeed))", "", "", "", cell(metrics, "random.vus_roc"), cell(metrics, "random.vus_pr"),
                         cell(metrics, "random.range_auc_roc"), cell(metrics, "random.range_auc_pr")],
                        [name, "constant", "", "", "", cell(metrics, "constant.vus_roc"), cell(metrics, "constant.vus_pr"),
                         cell(metrics, "constant.range_auc_roc"), cell(metrics, "constant.range_auc_pr")],
                    ]
                }
            },
            note: "VUS-PR is the headline (TSB-AD). VUS and range-AUC are comparable only at equal W, and VUS-ROC is lenient at large W: the random and constant scores on the same labels show what an uninformative detector gets."))

        let parameters = firstSeries.rangeBased
        let cutoffs = firstSeries.series.first?.cutoffs ?? []
        if !cutoffs.isEmpty {
            tables.append(ReportTable(
                caption: "Time-series metrics at each cut-off",
                header: header(["cut-off", "selection", "flagged", "F1", "range P", "range R", "range F1",
                                "affil. P", "affil. R", "event F1 (lenient)"]),
                rows: runs.flatMap { run in
                    rows(run) { name, metrics, series in
                        cutoffs.enumerated().map { index, c in
                            let p = c.spec.text
                            let flagged = series.map { String($0.cutoffs[index].point.nFlagged) } ?? ""
                            return [name, p, c.selection.rawValue, flagged, cell(metrics, "\(p).f1"),
                                    cell(metrics, "\(p).range_precision"), cell(metrics, "\(p).range_recall"), cell(metrics, "\(p).range_f1"),
                                    cell(metrics, "\(p).affiliation_precision"), cell(metrics, "\(p).affiliation_recall"),
                                    cell(metrics, "\(p).event_f1")]
                        }
                    }
                },
                note: "flag s >= threshold; range-based P/R (Tatbul et al.) with alpha = \(parameters.alpha), cardinality \(parameters.cardinality.rawValue), bias \(parameters.bias.rawValue); affiliation (Huet et al.): a random point has precision about 0.5 by construction, undef. = nothing flagged; event F1 is TSB-AD's (one hit counts a whole event)."))

            tables.append(ReportTable(
                caption: "Point-adjusted F1 (PA%K) — INFLATED: compare with the random and constant scores",
                header: header(["cut-off", "score", "PA%0 (inflated)", "PA%20", "PA%50", "PA%80", "PA%100 = F1", "TSB-AD PA-F1 (inflated)"]),
                rows: runs.flatMap { run in
                    rows(run) { name, metrics, _ in
                        cutoffs.flatMap { c -> [[String]] in
                            let p = c.spec.text
                            return [("detector", ""), ("random", "random."), ("constant", "constant.")].enumerated().map { index, score in
                                let (label, prefix) = score
                                return [name, index == 0 ? p : "", label]
                                    + PointAdjustment.standardK.map { k in cell(metrics, "\(p).\(prefix)pa_k\(k)_f1\(k < 100 ? "_inflated" : "")") }
                                    + [cell(metrics, "\(p).\(prefix)tsbad_pa_f1_inflated")]
                            }
                        }
                    }
                },
                note: "Point adjustment (PA = PA%0) marks a whole anomaly range as found when one of its points is flagged; PA%K needs more than K % of the range (Kim et al., AAAI 2022). It lets random scores reach high F1, so read the detector's figure against the random and constant rows (same labels, same cut-off rule); PA%100 is plain F1."))
        }
        return tables
    }
}
