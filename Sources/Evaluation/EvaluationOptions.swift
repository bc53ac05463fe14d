/// Everything `toolkit evaluate` was asked to do.
public struct EvaluationOptions: Sendable {
    /// Score files; each selected score column of each file is one run.
    public var scoreFiles: [String] = []
    /// Score column names (empty: `score`, or every column but `id` and `label`).
    public var scoreColumns: [String] = []
    /// A label file (`id,label`), or nil.
    public var labelsPath: String?
    /// A dataset folder whose `labels.csv` gives the labels of `split`, or nil.
    public var datasetPath: String?
    /// Several dataset folders, one per series, paired with ``scoreFiles`` in order: each pair
    /// is one series of each score column, scored on its own and averaged (ranking metrics pool
    /// the series). Empty or one: not used.
    public var seriesDatasets: [String] = []
    /// Window-level evaluation: the labels are the dataset's `windows.csv` (one row per window
    /// of a sequence dataset, id = the `window` number) instead of `labels.csv`.
    public var windowLabels = false
    /// The dataset split the scores are for.
    public var split = "test"
    /// Check the dataset files read (labels, windows, values) against the SHA-256 its
    /// `manifest.json` records (`--no-verify` turns it off).
    public var verifyDataset = true
    public var cutoffs: [CutoffSpec] = CutoffSpec.defaults
    /// The validation score file for `calibrated:RULE` cut-offs.
    public var calibrationFile: String?
    public var blocks: BlockSpec?
    /// A `block,score` file of block scores (instead of the mean of the rows' scores).
    public var blockScoresFile: String?
    /// Per score file (as given in ``scoreFiles``), its own `block,score` file: for several runs
    /// of a detector that scores blocks (`amad`), each with its blocks. Takes precedence over
    /// ``blockScoresFile`` for the files it names.
    public var blockScoresByFile: [String: String] = [:]
    /// Two groups of runs to compare (`--compare A B`).
    public var compare: (a: [RunReference], b: [RunReference])?
    /// Bootstrap replicates for AUROC/AP confidence intervals (nil: none).
    public var bootstrapReplicates: Int?
    public var seed: UInt64 = 0
    public var confidenceLevel = 0.95
    /// Lower score = more anomalous: scores are negated on reading.
    public var lowerIsAnomalous = false
    /// Evaluate each run as a time series too (nil: not).
    public var series: SeriesOptions?
    /// Per-anomaly-kind AUROC and AP too (the labels' `kind` column): for each kind, all normal
    /// rows plus that kind's anomalies, the other kinds' anomalies left out.
    public var byKind = false

    public init() {}
}

/// How rows are grouped into blocks (the AMAD protocol).
public enum BlockSpec: Sendable, Hashable {
    /// Consecutive blocks of this many rows in canonical order.
    case size(Int)
    /// The labels' `block` column.
    case labelColumn
}

/// One run named on the command line: a file and optionally one of its score columns
/// (`FILE` or `FILE:COLUMN`).
public struct RunReference: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var column: String?

    public init(file: String, column: String? = nil) {
        self.file = file
        self.column = column
    }

    /// Parses `FILE` or `FILE:COLUMN`; a colon is read as a separator only when the text
    /// before it is not itself an existing path, checked by `exists`.
    public init(parsing text: String, exists: (String) -> Bool) {
        if !exists(text), let colon = text.lastIndex(of: ":"), colon != text.startIndex {
            file = String(text[..<colon])
            column = String(text[text.index(after: colon)...])
        } else {
            file = text
            column = nil
        }
    }

    public var description: String { column.map { "\(file):\($0)" } ?? file }
}
