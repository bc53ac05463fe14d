import Datasets
import Metrics

/// The `--format json` document (schema version 1, documented in the README; keys are
/// snake_case and only ever added to):
///
///     { "schema_version", "toolkit_version", "command", "labels", "runs": [RUN…],
///       "summary": [SUMMARY…], "comparison": COMPARISON | null, "warnings": […] }
///
/// RUN = { "name", "file", "column", "group", "n", "n_anomalies", "anomaly_ratio",
/// "n_distinct_scores", "auroc", "average_precision", "pr_auc", "cutoffs": [CUTOFF…],
/// "bootstrap": {…} (only with --bootstrap), "block": BLOCK | null, "series": {…} (only for a
/// series, see ``SeriesJSON``), "by_kind": [KIND…] (only with --by-kind) }.
///
/// The metrics of a run, a block and a cut-off, and their order, are ``MetricTable``'s.
///
/// KIND = { "kind", "n_anomalies", "auroc", "average_precision" }: the figures on every normal
/// row plus that kind's anomalies (null when that subset has one class).
public enum EvaluationJSON {
    public static func render(_ result: EvaluationResult, command: String) -> String {
        var members: [(String, JSONText)] = [
            ("schema_version", .integer(1)),
            ("toolkit_version", .string(ToolkitVersion.string)),
            ("command", .string(command)),
            ("labels", .string(result.labelSource)),
            ("runs", .array(result.runs.map(run))),
            ("summary", .array(result.summaries.map(summary))),
            ("comparison", result.comparison.map(comparison) ?? .null),
            ("warnings", .array(result.warnings.map { .string($0) })),
        ]
        if !result.manifest.isEmpty {
            // The manifest facts as the text reports show them, under snake_case keys
            // (`train_rows`: the display key "train rows").
            members.insert(("dataset", .object(result.manifest.map { ($0.key.replacingOccurrences(of: " ", with: "_"), .string($0.value)) })), at: 4)
        }
        return JSONText.object(members).rendered()
    }

    static func run(_ run: RunResult) -> JSONText {
        var members: [(String, JSONText)] = [
            ("name", .string(run.name)),
            ("file", .string(run.file)),
            ("column", .string(run.column)),
            ("group", run.group.map { .string($0) } ?? .null),
            ("n", .integer(run.curve.count)),
            ("n_anomalies", .integer(run.curve.positives)),
            ("anomaly_ratio", .number(Double(run.curve.positives) / Double(run.curve.count))),
            ("n_distinct_scores", .integer(run.curve.thresholdCount)),
        ]
        members += ranking(run.rankingInput)
        members.append(("cutoffs", .array(run.cutoffs.map(cutoff))))
        if !run.bootstrap.isEmpty {
            members.append(("bootstrap", .object(run.bootstrap.map { interval in
                (MetricTable.key(of: interval.statistic), .object([
                    ("estimate", .number(interval.estimate)),
                    ("ci", .array([.number(interval.interval.lower), .number(interval.interval.upper)])),
                    ("confidence_level", .number(interval.confidenceLevel)),
                    ("replicates", .integer(interval.replicates.count)),
                    ("mean", .number(interval.mean)),
                    ("std", .number(interval.standardDeviation)),
                    ("seed", .integer(Int(truncatingIfNeeded: interval.seed))),
                    ("stratified", .bool(interval.stratified)),
                ]))
            })))
        }
        members.append(("block", run.block.map(block) ?? .null))
        if let series = run.series { members.append(("series", SeriesJSON.render(series))) }
        if let byKind = run.byKind { members.append(("by_kind", .array(byKind.map(kind)))) }
        return .object(members)
    }

    static func kind(_ result: KindResult) -> JSONText {
        .object([
            ("kind", .string(result.kind)),
            ("n_anomalies", .integer(result.anomalies)),
            ("auroc", .optional(result.auroc)),
            ("average_precision", .optional(result.averagePrecision)),
        ])
    }

    /// The ``MetricTable/ranking`` metrics of a run or its blocks.
    static func ranking(_ input: MetricTable.RankingInput) -> [(String, JSONText)] {
        MetricTable.ranking.map { ($0.key, .number($0.value(input))) }
    }

    static func cutoff(_ result: CutoffResult) -> JSONText {
        let c = result.cutoff.confusion
        let members: [(String, JSONText)] = [
            ("name", .string(result.spec.text)),
            ("rule", .string(result.spec.rule.description)),
            ("selection", .string(result.selection.rawValue)),
            ("calibrated", .bool(result.cutoff.isCalibrated)),
            ("threshold", .number(result.cutoff.threshold)),
            ("k", result.cutoff.requestedCount.map { .integer($0) } ?? .null),
        ]
        return .object(members + MetricTable.cutoffCounts.map { ($0.key, .integer($0.value(c))) }
                           + MetricTable.cutoffRates.map { ($0.key, .number($0.value(c))) })
    }

    static func block(_ block: BlockResult) -> JSONText {
        var members: [(String, JSONText)] = [
            ("block_size", block.blockSize.map { .integer($0) } ?? .null),
            ("blocks_from", .string(block.blockSize == nil ? "labels" : "size")),
            ("n_blocks", .integer(block.blockCount)),
            ("last_block_size", .integer(block.lastBlockSize)),
            ("n_anomalous_blocks", .integer(block.anomalousBlocks)),
            ("score", .string(block.scoreSource)),
            ("few_blocks", .bool(BlockCountWarning.isFew(block.blockCount))),
        ]
        if let defined = block.outcome.defined {
            members += ranking(defined.ranking)
            members += [("cutoffs", .array(defined.cutoffs.map(cutoff))), ("reason", .null)]
        } else if case .undefined(let reason, let code) = block.outcome {
            members += MetricTable.ranking.map { ($0.key, .null) }
            members += [("cutoffs", .array([])), ("reason", .string(reason)), ("reason_code", .string(code))]
        }
        return .object(members)
    }

    static func summary(_ summary: RunSummary) -> JSONText {
        .object([
            ("group", summary.group.map { .string($0) } ?? .null),
            ("runs", .integer(summary.runCount)),
            ("metrics", .object(summary.metrics.map { name, s in
                (name, .object([
                    ("mean", .number(s.mean)),
                    ("std", .optional(s.standardDeviation)),
                    ("min", .number(s.minimum)),
                    ("max", .number(s.maximum)),
                    ("ci", s.confidenceInterval.map { .array([.number($0.lower), .number($0.upper)]) } ?? .null),
                ]))
            })),
        ])
    }

    static func comparison(_ comparison: Comparison) -> JSONText {
        var delong: JSONText = .null
        if let d = comparison.delong {
            delong = .object([
                ("auroc_a", .number(d.auc1)), ("auroc_b", .number(d.auc2)),
                ("difference", .number(d.difference)), ("z", .number(d.z)), ("p_value", .number(d.pValue)),
                ("ci", .array([.number(d.differenceInterval.lower), .number(d.differenceInterval.upper)])),
                ("variance_a", .number(d.variance1)), ("variance_b", .number(d.variance2)), ("covariance", .number(d.covariance)),
                ("confidence_level", .number(d.confidenceLevel)),
            ])
        }
        return .object([
            ("a", .array(comparison.a.map { .string($0) })),
            ("b", .array(comparison.b.map { .string($0) })),
            ("delong", delong),
            ("delong_unavailable", comparison.delongUnavailable.map { .string($0) } ?? .null),
            ("paired_t_tests", .object(comparison.pairedTests.map { name, test in
                (name, .object([
                    ("mean_difference", .number(test.meanDifference)),
                    ("t", .optional(test.t)), ("p_value", .optional(test.pValue)), ("df", .integer(test.degreesOfFreedom)),
                ]))
            })),
        ])
    }
}
