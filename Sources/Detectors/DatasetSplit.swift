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
        if let format = object["format"] as? String, format == "npy" {
            throw DataError("usage", file: folder, "detectors read csv or csv.gz datasets; regenerate with --format csv")
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

    /// Compares `path` with the size and SHA-256 that the manifest of `folder` records for it
    /// (nothing to check when the manifest records none, as for hand-made folders).
    static func checkAgainstManifest(_ path: String, folder: String) throws {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = object["files"] as? [String: Any],
              let entry = files[FileSystem.lastComponent(of: path)] as? [String: Any],
              let expected = entry["sha256"] as? String else { return }
        let changed = "was changed after `toolkit generate` wrote it (regenerate it, or pass --no-verify to read it anyway)"
        if let bytes = entry["bytes"] as? Int, let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int,
           size != bytes {
            throw DataError("checksum_mismatch", file: path, "\(size) bytes where manifest.json records \(bytes): the file \(changed)")
        }
        guard try FileSystem.sha256(of: path) == expected else {
            throw DataError("checksum_mismatch", file: path, "its SHA-256 differs from manifest.json's: the file \(changed)")
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
    public static func read(_ folder: String, split: String, verify: Bool = true) throws -> DatasetSplit {
        let columns = try columns(of: folder)
        let candidates = ["\(split).csv", "\(split).csv.gz"].map { folder + "/" + $0 }
        guard let path = candidates.first(where: FileSystem.isRegularFile) else {
            throw DataError("usage", file: folder, "no \(split).csv in the dataset folder")
        }
        if verify { try checkAgainstManifest(path, folder: folder) }
        var ids: [String] = []
        var numbers = Array(repeating: [Double](), count: columns.count)
        var lists = Array(repeating: [[Int]](), count: columns.count)
        var positions: [Int] = []   // CSV field of each manifest column
        var idField = 0
        var width = 0
        try CSVReader(path: path).forEachRecord { record in
            if width == 0 {
                let header = (0..<record.count).map { record.string($0) }
                width = header.count
                guard let id = header.firstIndex(of: "id") else {
                    throw DataError("bad_header", file: path, line: record.line, "no 'id' column")
                }
                idField = id
                positions = try columns.map { column in
                    guard let index = header.firstIndex(of: column.name) else {
                        throw DataError("bad_header", file: path, line: record.line, "no column '\(column.name)' (named in manifest.json)")
                    }
                    return index
                }
                return
            }
            guard record.count == width else {
                throw DataError("bad_row", file: path, line: record.line, "expected \(width) fields, found \(record.count)")
            }
            ids.append(record.string(idField))
            for (c, column) in columns.enumerated() {
                let field = record.field(positions[c])
                // Ids must be ids: whole numbers in 0..<cardinality (the manifest's, when it has
                // one), so that no later integer conversion can overflow.
                let limit = column.cardinality ?? Self.maximumId + 1
                func badId(_ text: String) -> DataError {
                    DataError("bad_row", file: path, line: record.line, column: positions[c] + 1,
                              "column '\(column.name)': \(Self.quoted(text)) is not an id in 0..\(limit - 1)"
                                + (column.cardinality.map { " (cardinality \($0) in manifest.json)" } ?? ""))
                }
                if column.kind == .multiCategorical {
                    var list: [Int] = []
                    var value = 0, inNumber = false, start = 0
                    for (offset, byte) in field.enumerated() {
                        if byte >= 0x30 && byte <= 0x39 {
                            if !inNumber { start = offset }
                            let (times, o1) = value.multipliedReportingOverflow(by: 10)
                            let (next, o2) = times.addingReportingOverflow(Int(byte - 0x30))
                            value = next
                            inNumber = true
                            if o1 || o2 || value >= limit {
                                let end = field[offset...].firstIndex(of: 0x20).map { $0 - field.startIndex } ?? field.count
                                throw badId(String(decoding: field[(field.startIndex + start)..<(field.startIndex + end)], as: UTF8.self))
                            }
                        } else if byte == 0x20 {
                            if inNumber { list.append(value) }
                            value = 0; inNumber = false
                        } else {
                            throw DataError("bad_row", file: path, line: record.line, column: positions[c] + 1,
                                            "column '\(column.name)': expected space-separated ids (whole numbers from 0), found \(Self.quoted(record.string(positions[c])))")
                        }
                    }
                    if inNumber { list.append(value) }
                    lists[c].append(list)
                } else {
                    guard case .finite(let value) = DecimalParser.parse(field) else {
                        throw DataError("bad_row", file: path, line: record.line, column: positions[c] + 1,
                                        "column '\(column.name)': \(Self.quoted(record.string(positions[c]))) is not a number")
                    }
                    if column.kind == .categorical, !(value >= 0 && value < Double(limit) && value == value.rounded()) {
                        throw badId(record.string(positions[c]))
                    }
                    numbers[c].append(value)
                }
            }
        }
        guard !ids.isEmpty else { throw DataError("empty_file", file: path, "the \(split) split has no rows") }
        return DatasetSplit(split: split, ids: ids, columns: columns, numbers: numbers, lists: lists)
    }
}
