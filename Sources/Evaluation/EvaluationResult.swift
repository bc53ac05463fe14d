import Metrics

/// What the evaluator found: one ``RunResult`` per run, a summary over runs, comparisons.
public struct EvaluationResult: Sendable {
    /// Where the labels came from (a file, a dataset split, or the score files themselves).
    public var labelSource: String
    public var runs: [RunResult]
    /// Mean, std, min, max of every metric over the runs, when there are several (per group
    /// when comparing).
    public var summaries: [RunSummary]
    public var comparison: Comparison?
    public var warnings: [String]
    /// Key facts of the dataset manifest, when `--dataset` was given.
    public var manifest: [ReportKeyValue]
}

/// The metrics of one run (one score column of one file).
public struct RunResult: Sendable {
    /// `FILE:COLUMN`.
    public var name: String
    public var file: String
    public var column: String
    /// `a` or `b` when comparing, else nil.
    public var group: String?
    public var curve: BinaryCurve
    /// The canonical-order scores and labels (kept for the report's histograms).
    public var scores: [Double]
    public var labels: [UInt8]
    public var auroc: Double
    public var averagePrecision: Double
    public var prAUC: Double
    public var cutoffs: [CutoffResult]
    public var bootstrap: [BootstrapInterval]
    public var block: BlockResult?
    /// The time-series figures, when the run is evaluated as a series.
    public var series: SeriesResult? = nil
    /// AUROC and AP per anomaly kind (`--by-kind`), sorted by kind; nil when not asked for.
    public var byKind: [KindResult]? = nil
}

/// One cut-off applied to a run.
public struct CutoffResult: Sendable {
    public var spec: CutoffSpec
    public var cutoff: Cutoff
    public var selection: CutoffSelection { cutoff.selection }
}

/// Block-level results of a run.
public struct BlockResult: Sendable {
    /// Fixed block size, or nil when blocks come from the labels' `block` column.
    public var blockSize: Int?
    public var blockCount: Int
    public var lastBlockSize: Int
    public var anomalousBlocks: Int
    /// `mean` (of the rows' scores) or `file` (a block score file).
    public var scoreSource: String
    public var outcome: Outcome

    public enum Outcome: Sendable {
        case defined(curve: BinaryCurve, auroc: Double, averagePrecision: Double, prAUC: Double, cutoffs: [CutoffResult])
        case undefined(reason: String, code: String)
    }
}

/// Statistics of each metric over a group of runs.
public struct RunSummary: Sendable {
    /// nil for all runs, `a` / `b` for the compared groups.
    public var group: String?
    public var runCount: Int
    /// Metric name (`auroc`, `youden.f1`, `block.auroc`, …) and its statistics, in a stable order.
    public var metrics: [(name: String, statistics: RunStatistics)]
}

/// `--compare A B`.
public struct Comparison: Sendable {
    public var a: [String]
    public var b: [String]
    /// DeLong's test on the AUROCs of the first run of each group.
    public var delong: DeLongTest?
    /// Why DeLong's test was not computed.
    public var delongUnavailable: String?
    /// Paired t-tests over runs (a − b), per metric, when each group has at least two runs.
    public var pairedTests: [(name: String, test: PairedTTest)]
}
