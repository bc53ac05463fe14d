import Datasets
import DataIO
import Foundation
import Randomness

/// How numeric features are scaled (statistics from the training rows only).
public enum FeatureScaling: String, Sendable, CaseIterable {
    /// As they are.
    case none
    /// (x − mean) / std, population std; a constant feature gets std 1 (as scikit-learn's
    /// `StandardScaler`).
    case standard
    /// (x − min) / (max − min); a constant feature gets range 1 (as `MinMaxScaler`).
    case minmax
}

/// Turns a dataset's columns into a dense matrix, as a detector asks:
/// - numeric and indicator columns: the value;
/// - categorical columns: one-hot over `0..<cardinality` when the cardinality is at most
///   `maxOneHot`, else hashed into `hashBuckets` columns;
/// - multi-categorical columns (space-separated ids): multi-hot (counts) the same way, or with
///   ``ListEncoding/embedding(dimension:kind:)`` the mean of the ids' vectors (``ListEmbedding``,
///   fitted on the training rows); then one column holding the number of ids (an emptied or
///   truncated list stands out by it);
/// - then every resulting column is scaled with training statistics.
/// An id unseen in training (beyond the cardinality) sets no one-hot column.
public struct Featurizer: Sendable {
    public private(set) var scaling: FeatureScaling
    public let maxOneHot: Int
    public let hashBuckets: Int
    public let lists: ListEncoding
    /// The id vectors of the multi-valued columns, with an embedding encoding.
    public let embedding: ListEmbedding?
    private let columns: [ColumnSchema]
    /// Per source column: first output column and width, and whether it is hashed.
    private let layout: [(offset: Int, width: Int, hashed: Bool)]
    public let featureCount: Int
    private var offsets: [Double] = []
    private var factors: [Double] = []

    public init(train: DatasetSplit, scaling: FeatureScaling, maxOneHot: Int = 1024, hashBuckets: Int = 256,
                lists: ListEncoding = .multiHot) throws {
        self.scaling = scaling
        self.maxOneHot = maxOneHot
        self.hashBuckets = hashBuckets
        self.lists = lists
        self.columns = train.columns
        let listColumns = train.columns.indices.filter { train.columns[$0].type == .multiCategorical }
        if case .embedding(let dimension, let kind) = lists, !listColumns.isEmpty {
            embedding = try ListEmbedding(train: train, columns: listColumns, dimension: dimension, kind: kind)
        } else {
            embedding = nil
        }
        var layout: [(Int, Int, Bool)] = []
        var offset = 0
        for (c, column) in train.columns.enumerated() {
            switch column.type {
            case .numeric, .indicator:
                layout.append((offset, 1, false)); offset += 1
            case .multiCategorical where embedding != nil:
                layout.append((offset, embedding!.dimension, false)); offset += embedding!.dimension + 1
            case .categorical, .multiCategorical:
                var cardinality = column.cardinality ?? 0
                if cardinality == 0 {
                    // Not in the manifest: from the training rows.
                    if column.type == .categorical {
                        cardinality = Int(train.numbers[c].max() ?? 0) + 1
                    } else {
                        cardinality = (train.lists[c].compactMap { $0.max() }.max() ?? 0) + 1
                    }
                }
                let hashed = cardinality > maxOneHot
                let width = hashed ? hashBuckets : cardinality
                layout.append((offset, width, hashed)); offset += width
                if column.type == .multiCategorical { offset += 1 }   // the list length
            }
        }
        self.layout = layout
        self.featureCount = offset
        if scaling != .none {
            (offsets, factors) = Featurizer.statistics(encode(train), scaling: scaling)
        }
    }

    /// The featurizer fitted on `train` and `train`'s own scaled matrix, encoded once (the
    /// initializer and ``transform(_:)`` would encode it twice when scaling).
    public static func fitted(train: DatasetSplit, scaling: FeatureScaling, lists: ListEncoding = .multiHot) throws -> (featurizer: Featurizer, matrix: Matrix) {
        var featurizer = try Featurizer(train: train, scaling: .none, lists: lists)
        var matrix = featurizer.encode(train)
        guard scaling != .none else { return (featurizer, matrix) }
        featurizer.scaling = scaling
        (featurizer.offsets, featurizer.factors) = Featurizer.statistics(matrix, scaling: scaling)
        featurizer.scale(&matrix)
        return (featurizer, matrix)
    }

    /// The scaled feature matrix of `split` (which must have the training split's columns).
    /// The featurizer of numeric and indicator `columns` (each its own feature, in order) fitted
    /// on `matrix`, their training values as ``DatasetSplit/readMatrix(_:split:verify:)`` reads
    /// them, which it scales in place: the same featurizer and matrix as ``fitted(train:scaling:lists:)``.
    public static func fitted(columns: [ColumnSchema], matrix: inout Matrix, scaling: FeatureScaling) throws -> Featurizer {
        precondition(columns.allSatisfy { $0.type == .numeric || $0.type == .indicator } && matrix.columns == columns.count,
                     "Featurizer.fitted(columns:matrix:): numeric and indicator columns, one per matrix column")
        let empty = DatasetSplit(split: "train", ids: [], columns: columns, numbers: Array(repeating: [], count: columns.count),
                                 lists: Array(repeating: [], count: columns.count))
        var featurizer = try Featurizer(train: empty, scaling: .none)
        guard scaling != .none else { return featurizer }
        featurizer.scaling = scaling
        (featurizer.offsets, featurizer.factors) = Featurizer.statistics(matrix, scaling: scaling)
        featurizer.scale(&matrix)
        return featurizer
    }

    /// `matrix` (rows as ``DatasetSplit/readMatrix(_:split:verify:)`` reads them, of a featurizer
    /// made by ``fitted(columns:matrix:scaling:)``) scaled in place: ``transform(_:)`` of them.
    public func transform(matrix: inout Matrix) {
        precondition(matrix.columns == featureCount, "Featurizer.transform(matrix:): \(matrix.columns) columns for \(featureCount) features")
        scale(&matrix)
    }

    public func transform(_ split: DatasetSplit) -> Matrix {
        var matrix = encode(split)
        scale(&matrix)
        return matrix
    }

    private func scale(_ matrix: inout Matrix) {
        guard scaling != .none else { return }
        matrix.values.withUnsafeMutableBufferPointer { values in
            for row in 0..<matrix.rows {
                let base = row * featureCount
                for j in 0..<featureCount { values[base + j] = (values[base + j] - offsets[j]) * factors[j] }
            }
        }
    }

    /// Rows encoded a block at a time, column after column within the block: the columns'
    /// values are read in order and the block's rows (a few hundred KB) stay in cache while
    /// they are written (column after column over all rows wrote one value per row-length
    /// stride). Blocks write disjoint rows, so a large split is encoded as two halves on two
    /// threads; every value is computed the same way either way.
    private static let rowBlock = 256

    private func encode(_ split: DatasetSplit) -> Matrix {
        var matrix = Matrix(rows: split.rowCount, columns: featureCount)
        let blocks = (split.rowCount + Featurizer.rowBlock - 1) / Featurizer.rowBlock
        let parts = blocks >= 64 ? 2 : 1
        matrix.values.withUnsafeMutableBufferPointer { values in
            nonisolated(unsafe) let values = values
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for block in (blocks * part / parts)..<(blocks * (part + 1) / parts) {
                    let first = block * Featurizer.rowBlock
                    encode(split, rows: first..<min(first + Featurizer.rowBlock, split.rowCount), into: values)
                }
            }
        }
        return matrix
    }

    private func encode(_ split: DatasetSplit, rows: Range<Int>, into values: UnsafeMutableBufferPointer<Double>) {
        for (c, column) in columns.enumerated() {
            let (offset, width, hashed) = layout[c]
            switch column.type {
            case .numeric, .indicator:
                split.numbers[c].withUnsafeBufferPointer { source in
                    for row in rows { values[row * featureCount + offset] = source[row] }
                }
            case .categorical:
                split.numbers[c].withUnsafeBufferPointer { source in
                    for row in rows {
                        if let slot = Featurizer.slot(Int(source[row]), width: width, hashed: hashed) {
                            values[row * featureCount + offset + slot] = 1
                        }
                    }
                }
            case .multiCategorical where embedding != nil:
                let source = split.lists[c], vectors = embedding!
                for row in rows {
                    let target = values.baseAddress! + row * featureCount + offset
                    for id in source[row] { vectors.add(column: c, id: id, to: target) }
                    let count = source[row].count
                    if count > 1 { for m in 0..<width { target[m] /= Double(count) } }
                    target[width] = Double(count)
                }
            case .multiCategorical:
                let source = split.lists[c]
                for row in rows {
                    for id in source[row] {
                        if let slot = Featurizer.slot(id, width: width, hashed: hashed) {
                            values[row * featureCount + offset + slot] += 1
                        }
                    }
                    values[row * featureCount + offset + width] = Double(source[row].count)
                }
            }
        }
    }

    private static func slot(_ id: Int, width: Int, hashed: Bool) -> Int? {
        if !hashed { return id >= 0 && id < width ? id : nil }
        return Int(SplitMix64.mix(UInt64(bitPattern: Int64(id)) &+ 0x9E37_79B9_7F4A_7C15) % UInt64(width))
    }

    /// Per-column offset and factor: scaled = (x − offset) · factor.
    private static func statistics(_ matrix: Matrix, scaling: FeatureScaling) -> ([Double], [Double]) {
        let d = matrix.columns, n = matrix.rows
        var offsets = [Double](repeating: 0, count: d), factors = [Double](repeating: 1, count: d)
        guard scaling != .none, n > 0 else { return (offsets, factors) }
        for j in 0..<d {
            switch scaling {
            case .standard:
                var sum = 0.0
                for i in 0..<n { sum += matrix.values[i * d + j] }
                let mean = sum / Double(n)
                var squares = 0.0
                for i in 0..<n { let v = matrix.values[i * d + j] - mean; squares += v * v }
                let std = (squares / Double(n)).squareRoot()
                offsets[j] = mean
                factors[j] = std > 0 ? 1 / std : 1
            case .minmax:
                var low = Double.infinity, high = -Double.infinity
                for i in 0..<n { let v = matrix.values[i * d + j]; low = min(low, v); high = max(high, v) }
                offsets[j] = low
                factors[j] = high > low ? 1 / (high - low) : 1
            case .none:
                break
            }
        }
        return (offsets, factors)
    }
}
