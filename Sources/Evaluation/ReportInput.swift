/// Everything the HTML report shows; built by the evaluator from its results.
public struct ReportInput: Sendable {
    public var title: String
    public var commandLine: String
    public var generatedBy: String              // e.g. "toolkit 0.1.0"
    public var manifestSummary: [ReportKeyValue] // dataset manifest summary; may be empty
    public var warnings: [String]
    public var tables: [ReportTable]
    public var runs: [ReportRun]
    /// Extra figures drawn by the caller (trusted SVG), each shown in a card with its title.
    public var figures: [(title: String, svg: String)] = []

    public init(title: String, commandLine: String, generatedBy: String, manifestSummary: [ReportKeyValue] = [],
                warnings: [String] = [], tables: [ReportTable] = [], runs: [ReportRun] = []) {
        self.title = title
        self.commandLine = commandLine
        self.generatedBy = generatedBy
        self.manifestSummary = manifestSummary
        self.warnings = warnings
        self.tables = tables
        self.runs = runs
    }
}

/// One row of the dataset manifest summary.
public struct ReportKeyValue: Sendable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A table of already formatted cells; numeric-looking cells are right-aligned by the renderer.
public struct ReportTable: Sendable {
    public var caption: String
    public var header: [String]
    public var rows: [[String]]
    public var note: String?
    /// Cells drawn in bold (row, column), such as a leaderboard's best value per metric.
    public var emphasized: Set<ReportCell> = []

    public init(caption: String, header: [String], rows: [[String]], note: String? = nil) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.note = note
    }
}

/// A table cell's position: row and column, 0-based, header excluded.
public struct ReportCell: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) { self.row = row; self.column = column }
}

/// A cut-off drawn on the curves (a dot) and on the histogram (a vertical line).
public struct ReportMarker: Sendable {
    public var label: String        // e.g. "youden (oracle)"
    public var threshold: Double
    public var fpr: Double
    public var tpr: Double          // = recall
    public var precision: Double

    public init(label: String, threshold: Double, fpr: Double, tpr: Double, precision: Double) {
        self.label = label
        self.threshold = threshold
        self.fpr = fpr
        self.tpr = tpr
        self.precision = precision
    }
}

/// Equal-width score bins with a count per class; see `ScoreHistogram.make`.
public struct ReportHistogram: Sendable {
    public var lowerEdges: [Double]  // bins.count lower edges; the last bin's upper edge is `upper`
    public var upper: Double
    public var normalCounts: [Int]
    public var anomalyCounts: [Int]

    public init(lowerEdges: [Double], upper: Double, normalCounts: [Int], anomalyCounts: [Int]) {
        self.lowerEdges = lowerEdges
        self.upper = upper
        self.normalCounts = normalCounts
        self.anomalyCounts = anomalyCounts
    }
}

/// One scored column at one level: its headline metrics, its (downsampled) curves, cut-offs and histogram.
public struct ReportRun: Sendable {
    public var name: String          // e.g. "scores.csv: score"
    public var level: String         // "instance" or "block"
    public var auroc: Double
    public var averagePrecision: Double
    public var baselinePrecision: Double   // P / n
    public var rocFPR: [Double]
    public var rocTPR: [Double]        // from (0,0) to (1,1)
    public var prRecall: [Double]
    public var prPrecision: [Double] // scikit-learn order: recall decreasing to 0, precision ending at 1
    public var markers: [ReportMarker]
    public var histogram: ReportHistogram

    public init(name: String, level: String, auroc: Double, averagePrecision: Double, baselinePrecision: Double,
                rocFPR: [Double], rocTPR: [Double], prRecall: [Double], prPrecision: [Double],
                markers: [ReportMarker], histogram: ReportHistogram) {
        self.name = name
        self.level = level
        self.auroc = auroc
        self.averagePrecision = averagePrecision
        self.baselinePrecision = baselinePrecision
        self.rocFPR = rocFPR
        self.rocTPR = rocTPR
        self.prRecall = prRecall
        self.prPrecision = prPrecision
        self.markers = markers
        self.histogram = histogram
    }
}
