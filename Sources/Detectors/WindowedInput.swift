import DataIO
import Datasets

/// A split of a sequence dataset read as windows (`toolkit detect --windows`): one row per
/// window of the split's `windows.csv`, holding the window's readings of the value columns
/// flattened time-major — `x[t0,c0], x[t0,c1], …, x[t1,c0], …` — as numeric columns named
/// `power[0]`, `power[1]`, … (with two value columns `power[0]`, `temp[0]`, `power[1]`, …), so
/// the ``Featurizer``, its scaling and every detector work on windows unchanged. The rows' ids
/// are the window numbers (what `toolkit evaluate --windows` joins on).
///
/// A window's readings are the split's rows from the one whose id is `first_id` to the one
/// whose id is `last_id`, by position in the split (ids are looked up, never taken for
/// positions). Every window of a split must have the same number of readings.
public struct WindowedInput: Sendable {
    /// One row per window, in `windows.csv` order; ids = window numbers.
    public let rows: DatasetSplit
    /// Per window, the positions in the readings split of the readings it covers.
    public let coverage: [ClosedRange<Int>]
    /// The readings split's ids, in its order (the rows of per-reading scores).
    public let readingIds: [String]
    /// The windows' labels from `windows.csv` (1 = anomalous), or nil when it has none.
    public let labels: [Bool]?
    /// The value columns, in the order they are interleaved at each time step.
    public let valueColumns: [String]
    /// Readings per window.
    public let length: Int

    /// The windows `file` lists over the readings of `readings` (the same split), of
    /// `valueColumns` (numeric or indicator columns of the split).
    public init(readings: DatasetSplit, windows file: WindowFile, valueColumns: [String]) throws {
        guard !valueColumns.isEmpty else { throw DataError(.usage, "--windows needs at least one value column") }
        let sources = try valueColumns.map { name -> Int in
            guard let index = readings.columns.firstIndex(where: { $0.name == name }) else {
                throw DataError(.usage, "no column '\(name)' in the dataset (its columns: \(readings.columns.map(\.name).joined(separator: ", ")))")
            }
            let kind = readings.columns[index].type
            guard kind == .numeric || kind == .indicator else {
                throw DataError(.usage, "column '\(name)' is \(kind.rawValue); a window holds numeric columns only")
            }
            return index
        }
        if let repeated = valueColumns.enumerated().first(where: { valueColumns[..<$0.offset].contains($0.element) }) {
            throw DataError(.usage, "the value column '\(repeated.element)' is named twice")
        }
        var position: [String: Int] = [:]
        position.reserveCapacity(readings.rowCount)
        for (row, id) in readings.ids.enumerated() {
            if let earlier = position.updateValue(row, forKey: id) {
                throw DataError(.badRow, "the \(readings.split) split has the id \(DatasetSplit.quoted(id)) twice (rows \(earlier + 1) and \(row + 1)); windows need unique ids")
            }
        }
        func locate(_ id: String, _ name: String, _ w: Int, column: Int) throws -> Int {
            guard let row = position[id] else {
                throw DataError(.badRow, file: file.path, line: file.lines[w], column: column,
                                "window \(file.windows[w]): \(name) \(DatasetSplit.quoted(id)) is not an id of the \(readings.split) split")
            }
            return row
        }
        var coverage: [ClosedRange<Int>] = []
        coverage.reserveCapacity(file.count)
        for w in 0..<file.count {
            let first = try locate(file.firstIds[w], "first_id", w, column: file.firstIdColumn)
            let last = try locate(file.lastIds[w], "last_id", w, column: file.lastIdColumn)
            guard first <= last else {
                throw DataError(.badRow, file: file.path, line: file.lines[w], column: file.lastIdColumn,
                                "window \(file.windows[w]): last_id \(DatasetSplit.quoted(file.lastIds[w])) comes before first_id \(DatasetSplit.quoted(file.firstIds[w])) in the \(readings.split) split")
            }
            let range = first...last
            if let firstRange = coverage.first, range.count != firstRange.count {
                throw DataError(.badRow, file: file.path, line: file.lines[w],
                                "window \(file.windows[w]) has \(range.count) readings where window \(file.windows[0]) has \(firstRange.count); a detector reads windows of one length")
            }
            coverage.append(range)
        }
        let length = coverage[0].count
        var columns: [ColumnSchema] = []
        var numbers: [[Double]] = []
        for t in 0..<length {
            for (name, source) in zip(valueColumns, sources) {
                columns.append(ColumnSchema(name: "\(name)[\(t)]", type: .numeric))
                let values = readings.numbers[source]
                numbers.append(coverage.map { values[$0.lowerBound + t] })
            }
        }
        rows = DatasetSplit(split: readings.split, ids: file.windows, columns: columns, numbers: numbers,
                            lists: Array(repeating: [], count: columns.count))
        self.coverage = coverage
        readingIds = readings.ids
        labels = file.labels
        self.valueColumns = valueColumns
        self.length = length
    }

    /// The value columns of a windowed run: `requested` when given, else the recipe's series
    /// values column that the dataset's `manifest.json` records (`recipe.evaluation.series.values`,
    /// the column `toolkit evaluate` reads the raw series from; `power` for `solar-pv`).
    public static func valueColumns(_ requested: [String]?, dataset: DatasetFolder) throws -> [String] {
        // A dataset without windows is named as such first: a value column would not help it.
        _ = try WindowFile.indexPath(dataset)
        if let requested { return requested }
        guard let values = dataset.evaluation?.series?.values else {
            throw DataError(.usage, file: dataset.file("manifest.json"),
                            "the dataset's recipe names no series values column (evaluation.series.values); give --window-columns")
        }
        return [values]
    }
}
