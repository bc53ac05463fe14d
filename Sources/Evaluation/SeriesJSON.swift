import Metrics

/// The `series` member of a run in `--format json` (added only when the run is evaluated as a
/// series; keys snake_case, only ever added to):
///
///     "series": { "n_series", "baseline_seed", "range_based_parameters": {alpha, cardinality, bias},
///                 "per_series": [SERIES…], "mean": {NAME: value…} | null }
///     SERIES = { "series" (the series column's value, or null), "n", "n_anomalies", "n_ranges",
///                "window", "window_rule", "vus_roc", "vus_pr", "range_auc_roc", "range_auc_pr",
///                "baselines": {"random": {vus_roc, vus_pr, range_auc_roc, range_auc_pr}, "constant": {…}},
///                "cutoffs": [CUT…], "tsbad_get_metrics": {…}, "tsbad_get_metrics_random": {…},
///                "tsbad_get_metrics_constant": {…} (the last three with --compat tsb-ad) }
///     CUT = { "name", "selection", "threshold", "n_flagged", "point": {precision, recall, f1},
///             "range_based": {precision, recall, f1}, "affiliation": {precision (null: undefined), recall, f1},
///             "event_based": {event_recall, f1, "lenient": true},
///             "point_adjusted": {"inflated": true, "pa_k": {"0"|"20"|"50"|"80"|"100": {precision, recall, f1,
///                                random_f1, constant_f1}}, "tsbad_pa_f1", "random_tsbad_pa_f1", "constant_tsbad_pa_f1"} }
///
/// `tsbad_get_metrics` holds TSB-AD's nine keys in snake_case (`AUC-PR` → `auc_pr`,
/// `Event-based-F1` → `event_based_f1`), plus `window` and `oracle`.
enum SeriesJSON {
    static func render(_ result: SeriesResult) -> JSONText {
        let p = result.rangeBased
        return .object([
            ("n_series", .integer(result.series.count)),
            ("baseline_seed", .integer(Int(truncatingIfNeeded: result.baselineSeed))),
            ("range_based_parameters", .object([("alpha", .number(p.alpha)), ("cardinality", .string(p.cardinality.rawValue)),
                                                ("bias", .string(p.bias.rawValue))])),
            ("per_series", .array(result.series.map(series))),
            ("mean", result.mean.map { mean in .object(mean.metrics.map { ($0.name, number($0.value)) }) } ?? .null),
        ])
    }

    static func number(_ value: Double) -> JSONText { value.isNaN ? .null : .number(value) }

    static func series(_ s: SeriesScores) -> JSONText {
        func areas(_ b: SeriesBaseline) -> JSONText {
            .object([("vus_roc", .number(b.vus.roc)), ("vus_pr", .number(b.vus.pr)),
                     ("range_auc_roc", .number(b.rangeAUC.roc)), ("range_auc_pr", .number(b.rangeAUC.pr))])
        }
        var members: [(String, JSONText)] = [
            ("series", s.name.map { .string($0) } ?? .null),
            ("n", .integer(s.count)), ("n_anomalies", .integer(s.positives)), ("n_ranges", .integer(s.rangeCount)),
            ("window", .integer(s.window)), ("window_rule", .string(s.windowRule)),
            ("vus_roc", .number(s.vus.roc)), ("vus_pr", .number(s.vus.pr)),
            ("range_auc_roc", .number(s.rangeAUC.roc)), ("range_auc_pr", .number(s.rangeAUC.pr)),
            ("baselines", .object([("random", areas(s.randomBaseline)), ("constant", areas(s.constantBaseline))])),
            ("cutoffs", .array(s.cutoffs.map(cutoff))),
        ]
        for (key, metrics) in [("tsbad_get_metrics", s.tsbad), ("tsbad_get_metrics_random", s.tsbadRandom),
                               ("tsbad_get_metrics_constant", s.tsbadConstant)] {
            guard let t = metrics else { continue }
            var values: [(String, JSONText)] = [("window", .integer(t.window)), ("oracle", .bool(t.oracle))]
            for (key, value) in zip(TSBADMetrics.keys, t.values) { values.append((TSBADKey.snake(key), number(value))) }
            members.append((key, .object(values)))
        }
        return .object(members)
    }

    static func cutoff(_ c: SeriesCutoffMetrics) -> JSONText {
        var pak: [(String, JSONText)] = []
        for (index, (k, confusion)) in c.pointAdjusted.enumerated() {
            pak.append(("\(k)", .object([
                ("precision", .number(confusion.precision)), ("recall", .number(confusion.recall)), ("f1", .number(confusion.f1)),
                ("random_f1", .number(c.randomPointAdjustedF1[index])), ("constant_f1", .number(c.constantPointAdjustedF1[index])),
            ])))
        }
        return .object([
            ("name", .string(c.spec.text)),
            ("selection", .string(c.selection.rawValue)),
            ("threshold", .number(c.threshold)),
            ("n_flagged", .integer(c.point.nFlagged)),
            ("point", .object([("precision", .number(c.point.precision)), ("recall", .number(c.point.recall)), ("f1", .number(c.point.f1))])),
            ("range_based", .object([("precision", .number(c.rangePrecision)), ("recall", .number(c.rangeRecall)), ("f1", .number(c.rangeF1))])),
            ("affiliation", .object([("precision", number(c.affiliationPrecision)), ("recall", .number(c.affiliationRecall)),
                                     ("f1", number(c.affiliationF1))])),
            ("event_based", .object([("event_recall", .number(c.eventRecall)), ("f1", .number(c.eventF1)), ("lenient", .bool(true))])),
            ("point_adjusted", .object([
                ("inflated", .bool(true)),
                ("pa_k", .object(pak)),
                ("tsbad_pa_f1", .number(c.tsbadPointAdjusted.f1)),
                ("random_tsbad_pa_f1", .number(c.randomTSBADPointAdjustedF1)),
                ("constant_tsbad_pa_f1", .number(c.constantTSBADPointAdjustedF1)),
            ])),
        ])
    }
}
