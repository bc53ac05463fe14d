/// Parameters of the `series_file` generator: one labelled time series of the field's corpora,
/// read from the user's file and cut into a train prefix and a test suffix.
///
///     generator:
///       kind: series_file
///       source: ~          # the file (plain or compressed); required
///       format: auto       # tsb-ad | ucr | auto (by the file name's pattern)
///       train_end: ~       # rows [0, train_end) are train; default: from the file name
///
/// Formats:
/// - `tsb-ad`: TSB-AD's `[index]_[dataset]_id_[id]_[domain]_tr_[trainEnd]_1st_[first].csv`, a CSV
///   with a header: one or more value columns and `Label` (0/1).
/// - `ucr`: the UCR anomaly archive's `[index]_UCR_Anomaly_[name]_[trainEnd]_[begin]_[end].txt`,
///   one value per line (or whitespace-separated); the anomaly is rows [begin, end), 0-based
///   with the end excluded, as dtaianomaly's UCR loader reads it.
public struct SeriesFileSpec: GeneratorParameters, Equatable {
    public static let kind = "series_file"
    public static let sourceKey: String? = "generator.source"
    public var defaultSeriesEvaluation: EvaluationSpec.SeriesSpec? { EvaluationSpec.SeriesSpec(window: nil, values: "value") }

    public enum Format: String, Sendable, Equatable, Encodable, CaseIterable {
        case auto
        case tsbAD = "tsb-ad"
        case ucr
    }

    public var source: String?
    public var format: Format
    public var trainEnd: Int?

    public init(source: String?, format: Format = .auto, trainEnd: Int? = nil) {
        self.source = source
        self.format = format
        self.trainEnd = trainEnd
    }

    public init(_ node: RecipeNode) throws {
        let m = try node.mapping(allowed: ["kind", "source", "format", "train_end"])
        source = try m.value("source", default: nil) { try $0.string() }
        format = try m.value("format", default: .auto) { try $0.string(oneOf: Format.self) }
        trainEnd = try m.value("train_end", default: nil) { try $0.int(in: 0...Int(Int32.max)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(source, forKey: .source)
        try c.encode(format, forKey: .format)
        try c.encode(trainEnd, forKey: .train_end)
    }

    private enum Keys: String, CodingKey { case kind, source, format, train_end }
}
