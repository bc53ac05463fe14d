/// How a recipe's datasets are evaluated: the paper's protocol, applied by
/// `toolkit evaluate --dataset` when no `--cutoff` / `--block-size` is given.
///
///     evaluation:
///       cutoffs: [top:0.2]     # cut-off rules (default: youden, best-f1, top:contamination; see CutoffSpelling)
///       blocks: false          # also block-level metrics over the dataset's block column
///       runs: 5                # repeated runs with derived seeds, for benchmarks
///       series:                # evaluate the split as a time series (VUS, range metrics, PA%K)
///         window: auto         # VUS / range-AUC sliding window: an integer >= 0, or auto
///         values: power        # the split file's column with the raw series (for window: auto)
///
/// `series` is absent (no time-series metrics) unless the generator makes series: `solar_pv`
/// recipes get `{window: auto, values: power}` by default; `series: false` turns it off.
public struct EvaluationSpec: Sendable, Equatable, Encodable {
    public var cutoffs: [String]
    public var blocks: Bool
    public var runs: Int
    public var series: SeriesSpec?

    /// How the split is evaluated as a time series.
    public struct SeriesSpec: Sendable, Equatable, Encodable {
        /// The sliding window, or nil for `auto` (TSB-AD's `find_length_rank` on `values`,
        /// else 100).
        public var window: Int?
        /// The split file's column holding the raw series, or nil.
        public var values: String?

        public init(window: Int? = nil, values: String? = nil) {
            self.window = window
            self.values = values
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            if let window { try c.encode(window, forKey: .window) } else { try c.encode("auto", forKey: .window) }
            try c.encodeIfPresent(values, forKey: .values)
        }

        private enum Keys: String, CodingKey { case window, values }
    }

    public static let defaultCutoffs = ["youden", "best-f1", "top:contamination"]

    public init(cutoffs: [String] = EvaluationSpec.defaultCutoffs, blocks: Bool = false, runs: Int = 5,
                series: SeriesSpec? = nil) {
        self.cutoffs = cutoffs
        self.blocks = blocks
        self.runs = runs
        self.series = series
    }

    /// Reads `evaluation:`; `defaultSeries` is the generator's default for `series`.
    init(_ node: RecipeNode, defaultSeries: SeriesSpec? = nil) throws {
        let m = try node.mapping(allowed: ["cutoffs", "blocks", "runs", "series"])
        cutoffs = try m.value("cutoffs", default: EvaluationSpec.defaultCutoffs) { list in
            let rules = try list.list().map { item -> String in
                let text = try item.string()
                do throws(CutoffSpelling.ParseError) { _ = try CutoffSpelling(parsing: text) } catch { throw item.error(error.description) }
                return text
            }
            if rules.isEmpty { throw list.error("expected at least one cut-off") }
            return rules
        }
        blocks = try m.value("blocks", default: false) { try $0.bool() }
        runs = try m.value("runs", default: 5) { try $0.int(in: 1...1000) }
        series = try m.value("series", default: defaultSeries) { node -> SeriesSpec? in
            if let enabled = try? node.bool() { return enabled ? (defaultSeries ?? SeriesSpec()) : nil }
            let s = try node.mapping(allowed: ["window", "values"])
            let window: Int? = try s.value("window", default: nil) { w in
                if (try? w.string()) == "auto" { return nil }
                return try w.int(in: 0...1_000_000)
            }
            let values: String? = try s.value("values", default: defaultSeries?.values) { try $0.string() }
            return SeriesSpec(window: window, values: values)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(cutoffs, forKey: .cutoffs)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(runs, forKey: .runs)
        try c.encodeIfPresent(series, forKey: .series)
    }

    private enum Keys: String, CodingKey { case cutoffs, blocks, runs, series }
}
