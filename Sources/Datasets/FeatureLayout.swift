import DataIO
import Recipe

/// How a generator's columns become the columns written to disk (the recipe's `output`):
/// categorical columns as integer ids or one-hot, numeric columns as they are or scaled with
/// statistics of the training rows (min-max to [0, 1], or standard: mean 0, standard deviation 1
/// with the population standard deviation; a constant column maps to 0).
///
/// One-hot follows pandas' `get_dummies`: the columns that are not encoded come first, in their
/// order, then each categorical column's `COLUMN=VALUE` indicators, column by column, values in
/// the column's value order (sorted for values read from a file). For KDD Cup 99 this is the
/// ALAD / DAGMM layout: 34 numbers, then the 87 indicators.
public struct FeatureLayout: Sendable {
    /// The generator's columns.
    public let inputs: [ColumnSchema]
    public let options: OutputSpec
    /// Per input column: its scaling (numeric columns with scaling only).
    public let scalings: [ColumnSchema.Scaling?]
    /// The columns as written.
    public let outputs: [ColumnSchema]
    /// Per input column: its (first) position among the outputs.
    public let positions: [Int]

    /// - Parameter trainStatistics: per numeric input column (by name), the training rows'
    ///   minimum, maximum, mean and population standard deviation. Needed when scaling.
    public init(inputs: [ColumnSchema], options: OutputSpec = OutputSpec(),
                trainStatistics: [String: ColumnStatistics] = [:]) throws {
        self.inputs = inputs
        self.options = options
        var scalings: [ColumnSchema.Scaling?] = []
        var outputs: [ColumnSchema] = []
        var positions: [Int] = []
        var indicators: [(input: Int, columns: [ColumnSchema])] = []
        for (index, column) in inputs.enumerated() {
            switch column.type {
            case .categorical where options.encode == .onehot:
                guard let cardinality = column.cardinality else {
                    throw DataError(.badOutput, "cannot one-hot encode \(column.name): its number of values is unknown")
                }
                var group: [ColumnSchema] = []
                for id in 0..<cardinality {
                    let label = column.values?[id] ?? String(id)
                    var indicator = ColumnSchema(name: "\(column.name)=\(label)", type: .indicator)
                    indicator.source = column.name
                    indicator.value = label
                    group.append(indicator)
                }
                indicators.append((index, group))
                positions.append(-1)  // filled in below
                scalings.append(nil)
            case .numeric where options.scale != .none:
                guard let stats = trainStatistics[column.name] else {
                    throw DataError(.badOutput, "cannot scale \(column.name): no statistics of the training rows (this generator streams its rows; use output.scale: none)")
                }
                let scaling: ColumnSchema.Scaling
                if options.scale == .minmax {
                    let range = stats.maximum - stats.minimum
                    scaling = .init(method: "minmax", offset: stats.minimum, factor: range > 0 ? 1 / range : 0)
                } else {
                    scaling = .init(method: "standard", offset: stats.mean, factor: stats.standardDeviation > 0 ? 1 / stats.standardDeviation : 0)
                }
                var scaled = column
                scaled.scaling = scaling
                scaled.minimum = nil
                scaled.maximum = nil
                positions.append(outputs.count)
                outputs.append(scaled)
                scalings.append(scaling)
            default:
                positions.append(outputs.count)
                outputs.append(column)
                scalings.append(nil)
            }
        }
        for (input, group) in indicators {
            positions[input] = outputs.count
            outputs += group
        }
        self.scalings = scalings
        self.outputs = outputs
        self.positions = positions
    }

    /// Whether every written column is a number (as `--format npy` needs).
    public var isNumeric: Bool { !outputs.contains { $0.type == .multiCategorical } }
}

/// Summary statistics of one numeric column over the training rows.
public struct ColumnStatistics: Sendable, Equatable {
    public var minimum: Double
    public var maximum: Double
    public var mean: Double
    public var standardDeviation: Double

    /// Statistics of `values` (Welford's algorithm for the mean and population variance).
    public init(_ values: some Sequence<Double>) {
        var count = 0.0, mean = 0.0, m2 = 0.0
        var minimum = Double.infinity, maximum = -Double.infinity
        for x in values {
            count += 1
            let delta = x - mean
            mean += delta / count
            m2 += delta * (x - mean)
            minimum = Swift.min(minimum, x)
            maximum = Swift.max(maximum, x)
        }
        self.minimum = count > 0 ? minimum : 0
        self.maximum = count > 0 ? maximum : 0
        self.mean = mean
        self.standardDeviation = count > 0 ? (m2 / count).squareRoot() : 0
    }
}
