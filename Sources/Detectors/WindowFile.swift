import DataIO
import Datasets

/// The windows of one split from a sequence dataset's `windows.csv`
/// (`window,split,first_id,last_id,label,kind`, as the `solar-pv` generator writes it): each
/// window's number, the ids of its first and last readings (an inclusive range of the split's
/// rows), its label, and the line it came from. Read through ``CSVReader`` (libcsv).
public struct WindowFile: Sendable {
    public let path: String
    public let split: String
    /// The `window` column: the window's number, the id a window score file uses.
    public let windows: [String]
    public let firstIds: [String]
    public let lastIds: [String]
    /// The `label` column (1 = anomalous window), or nil when the file has none.
    public let labels: [Bool]?
    /// The 1-based line of each window, for error messages.
    public let lines: [Int]
    /// The 1-based CSV columns of `first_id` and `last_id`, for error messages.
    public let firstIdColumn: Int
    public let lastIdColumn: Int
    public var count: Int { windows.count }

    /// Reads the windows of `split` from the `windows.csv` (or `windows.csv.gz`) of the dataset
    /// at `folder`; with `verify`, the file must have the size and SHA-256 its `manifest.json`
    /// records. A split without windows is an error.
    public static func read(_ dataset: DatasetFolder, split: String, verify: Bool = true) throws -> WindowFile {
        let path = try indexPath(dataset)
        if verify { try dataset.verify(path) }
        return try read(path: path, split: split)
    }

    /// The dataset's `windows.csv` (or `.csv.gz`); a dataset without one is an error saying so.
    public static func indexPath(_ dataset: DatasetFolder) throws -> String {
        guard let path = dataset.labelFile(windows: true) else {
            throw DataError(.usage, file: dataset.path, "no windows.csv in the dataset folder (--windows needs a sequence dataset such as solar-pv)")
        }
        return path
    }

    /// Reads the windows of `split` from the file at `path`.
    public static func read(path: String, split: String) throws -> WindowFile {
        var windows: [String] = [], firstIds: [String] = [], lastIds: [String] = []
        var labels: [Bool] = [], lines: [Int] = []
        var fields = (window: 0, split: 0, first: 0, last: 0), labelField: Int? = nil, width = 0
        var seen: [String: Int] = [:]
        let wanted = Array(split.utf8)
        try CSVReader(path: path).forEachRecord { record in
            if width == 0 {
                let header = (0..<record.count).map { record.string($0) }
                guard let window = header.firstIndex(of: "window"), let s = header.firstIndex(of: "split"),
                      let first = header.firstIndex(of: "first_id"), let last = header.firstIndex(of: "last_id") else {
                    throw DataError(.badHeader, file: path, line: record.line,
                                    "expected 'window', 'split', 'first_id' and 'last_id' columns (header: \(header.joined(separator: ",")))")
                }
                fields = (window, s, first, last)
                labelField = header.firstIndex(of: "label")
                width = header.count
                return
            }
            guard record.count == width else {
                throw DataError(.badRow, file: path, line: record.line, "expected \(width) fields, found \(record.count)")
            }
            guard record.field(fields.split).elementsEqual(wanted) else { return }
            for (name, field) in [("window", fields.window), ("first_id", fields.first), ("last_id", fields.last)]
            where record.field(field).isEmpty {
                throw DataError(.badRow, file: path, line: record.line, column: field + 1, "the \(name) is empty")
            }
            let window = record.string(fields.window)
            if let earlier = seen.updateValue(record.line, forKey: window) {
                throw DataError(.badRow, file: path, line: record.line, column: fields.window + 1,
                                "window \(DatasetSplit.quoted(window)) of split '\(split)' is also on line \(earlier)")
            }
            windows.append(window)
            firstIds.append(record.string(fields.first))
            lastIds.append(record.string(fields.last))
            lines.append(record.line)
            if let labelField {
                let label = record.string(labelField)
                guard label == "0" || label == "1" else {
                    throw DataError(.badRow, file: path, line: record.line, column: labelField + 1,
                                    "the label \(DatasetSplit.quoted(label)) is not 0 or 1")
                }
                labels.append(label == "1")
            }
        }
        guard width > 0 else {
            throw DataError(.emptyFile, file: path, "the file is empty; expected the header 'window,split,first_id,last_id,label,kind'")
        }
        guard !windows.isEmpty else { throw DataError(.emptyFile, file: path, "no windows of split '\(split)'") }
        return WindowFile(path: path, split: split, windows: windows, firstIds: firstIds, lastIds: lastIds,
                          labels: labelField == nil ? nil : labels, lines: lines,
                          firstIdColumn: fields.first + 1, lastIdColumn: fields.last + 1)
    }
}
