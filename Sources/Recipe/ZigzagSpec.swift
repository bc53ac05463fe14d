/// Parameters of the `zigzag` generator: categorical rows whose ids follow a deterministic or
/// random-walk signal, with id noise, a train/test split in time order, and anomalies in the
/// test part. Defaults reproduce the AMAD paper's synthetic set (Appendix 7.1).
///
///     generator:
///       kind: zigzag
///       attributes: 3            # categorical columns attr1..attrN
///       vocabulary: 30           # ids 0..vocabulary-1 in every column
///       signal:                  # exactly one of:
///         zigzag:                #   row t, attribute j: (starts[j] + step * (t mod period)) mod vocabulary
///           starts: [0, 10, 20]
///           step: 1
///           period: 50
///         # random_walk:         #   the AMAD authors' code: see RandomWalkSignal
///         #   start: 1
///         #   up_probability: 0.2
///       rows:
///         train: 9000            # first rows in time order, all normal
///         test: 2000             # the following rows, anomalies included
///       noise:
///         fraction: 0.1          # probability that an id of a normal row is perturbed
///         values: [-1, 1]        # the perturbation, drawn uniformly; wrapped into 0..vocabulary-1
///       anomalies:
///         count: 1000            # exactly this many test rows are anomalies
///         placement: replace     # replace: an anomaly takes a normal row's place in time;
///                                # insert: anomalies are inserted between normal rows
///         kinds:                 # exact counts by largest-remainder apportionment of the weights
///           - {kind: random_ids, weight: 1}   # every id uniform in 0..vocabulary-1
///           - {kind: copy_train, weight: 1}   # a copy of a uniformly chosen training row
public struct ZigzagSpec: GeneratorParameters, Equatable {
    public static let kind = "zigzag"

    public var attributes: Int
    public var vocabulary: Int
    public var signal: Signal
    public var rows: Rows
    public var noise: Noise
    public var anomalies: Anomalies

    public enum Signal: Sendable, Equatable, Encodable {
        case zigzag(starts: [Int], step: Int, period: Int)
        /// The AMAD authors' public code (`util/utils.py`, `generate_sythetic_data`): a walk
        /// position w starts at `start`; row t's ids are a walk from w_t, one ±1 step per
        /// attribute (+1 with `upProbability`), mod vocabulary; then w takes one ±1 step.
        case randomWalk(start: Int, upProbability: Double)

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case .zigzag(let starts, let step, let period):
                var z = container.nestedContainer(keyedBy: Keys.self, forKey: .zigzag)
                try z.encode(starts, forKey: .starts)
                try z.encode(step, forKey: .step)
                try z.encode(period, forKey: .period)
            case .randomWalk(let start, let up):
                var w = container.nestedContainer(keyedBy: Keys.self, forKey: .random_walk)
                try w.encode(start, forKey: .start)
                try w.encode(RecipeDouble(up), forKey: .up_probability)
            }
        }

        private enum Keys: String, CodingKey { case zigzag, random_walk, starts, step, period, start, up_probability }
    }

    public struct Rows: Sendable, Equatable, Encodable {
        public var train: Int
        public var test: Int
    }

    public struct Noise: Sendable, Equatable, Encodable {
        public var fraction: Double
        public var values: [Int]

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(RecipeDouble(fraction), forKey: .fraction)
            try c.encode(values, forKey: .values)
        }

        private enum Keys: String, CodingKey { case fraction, values }
    }

    public struct Anomalies: Sendable, Equatable, Encodable {
        public var count: Int
        public var placement: Placement
        public var kinds: [WeightedKind<AnomalyKind>]
    }

    public enum Placement: String, Sendable, Equatable, Encodable, CaseIterable {
        case replace, insert
    }

    public enum AnomalyKind: String, Sendable, Equatable, Encodable, CaseIterable {
        case randomIDs = "random_ids"
        case copyTrain = "copy_train"
    }

    static let paperStarts = [0, 10, 20], paperStep = 1, paperPeriod = 50

    /// The paper's values (AMAD, Appendix 7.1): the defaults of every key.
    public static let paper = ZigzagSpec(
        attributes: 3, vocabulary: 30,
        signal: .zigzag(starts: paperStarts, step: paperStep, period: paperPeriod),
        rows: Rows(train: 9000, test: 2000),
        noise: Noise(fraction: 0.1, values: [-1, 1]),
        anomalies: Anomalies(count: 1000, placement: .replace,
                             kinds: [WeightedKind(kind: .randomIDs, weight: 1), WeightedKind(kind: .copyTrain, weight: 1)])
    )

    public init(attributes: Int, vocabulary: Int, signal: Signal, rows: Rows, noise: Noise, anomalies: Anomalies) {
        self.attributes = attributes
        self.vocabulary = vocabulary
        self.signal = signal
        self.rows = rows
        self.noise = noise
        self.anomalies = anomalies
    }

    public init(_ node: RecipeNode) throws {
        let d = ZigzagSpec.paper
        let m = try node.mapping(allowed: ["kind", "attributes", "vocabulary", "signal", "rows", "noise", "anomalies"])
        attributes = try m.value("attributes", default: d.attributes) { try $0.int(in: 1...1024) }
        vocabulary = try m.value("vocabulary", default: d.vocabulary) { try $0.int(in: 2...Int(Int32.max)) }

        // signal: exactly one of zigzag / random_walk (zigzag with defaults when absent).
        let s = try m["signal"].mapping(allowed: ["zigzag", "random_walk"])
        if s.has("zigzag") && s.has("random_walk") {
            throw m.error("signal", "give exactly one of zigzag or random_walk, not both")
        }
        if s.has("random_walk") {
            let w = try s["random_walk"].mapping(allowed: ["start", "up_probability"])
            let start = try w.value("start", default: 1) { try $0.int(in: 0...Int(Int32.max)) }
            let up = try w.value("up_probability", default: 0.2) { try $0.double(in: 0...1) }
            signal = .randomWalk(start: start, upProbability: up)
        } else {
            let z = try s["zigzag"].mapping(allowed: ["starts", "step", "period"])
            let (attributeCount, vocabularySize) = (attributes, vocabulary)
            var starts = ZigzagSpec.paperStarts
            if z.has("starts") {
                starts = try z["starts"].list().map { try $0.int(in: 0...Int(Int32.max)) }
            } else if attributeCount != starts.count {
                // Spread the default starts evenly over the vocabulary for other attribute counts.
                starts = (0..<attributeCount).map { $0 * vocabularySize / attributeCount }
            }
            let step = try z.value("step", default: ZigzagSpec.paperStep) { try $0.int(in: -1_000_000...1_000_000) }
            let period = try z.value("period", default: ZigzagSpec.paperPeriod) { try $0.int(in: 1...Int(Int32.max)) }
            signal = .zigzag(starts: starts, step: step, period: period)
        }

        let r = try m["rows"].mapping(allowed: ["train", "test"])
        // At most a billion rows per split (about 7 minutes and 40 GB): larger runs are refused
        // here rather than found out hours later.
        rows = Rows(train: try r.value("train", default: d.rows.train) { try $0.int(in: 0...1_000_000_000) },
                    test: try r.value("test", default: d.rows.test) { try $0.int(in: 1...1_000_000_000) })

        let n = try m["noise"].mapping(allowed: ["fraction", "values"])
        noise = Noise(fraction: try n.value("fraction", default: d.noise.fraction) { try $0.double(in: 0...1) },
                      values: try n.value("values", default: d.noise.values) {
                          try $0.list().map { try $0.int(in: -Int(Int32.max)...Int(Int32.max)) }
                      })

        let a = try m["anomalies"].mapping(allowed: ["count", "placement", "kinds"])
        let count = try a.value("count", default: d.anomalies.count) { try $0.int(in: 0...1_000_000_000_000) }
        let placement = try a.value("placement", default: d.anomalies.placement) {
            try $0.string(oneOf: Placement.self)
        }
        let kinds = try a.value("kinds", default: d.anomalies.kinds) { try WeightedKind<AnomalyKind>.list($0) }
        anomalies = Anomalies(count: count, placement: placement, kinds: kinds)
        try validate(m)
    }

    /// Checks that relate several keys.
    private func validate(_ m: RecipeMapping) throws {
        if case .zigzag(let starts, _, _) = signal {
            if starts.count != attributes {
                throw m.error("signal.zigzag.starts", "needs one start per attribute (\(attributes)), got \(starts.count)")
            }
            if let bad = starts.firstIndex(where: { $0 >= vocabulary }) {
                throw m.error("signal.zigzag.starts.\(bad)", "must be in [0, \(vocabulary - 1)] (the vocabulary), got \(starts[bad])")
            }
        }
        if case .randomWalk(let start, _) = signal, start >= vocabulary {
            throw m.error("signal.random_walk.start", "must be in [0, \(vocabulary - 1)] (the vocabulary), got \(start)")
        }
        if noise.fraction > 0 && noise.values.isEmpty {
            throw m.error("noise.values", "must list at least one value when noise.fraction is above 0")
        }
        if anomalies.count > rows.test {
            throw m.error("anomalies.count", "cannot exceed rows.test (\(rows.test)), got \(anomalies.count)")
        }
        if anomalies.count > 0 && anomalies.kinds.isEmpty {
            throw m.error("anomalies.kinds", "must list at least one kind when anomalies.count is above 0")
        }
        for (i, k) in anomalies.kinds.enumerated() {
            if k.kind == .copyTrain {
                if rows.train == 0 {
                    throw m.error("anomalies.kinds.\(i).kind", "copy_train needs training rows to copy (rows.train is 0)")
                }
                if case .randomWalk = signal {
                    throw m.error("anomalies.kinds.\(i).kind",
                                  "copy_train needs signal.zigzag: a random walk's rows cannot be recomputed while streaming")
                }
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(attributes, forKey: .attributes)
        try c.encode(vocabulary, forKey: .vocabulary)
        try c.encode(signal, forKey: .signal)
        try c.encode(rows, forKey: .rows)
        try c.encode(noise, forKey: .noise)
        try c.encode(anomalies, forKey: .anomalies)
    }

    private enum Keys: String, CodingKey { case kind, attributes, vocabulary, signal, rows, noise, anomalies }
}
