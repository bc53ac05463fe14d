import DataIO

/// All records of a CSV file (header included) as strings, read with the toolkit's own
/// `CSVReader` (so quoting and line endings are read as the toolkit reads them).
public func readCSV(_ path: String) throws -> [[String]] {
    var rows: [[String]] = []
    try CSVReader(path: path).forEachRecord { r in rows.append((0..<r.count).map { r.string($0) }) }
    return rows
}
