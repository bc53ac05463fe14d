import Datasets
import DataIO

/// The ids a model learns embeddings for, numbered densely from 1 in the order the training
/// rows first use them (0 is padding): with ~440,000 distinct ids among values that run to
/// 600,000 (AMAD's industrial set), a table over the raw values would waste a third of its rows.
/// An id is the pair (attribute, value) unless `shared`, where the same value in two attributes
/// is one id (a global vocabulary such as the AMAD authors' files use: an item clicked and the
/// same item in the cart). Each attribute has one more index for the values training never
/// showed, so an unseen id at scoring time maps to a vector that training did not shape.
public struct IdVocabulary: Sendable {
    public let shared: Bool
    /// The columns of the split that are attributes (categorical, multi-categorical, indicator).
    public let columnNames: [String]
    private let index: [Int: Int32]
    private let unseen: [Int32]
    /// Rows of the embedding table: padding, the training ids, one unseen index per attribute.
    public let size: Int
    /// The distinct training ids.
    public var seenCount: Int { index.count }

    /// Builds the vocabulary of `train`. Numeric columns are refused: the model embeds ids.
    public init(train: DatasetSplit, shared: Bool, detector: String) throws {
        for column in train.columns where column.type == .numeric {
            throw DataError(.usage, "\(detector) reads categorical and multi-valued columns (ids); column '\(column.name)' is numeric. Generate the dataset with categorical columns (e.g. `encode: values`), or use a detector that reads numbers")
        }
        guard !train.columns.isEmpty else { throw DataError(.usage, "\(detector): the dataset has no columns") }
        self.shared = shared
        columnNames = train.columns.map(\.name)
        var index: [Int: Int32] = [:]
        var next: Int32 = 1
        for row in 0..<train.rowCount {
            for a in train.columns.indices {
                for value in Self.values(train, row: row, column: a) {
                    let key = Self.key(value, attribute: a, shared: shared)
                    if index[key] == nil {
                        index[key] = next
                        next += 1
                    }
                }
            }
        }
        self.index = index
        unseen = train.columns.indices.map { next + Int32($0) }
        size = Int(next) + train.columns.count
    }

    static func key(_ value: Int, attribute: Int, shared: Bool) -> Int {
        shared ? value : (attribute << 40) | value
    }

    static func values(_ split: DatasetSplit, row: Int, column: Int) -> [Int] {
        switch split.columns[column].type {
        case .multiCategorical: return split.lists[column][row]
        default: return [Int(split.numbers[column][row])]
        }
    }

    /// `split`'s rows as lists of vocabulary indices (its columns must be the training split's).
    public func encode(_ split: DatasetSplit) throws -> IdLists {
        guard split.columns.map(\.name) == columnNames else {
            throw DataError(.usage, "the \(split.split) split's columns (\(split.columns.map(\.name).joined(separator: ", "))) are not the training split's (\(columnNames.joined(separator: ", ")))")
        }
        let f = columnNames.count
        var offsets = [Int](repeating: 0, count: split.rowCount * f + 1)
        var ids: [Int32] = []
        ids.reserveCapacity(split.rowCount * f)
        for row in 0..<split.rowCount {
            for a in 0..<f {
                for value in Self.values(split, row: row, column: a) {
                    ids.append(index[Self.key(value, attribute: a, shared: shared)] ?? unseen[a])
                }
                offsets[row * f + a + 1] = ids.count
            }
        }
        return IdLists(rows: split.rowCount, attributes: f, offsets: offsets, ids: ids)
    }
}
