import DataIO
import Datasets
import Foundation

/// A column of a dataset as its `manifest.json` describes it.
public struct DatasetColumn: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case numeric, indicator, categorical
        case multiCategorical = "multi_categorical"
    }
    public let name: String
    public let kind: Kind
    /// Number of ids of a categorical or multi-categorical column.
    public let cardinality: Int?
}

/// The rows of one split of a dataset folder (`toolkit generate` output), column by column.
public struct DatasetSplit: Sendable {
    public let split: String
    public let ids: [String]
    public let columns: [DatasetColumn]
    /// Per column: numbers (numeric, indicator, categorical ids as numbers) …
    public let numbers: [[Double]]
    /// … or, for multi-categorical columns, the id lists (empty arrays for other columns).
    public let lists: [[[Int]]]
    public var rowCount: Int { ids.count }

    /// The columns of the dataset at `folder`, from its manifest.
    public static func columns(of folder: String) throws -> [DatasetColumn] {
        let path = folder + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError("usage", file: folder, "no manifest.json: not a dataset folder made by `toolkit generate`")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let columns = object["columns"] as? [[String: Any]] else {
            throw DataError("bad_manifest", file: path, "expected a JSON object with a 'columns' list")
        }
        return try columns.enumerated().map { index, column in
            guard let name = column["name"] as? String, let type = column["type"] as? String,
                  let kind = DatasetColumn.Kind(rawValue: type) else {
                throw DataError("bad_manifest", file: path, "columns[\(index)]: expected 'name' and a known 'type'")
            }
            let cardinality = column["cardinality"] as? Int
            if let cardinality, cardinality < 1, kind == .categorical || kind == .multiCategorical {
                throw DataError("bad_manifest", file: path, "columns[\(index)] ('\(name)'): cardinality \(cardinality); expected at least 1")
            }
            return DatasetColumn(name: name, kind: kind, cardinality: cardinality)
        }
    }

    /// The largest id a categorical column without a cardinality may hold (2³¹ − 1).
    static let maximumId = Int(Int32.max)

    /// `text` in quotes for a message: at most 40 characters, control characters escaped, so
    /// bad input cannot flood or drive the terminal.
    static func quoted(_ text: String) -> String {
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
        let columns = try columns(of: folder)
        let npy = folder + "/\(split).npy"
        if FileSystem.isRegularFile(npy) && !FileSystem.isRegularFile(folder + "/\(split).csv") {
            return try readNPY(npy, folder: folder, split: split, columns: columns, verify: verify)
        }
        let candidates = ["\(split).csv", "\(split).csv.gz"].map { folder + "/" + $0 }
        guard let path = candidates.first(where: FileSystem.isRegularFile) else {
            throw DataError("usage", file: folder, "no \(split).csv in the dataset folder")
        }
        if verify { try ManifestCheck.verify(path, folder: folder) }
        let file = SplitFile(path: path, columns: columns)
        if let rows = rowCount(of: folder, split: split), let read = file.readIntoColumns(rows: rows) {
            guard read.ids.count > 0 else { throw DataError("empty_file", file: path, "the \(split) split has no rows") }
            return DatasetSplit(split: split, ids: read.ids, columns: columns, numbers: read.numbers, lists: read.lists)
        }
        let read = try file.readAppending()
        guard !read.ids.isEmpty else { throw DataError("empty_file", file: path, "the \(split) split has no rows") }
        return DatasetSplit(split: split, ids: read.ids, columns: columns, numbers: read.numbers, lists: read.lists)
    }

    /// The ids, the row-major matrix and the columns of a split whose columns are all numeric or indicator
    /// (what the featurizer would make of them before scaling), read straight into the matrix:
    /// no column arrays, so a split costs its matrix. Nil when a column is of another kind, the
    /// split is not a CSV file of the manifest's row count, or it does not read that way (then
    /// ``read(_:split:verify:)`` and a ``Featurizer``). The same checks as ``read(_:split:verify:)``.
    public static func readMatrix(_ folder: String, split: String, verify: Bool = true) throws -> (ids: [String], matrix: Matrix, columns: [DatasetColumn])? {
        let columns = try columns(of: folder)
        guard columns.allSatisfy({ $0.kind == .numeric || $0.kind == .indicator }),
              let rows = rowCount(of: folder, split: split) else { return nil }
        let candidates = ["\(split).csv", "\(split).csv.gz"].map { folder + "/" + $0 }
        guard let path = candidates.first(where: FileSystem.isRegularFile) else { return nil }
        if verify { try ManifestCheck.verify(path, folder: folder) }
        return SplitFile(path: path, columns: columns).readMatrix(rows: rows).map { ($0.ids, $0.matrix, columns) }
    }

    /// The rows `manifest.json` records for `split` (`counts.SPLIT.rows`), if any.
    static func rowCount(of folder: String, split: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let counts = object["counts"] as? [String: Any], let entry = counts[split] as? [String: Any],
              let rows = entry["rows"] as? Int, rows >= 0 else { return nil }
        return rows
    }

    /// Reads a `--format npy` split: the `SPLIT.npy` matrix (rows × the manifest's columns) with
    /// its ids from the split's rows of `labels.csv`, which lists them in the matrix's row order.
    static func readNPY(_ path: String, folder: String, split: String, columns: [DatasetColumn], verify: Bool) throws -> DatasetSplit {
        if verify { try ManifestCheck.verify(path, folder: folder) }
        if columns.contains(where: { $0.kind == .multiCategorical }) {
            throw DataError("bad_manifest", file: path, "a matrix cannot hold multi-valued columns; regenerate with --format csv")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError("cannot_open", file: path, "cannot read the file")
        }
        let matrix = try NPYArray([UInt8](data), file: path, name: "\(split).npy")
        guard matrix.shape.count == 2, matrix.shape[1] == columns.count else {
            throw DataError("bad_row", file: path, "shape \(matrix.shape) where manifest.json's \(columns.count) columns need [rows, \(columns.count)]")
        }
        let rows = matrix.shape[0]
        guard rows > 0 else { throw DataError("empty_file", file: path, "the \(split) split has no rows") }
        let labels = folder + "/labels.csv"
        if verify { try ManifestCheck.verify(labels, folder: folder) }
        var ids: [String] = []
        ids.reserveCapacity(rows)
        var idField = 0, splitField = 0, width = 0
        let wanted = Array(split.utf8)
        try CSVReader(path: labels).forEachRecord { record in
            if width == 0 {
                let header = (0..<record.count).map { record.string($0) }
                guard let id = header.firstIndex(of: "id"), let s = header.firstIndex(of: "split") else {
                    throw DataError("bad_header", file: labels, line: record.line, "expected 'id' and 'split' columns")
                }
                (idField, splitField, width) = (id, s, header.count)
                return
            }
            guard record.count == width else {
                throw DataError("bad_row", file: labels, line: record.line, "expected \(width) fields, found \(record.count)")
            }
            if record.field(splitField).elementsEqual(wanted) { ids.append(record.string(idField)) }
        }
        guard ids.count == rows else {
            throw DataError("bad_row", file: path, "\(rows) rows, but labels.csv lists \(ids.count) \(split) ids")
        }
        var numbers = Array(repeating: [Double](), count: columns.count)
        for (c, column) in columns.enumerated() {
            var values = [Double](repeating: 0, count: rows)
            let limit = Double(column.cardinality ?? Self.maximumId + 1)
            for r in 0..<rows {
                let value = matrix.values[r * columns.count + c]
                guard value.isFinite else {
                    throw DataError("bad_row", file: path, "matrix row \(r + 1), column '\(column.name)': \(value) is not a finite number")
                }
                if column.kind == .categorical, !(value >= 0 && value < limit && value == value.rounded()) {
                    throw DataError("bad_row", file: path, "matrix row \(r + 1), column '\(column.name)': \(value) is not an id in 0..\(Int(limit) - 1)")
                }
                values[r] = value
            }
            numbers[c] = values
        }
        return DatasetSplit(split: split, ids: ids, columns: columns, numbers: numbers,
                            lists: Array(repeating: [], count: columns.count))
    }
}
