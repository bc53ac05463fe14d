import Datasets
import Randomness
import Recipe

/// The zigzag categorical series (AMAD §4.1 and Appendix 7.1; recipe `zigzag`) and its random-walk
/// variant from the AMAD authors' code (recipe `zigzag-amad-code`).
///
/// Rows are written in time order: `rows.train` training rows (ids 0…), then `rows.test` test rows.
/// **Normal row t** (t counts normal rows in time):
/// - zigzag signal: attribute j = (starts[j] + step·(t mod period)) mod V;
/// - random-walk signal: a position w (starting at `start`); attribute j takes one ±1 step from
///   the previous attribute's id (from w for j = 0), +1 with `up_probability`, mod V; then w takes
///   one ±1 step (stream `signal`, sequential);
/// - noise: each id independently, with probability `noise.fraction`, gets a value drawn
///   uniformly from `noise.values` added, wrapped into 0..V−1. Noise for row t comes from block t
///   of the counter stream `noise`, so any row can be recomputed on its own.
///
/// **Test rows**: exactly `anomalies.count` of the `rows.test` positions, chosen uniformly by
/// Algorithm S (stream `anomaly-positions`), are anomalies. Their kinds are apportioned exactly by
/// weight (largest remainder) and dealt in random order (stream `anomaly-kinds`):
/// - `random_ids`: every id uniform in 0..V−1 (stream `anomaly-values`);
/// - `copy_train`: a copy of training row r, r uniform in 0..rows.train−1 (stream
///   `anomaly-values`), recomputed from the signal and its noise.
/// With `placement: replace` an anomaly takes the place of the normal row of that time step (the
/// paper: 2,000 test rows, 1,000 of them replaced); with `insert` it is added between normal
/// rows, which do not advance (the authors' code: 1,000 normal test rows plus 1,000 anomalies).
///
/// Time O(rows), memory O(attributes): rows stream to disk.
public struct ZigzagGenerator: Generator {
    public let spec: ZigzagSpec

    public init(spec: ZigzagSpec) { self.spec = spec }

    public var columns: [ColumnSchema] {
        (1...spec.attributes).map { .categorical("attr\($0)", cardinality: spec.vocabulary) }
    }

    public var info: Manifest.GeneratorInfo {
        switch spec.signal {
        case .zigzag:
            return .init(kind: ZigzagSpec.kind, version: 1,
                         description: "deterministic zigzag ids with counter-based noise; anomalies by Algorithm S")
        case .randomWalk:
            return .init(kind: ZigzagSpec.kind, version: 1,
                         description: "random-walk ids (AMAD authors' code) with counter-based noise; anomalies by Algorithm S")
        }
    }

    public var totalRows: Int { spec.rows.train + spec.rows.test }
    public var source: String { "synthetic" }

    public func generate(into writer: DatasetWriter, context: GenerationContext,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        let attributes = spec.attributes
        var signal = SignalSource(spec: spec, context: context)
        var row = [Int](repeating: 0, count: attributes)
        var id = 0

        // Training rows: normal rows 0..<train.
        for t in 0..<spec.rows.train {
            signal.normalRow(t, into: &row)
            try writer.beginRow(.train, id: id)
            for value in row { try writer.write(value) }
            try writer.endRow(label: false, kind: "")
            id += 1
            if id & 0xFFFF == 0 { progress(id) }
        }

        // Test rows.
        let kinds = spec.anomalies.kinds
        let kindCounts = kinds.isEmpty ? [] : Apportionment.counts(total: spec.anomalies.count, weights: kinds.map(\.weight))
        var positions = SelectionSampler(choosing: spec.anomalies.count, of: spec.rows.test,
                                         generator: context.stream("anomaly-positions"))
        var dealer = KindSequencer(counts: kindCounts, generator: context.stream("anomaly-kinds"))
        var values = context.stream("anomaly-values")
        var t = spec.rows.train
        for _ in 0..<spec.rows.test {
            try writer.beginRow(.test, id: id)
            if positions.next() {
                if spec.anomalies.placement == .replace {
                    signal.normalRow(t, into: &row)  // the normal row this anomaly replaces (keeps the walk in step)
                    t += 1
                }
                let kind = kinds[dealer.next()].kind
                switch kind {
                case .randomIDs:
                    for j in 0..<attributes { row[j] = values.uniformInt(below: spec.vocabulary) }
                case .copyTrain:
                    signal.normalRow(values.uniformInt(below: spec.rows.train), into: &row)
                }
                for value in row { try writer.write(value) }
                try writer.endRow(label: true, kind: kind.rawValue)
            } else {
                signal.normalRow(t, into: &row)
                t += 1
                for value in row { try writer.write(value) }
                try writer.endRow(label: false, kind: "")
            }
            id += 1
            if id & 0xFFFF == 0 { progress(id) }
        }
        progress(id)

        var described: [String: JSONValue] = [:]
        for (k, weighted) in kinds.enumerated() {
            var parameters: [String: JSONValue] = ["weight": .double(weighted.weight), "count": .int(kindCounts[k])]
            switch weighted.kind {
            case .randomIDs:
                parameters["ids"] = .string("every attribute uniform in 0..\(spec.vocabulary - 1)")
            case .copyTrain:
                parameters["source"] = .string("a uniformly chosen training row (ids 0..\(spec.rows.train - 1)), noise included")
            }
            parameters["placement"] = .string(spec.anomalies.placement.rawValue)
            described[weighted.kind.rawValue] = .object(parameters)
        }
        return described
    }
}

/// Produces normal rows: random access for the zigzag signal, sequential for the random walk.
struct SignalSource {
    let spec: ZigzagSpec
    let noise: CounterStream
    var walk: Xoshiro256StarStar?
    var walkPosition = 0
    var walkNext = 0   // the next normal time step the walk will produce

    init(spec: ZigzagSpec, context: GenerationContext) {
        self.spec = spec
        if case .randomWalk(let start, _) = spec.signal {
            walk = context.stream("signal")
            walkPosition = start
        }
        noise = context.counterStream("noise")
    }

    @inline(__always)
    static func wrap(_ value: Int, _ modulus: Int) -> Int {
        let r = value % modulus
        return r < 0 ? r + modulus : r
    }

    /// Normal row `t` (with noise). Random-walk rows must be asked for in order, except that any
    /// earlier row may not be asked again (validation keeps `copy_train` away from random walks).
    mutating func normalRow(_ t: Int, into row: inout [Int]) {
        let v = spec.vocabulary
        switch spec.signal {
        case .zigzag(let starts, let step, let period):
            let phase = t % period
            for j in 0..<row.count { row[j] = SignalSource.wrap(starts[j] + step * phase, v) }
        case .randomWalk(_, let up):
            precondition(t == walkNext, "random-walk rows must be produced in order")
            guard var steps = walk else { preconditionFailure("a random-walk signal has its own stream") }
            var x = walkPosition
            for j in 0..<row.count {
                x = SignalSource.wrap(x + (steps.uniformUnit() < up ? 1 : -1), v)
                row[j] = x
            }
            walkPosition = SignalSource.wrap(walkPosition + (steps.uniformUnit() < up ? 1 : -1), v)
            walk = steps
            walkNext += 1
        }
        let fraction = spec.noise.fraction
        if fraction > 0 {
            var g = noise.generator(at: t)
            let choices = spec.noise.values
            for j in 0..<row.count where g.uniformUnit() < fraction {
                row[j] = SignalSource.wrap(row[j] + choices[g.uniformInt(below: choices.count)], v)
            }
        }
    }
}
