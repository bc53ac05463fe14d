import DataIO
import Foundation

/// The rows of one split of a dataset folder (`toolkit generate` output), column by column.
public struct DatasetSplit: Sendable {
    public let split: String
    public let ids: [String]
    public let columns: [ColumnSchema]
    /// Per column: numbers (numeric, indicator, categorical ids as numbers) …
    public let numbers: [[Double]]
    /// … or, for multi-categorical columns, the id lists (empty arrays for other columns).
    public let lists: [[[Int]]]
    public var rowCount: Int { ids.count }

    public init(split: String, ids: [String], columns: [ColumnSchema], numbers: [[Double]], lists: [[[Int]]]) {
        self.split = split
        self.ids = ids
        self.columns = columns
        self.numbers = numbers
        self.lists = lists
    }

    /// The largest id a categorical column without a cardinality may hold (2³¹ − 1).
    public static let maximumId = Int(Int32.max)

    /// `text` in quotes for a message: at most 40 characters, control characters escaped, so
    /// bad input cannot flood or drive the terminal.
    public static func quoted(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(40) {
            shown += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return "'" + shown + (text.unicodeScalars.count > 40 ? "…" : "") + "'"
    }

    /// Reads split `split` (`train`, `validation`, `test`) of the dataset at `folder`. With
    /// `verify`, the file's size and SHA-256 must be those `manifest.json` records: a file
    /// changed after `toolkit generate` wrote it is an error, not silently other data.
    ///
    /// The values go straight into columns of the row count the manifest records for the split
    /// (no growing arrays), and a large plain file is parsed as two halves on two threads, each
    /// writing its own rows (``SplitFile``). Whenever that cannot be relied on (no count in the
    /// manifest, a count the file does not match, quoted fields, a compressed file) the file is
    /// read in one pass into growing arrays, which also reports any error with its true line.
    public static func read(_ folder: String, split: String, verify: Bool = true) throws -> DatasetSplit {
        try read(DatasetFolder(folder), split: split, verify: verify)
    }

    /// ``read(_:split:verify:)`` of an opened folder.
    public static func read(_ dataset: DatasetFolder, split: String, verify: Bool = true) throws -> DatasetSplit {
        let columns = try dataset.columns()
        if let npy = dataset.npyFile(of: split) {
            return try readNPY(npy, dataset: dataset, split: split, columns: columns, verify: verify)
        }
        guard let path = dataset.csvFile(of: split) else {
            try dataset.requireSplit(split)   // neither CSV nor .npy: throws, naming the splits there are
            throw DataError(.internal, file: dataset.path, "no \(split).csv")
        }
        if verify { try dataset.verify(path) }
        let file = SplitFile(path: path, columns: columns)
        if let rows = dataset.rows(in: split), let read = file.readIntoColumns(rows: rows) {
            guard read.ids.count > 0 else { throw DataError(.emptyFile, file: path, "the \(split) split has no rows") }
            return DatasetSplit(split: split, ids: read.ids, columns: columns, numbers: read.numbers, lists: read.lists)
        }
        let read = try file.readAppending()
        guard !read.ids.isEmpty else { throw DataError(.emptyFile, file: path, "the \(split) split has no rows") }
        return DatasetSplit(split: split, ids: read.ids, columns: columns, numbers: read.numbers, lists: read.lists)
    }

    /// The ids, the row-major values (rows × columns) and the columns of a split whose columns
    /// are all numeric or indicator (what the featurizer would make of them before scaling),
    /// read straight into one array: no column arrays, so a split costs its matrix. Nil when a
    /// column is of another kind, the split is not a CSV file of the manifest's row count, or
    /// it does not read that way (then ``read(_:split:verify:)``). The same checks as
    /// ``read(_:split:verify:)``.
    public static func readMatrix(_ dataset: DatasetFolder, split: String, verify: Bool = true) throws
        -> (ids: [String], values: [Double], columns: [ColumnSchema])? {
        let columns = try dataset.columns()
        guard columns.allSatisfy({ $0.type == .numeric || $0.type == .indicator }),
              let rows = dataset.rows(in: split), let path = dataset.csvFile(of: split) else { return nil }
        if verify { try dataset.verify(path) }
        return SplitFile(path: path, columns: columns).readMatrix(rows: rows).map { ($0.ids, $0.values, columns) }
    }

    /// Reads a `--format npy` split: the `SPLIT.npy` matrix (rows × the manifest's columns) with
    /// its ids from the split's rows of `labels.csv`, which lists them in the matrix's row order.
    static func readNPY(_ path: String, dataset: DatasetFolder, split: String, columns: [ColumnSchema], verify: Bool) throws -> DatasetSplit {
        if verify { try dataset.verify(path) }
        if columns.contains(where: { $0.type == .multiCategorical }) {
            throw DataError(.badManifest, file: path, "a matrix cannot hold multi-valued columns; regenerate with --format csv")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(.cannotOpen, file: path, "cannot read the file")
        }
        let matrix = try NPYArray([UInt8](data), file: path, name: "\(split).npy")
        guard matrix.shape.count == 2, matrix.shape[1] == columns.count else {
            throw DataError(.badRow, file: path, "shape \(matrix.shape) where manifest.json's \(columns.count) columns need [rows, \(columns.count)]")
        }
        let rows = matrix.shape[0]
        guard rows > 0 else { throw DataError(.emptyFile, file: path, "the \(split) split has no rows") }
        guard let ids = try SplitLabels.read(dataset, split: split, verify: verify)?.ids else {
            throw DataError(.usage, file: dataset.path, "no labels.csv in the dataset folder: a --format npy split's ids are listed there")
        }
        guard ids.count == rows else {
            throw DataError(.badRow, file: path, "\(rows) rows, but labels.csv lists \(ids.count) \(split) ids")
        }
        var numbers = Array(repeating: [Double](), count: columns.count)
        for (c, column) in columns.enumerated() {
            var values = [Double](repeating: 0, count: rows)
            let limit = Double(column.cardinality ?? Self.maximumId + 1)
            for r in 0..<rows {
                let value = matrix.values[r * columns.count + c]
                guard value.isFinite else {
                    throw DataError(.badRow, file: path, "matrix row \(r + 1), column '\(column.name)': \(value) is not a finite number")
                }
                if column.type == .categorical, !(value >= 0 && value < limit && value == value.rounded()) {
                    throw DataError(.badRow, file: path, "matrix row \(r + 1), column '\(column.name)': \(value) is not an id in 0..\(Int(limit) - 1)")
                }
                values[r] = value
            }
            numbers[c] = values
        }
        return DatasetSplit(split: split, ids: ids, columns: columns, numbers: numbers,
                            lists: Array(repeating: [], count: columns.count))
    }
}
