import DataIO

/// Reads a split file: one 0-based row number per line (lines starting with `#` and blank lines
/// are skipped), possibly compressed. Every number must be in range and appear once.
enum RowListFile {
    static func read(_ path: String, rowCount: Int, what: String) throws -> [Int] {
        let text = try FileSystem.readText(path)
        var rows: [Int] = []
        var seen = [Bool](repeating: false, count: rowCount)
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let row = Int(line) else {
                throw DataError(.badSplitFile, file: path, line: index + 1, "expected a 0-based row number, got '\(line)'")
            }
            guard row >= 0 && row < rowCount else {
                throw DataError(.badSplitFile, file: path, line: index + 1,
                                "row \(row) is out of range: \(what) has \(rowCount) rows (0..\(rowCount - 1))")
            }
            if seen[row] {
                throw DataError(.badSplitFile, file: path, line: index + 1, "row \(row) is listed twice")
            }
            seen[row] = true
            rows.append(row)
        }
        return rows
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        var s = self
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
