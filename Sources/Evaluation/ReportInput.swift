// TEMPORARY stub until the report branch lands (same API as the brief).
public struct ReportInput: Sendable {
    public var title: String
    public var commandLine: String
    public var generatedBy: String
    public var manifestSummary: [ReportKeyValue]
    public var warnings: [String]
    public var tables: [ReportTable]
    public var runs: [ReportRun]
    public init(title: String, commandLine: String, generatedBy: String, manifestSummary: [ReportKeyValue] = [], warnings: [String] = [], tables: [ReportTable] = [], runs: [ReportRun] = []) {
        self.title = title; self.commandLine = commandLine; self.generatedBy = generatedBy; self.manifestSummary = manifestSummary
        self.warnings = warnings; self.tables = tables; self.runs = runs
    }
}
public struct ReportKeyValue: Sendable { public var key: String; public var value: String; public init(_ key: String, _ value: String) { self.key = key; self.value = value } }
public struct ReportTable: Sendable {
    public var caption: String
    public var header: [String]
    public var rows: [[String]]
    public var note: String?
    public init(caption: String, header: [String], rows: [[String]], note: String? = nil) { self.caption = caption; self.header = header; self.rows = rows; self.note = note }
}
public struct ReportMarker: Sendable {
    public var label: String; public var threshold: Double; public var fpr: Double; public var tpr: Double; public var precision: Double
    public init(label: String, threshold: Double, fpr: Double, tpr: Double, precision: Double) { self.label = label; self.threshold = threshold; self.fpr = fpr; self.tpr = tpr; self.precision = precision }
}
public struct ReportHistogram: Sendable {
    public var lowerEdges: [Double]; public var upper: Double; public var normalCounts: [Int]; public var anomalyCounts: [Int]
    public init(lowerEdges: [Double], upper: Double, normalCounts: [Int], anomalyCounts: [Int]) { self.lowerEdges = lowerEdges; self.upper = upper; self.normalCounts = normalCounts; self.anomalyCounts = anomalyCounts }
}
public struct ReportRun: Sendable {
    public var name: String; public var level: String; public var auroc: Double; public var averagePrecision: Double; public var baselinePrecision: Double
    public var rocFPR: [Double]; public var rocTPR: [Double]; public var prRecall: [Double]; public var prPrecision: [Double]
    public var markers: [ReportMarker]; public var histogram: ReportHistogram
    public init(name: String, level: String, auroc: Double, averagePrecision: Double, baselinePrecision: Double, rocFPR: [Double], rocTPR: [Double], prRecall: [Double], prPrecision: [Double], markers: [ReportMarker], histogram: ReportHistogram) {
        self.name = name; self.level = level; self.auroc = auroc; self.averagePrecision = averagePrecision; self.baselinePrecision = baselinePrecision
        self.rocFPR = rocFPR; self.rocTPR = rocTPR; self.prRecall = prRecall; self.prPrecision = prPrecision; self.markers = markers; self.histogram = histogram
    }
}
public enum HTMLReport { public static func render(_ input: ReportInput) -> String { "<html>stub</html>" } }
public enum ScoreHistogram { public static func make(scores: [Double], labels: [Bool], bins: Int = 40) -> ReportHistogram { ReportHistogram(lowerEdges: [], upper: 0, normalCounts: [], anomalyCounts: []) } }
