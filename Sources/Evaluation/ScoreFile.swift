import DataIO
import Dispatch

/// One score file read into memory: the selected score columns (each one run), the ids, and
/// the `label` column when the file carries one.
///
/// Format (`Fixtures/metrics/SPEC.md` §2, widened to several columns): UTF-8 CSV read through libarchive (plain,
/// `.gz`, `.xz`, `.bz2`, `.zip`, …) and parsed by libcsv; a header row is required; every row has
/// as many fields as the header; fields are trimmed; scores are decimal numbers (finite), labels
/// exactly `0` or `1`. Every violation is a ``DataError`` naming the file, line and column.
struct ScoreFile: Sendable {
    let path: String
    /// The header as read.
    let header: [String]
    /// The names of the selected score columns, in the order asked for.
    let scoreColumns: [String]
    /// The ids, or nil when the file has no `id` column (allowed only with an inline label).
    let ids: IdColumn?
    /// The 0-based position of the `id` column.
    var idColumn: Int? = nil
    /// One array per selected score column, in row order.
    let scores: [[Double]]
    /// The `label` column (0/1), when requested and present.
    let labels: [UInt8]?
    var rowCount: Int { scores.first?.count ?? 0 }

    /// What to read.
    struct Request: Sendable {
        /// Score column names; empty = `score` if the header has it, else every column but
        /// `id` and `label`.
        var scoreColumns: [String] = []
        /// Read the `label` column if there is one.
        var wantsLabels = false
        /// The file must have an `id` column.
        var requiresId = true
    }

    /// The header's meaning for this request.
    struct Layout: Sendable {
        var header: [String]
        var headerLine: Int
        var idIndex: Int?
        var labelIndex: Int?
        var selected: [(name: String, index: Int)]
    }

    /// The rows of one byte range (or of the whole file).
    struct Rows: Sendable {
        var ids: IdColumn?
        var scores: [[Double]]
        var labels: [UInt8]

        init(_ layout: Layout) {
            ids = layout.idIndex == nil ? nil : IdColumn()
            scores = Array(repeating: [], count: layout.selected.count)
            labels = []
        }

        mutating func append(_ record: CSVRecord, _ layout: Layout, path: String) throws {
            guard record.count == layout.header.count else {
                throw badRow(path: path, line: record.line, found: record.count, expected: layout.header.count, record: record)
            }
            if let idIndex = layout.idIndex {
                let field = record.field(idIndex)
                if field.isEmpty {
                    throw DataError(.badRow, file: path, line: record.line, column: idIndex + 1, "the id is empty")
                }
                ids?.append(field)  // present whenever there is an id column
            }
            for k in 0..<layout.selected.count {
                let column = layout.selected[k]
                let field = record.field(column.index)
                switch DecimalParser.parse(field) {
                case .finite(let value):
                    scores[k].append(value)
                case .nan:
                    throw DataError(.nanScore, file: path, line: record.line, column: column.index + 1,
                                    "column '\(column.name)': the score is NaN; every score must be a finite number")
                case .infinite:
                    throw DataError(.infiniteScore, file: path, line: record.line, column: column.index + 1,
                                    "column '\(column.name)': the score '\(DataError.excerpt(record.string(column.index)))' is infinite or overflows binary64; every score must be finite")
                case .invalid:
                    let text = record.string(column.index)
                    throw DataError(.badScore, file: path, line: record.line, column: column.index + 1,
                                    text.isEmpty ? "column '\(column.name)': the score is empty"
                                                 : "column '\(column.name)': '\(DataError.excerpt(text))' is not a number")
                }
            }
            if let labelIndex = layout.labelIndex {
                labels.append(try parseLabel(record, labelIndex, path: path))
            }
        }

        /// Appends `other`'s rows after these.
        mutating func append(contentsOf other: Rows) {
            if var ids, let otherIds = other.ids {
                ids.append(contentsOf: otherIds)
                self.ids = ids
            }
            for k in scores.indices { scores[k].append(contentsOf: other.scores[k]) }
            labels.append(contentsOf: other.labels)
        }
    }

    static func read(_ path: String, _ request: Request) throws -> ScoreFile {
        let reader = CSVReader(path: path)
        var layout: Layout? = nil
        struct Stop: Error {}
        do {
            try reader.forEachRecord { record in
                layout = try makeLayout((0..<record.count).map { record.string($0) }, line: record.line, request, path: path)
                throw Stop()
            }
        } catch is Stop {}
        guard let layout else {
            throw DataError(.emptyFile, file: path, "the file is empty; expected a header such as 'id,score'")
        }

        var rows: Rows
        if let points = reader.splitPoints(parts: 2) {
            rows = try readInParallel(reader, points: points, layout: layout)
        } else {
            rows = try readInOnePass(reader, layout: layout)
        }
        if rows.scores.first?.isEmpty ?? true {
            throw DataError(.emptyFile, file: path, "the file has a header but no rows")
        }
        return ScoreFile(path: path, header: layout.header, scoreColumns: layout.selected.map(\.name), ids: rows.ids, idColumn: layout.idIndex,
                         scores: rows.scores, labels: layout.labelIndex == nil ? nil : rows.labels)
    }

    /// Every data row of the file (the header skipped), in one pass.
    private static func readInOnePass(_ reader: CSVReader, layout: Layout) throws -> Rows {
        var rows = Rows(layout)
        var isHeader = true
        try reader.forEachRecord { record in
            if isHeader { isHeader = false; return }
            try rows.append(record, layout, path: reader.path)
        }
        return rows
    }

    /// Parses the two halves of a large plain file on two threads (libcsv parsers are
    /// independent), then joins them. Valid only if the first half has no double quote, so the
    /// cut cannot fall inside a quoted field; otherwise, and whenever a half fails, the file is
    /// read again in one pass.
    private static func readInParallel(_ reader: CSVReader, points: [Int], layout: Layout) throws -> Rows {
        let path = reader.path
        let parts = points.count - 1
        nonisolated(unsafe) var outcomes = [Result<(Rows, CSVReader.RangeSummary), Error>?](repeating: nil, count: parts)
        outcomes.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                slots[part] = Result {
                    var rows = Rows(layout)
                    var isHeader = part == 0
                    let summary = try reader.forEachRecord(inPlainFileRange: points[part]..<points[part + 1]) { record in
                        if isHeader { isHeader = false; return }
                        try rows.append(record, layout, path: path)
                    }
                    return (rows, summary)
                }
            }
        }
        var rows = Rows(layout)
        for part in 0..<parts {
            switch outcomes[part] {
            case .failure?, nil:
                // A part's error may come from the cut itself (a quoted field with a line break
                // that straddles it reads as "not closed"): read the whole file in one pass, which
                // either succeeds or reports the file's real first error with its true line.
                return try readInOnePass(reader, layout: layout)
            case .success(let (partRows, summary))?:
                if part < parts - 1 && summary.sawQuote {
                    // Quoted fields: the cut may lie inside one; read the file in one pass.
                    return try readInOnePass(reader, layout: layout)
                }
                if part == 0 { rows = partRows } else { rows.append(contentsOf: partRows) }
                outcomes[part] = nil
            }
        }
        return rows
    }

    static func makeLayout(_ names: [String], line: Int, _ request: Request, path: String) throws -> Layout {
        try checkHeader(names, path: path, line: line)
        let idIndex = names.firstIndex(of: "id")
        let labelIndex = request.wantsLabels ? names.firstIndex(of: "label") : nil
        let selected = try selectColumns(names, request, path: path, line: line)
        if idIndex == nil && (request.requiresId || labelIndex == nil) {
            throw DataError(.badHeader, file: path, line: line,
                            "no 'id' column (header: \(names.joined(separator: ","))); a score file needs `id` to be joined with the labels")
        }
        return Layout(header: names, headerLine: line, idIndex: idIndex, labelIndex: labelIndex, selected: selected)
    }

    /// The 1-based line of data row `row` (0-based), found by reading the file again (only on
    /// the error path, so rows do not carry line numbers in memory).
    static func line(ofRow row: Int, in path: String) -> Int? {
        var seen = -1
        var found: Int? = nil
        struct Stop: Error {}
        _ = try? CSVReader(path: path).forEachRecord { record in
            if seen == row { found = record.line; throw Stop() }
            seen += 1
        }
        return found
    }

    static func checkHeader(_ names: [String], path: String, line: Int) throws {
        if names.count == 1, let only = names.first {
            for (delimiter, name) in [(";", "semicolon"), ("\t", "tab"), ("|", "pipe")] where only.contains(delimiter) {
                throw DataError(.badHeader, file: path, line: line, column: 1,
                                "the header '\(only.replacingOccurrences(of: "\t", with: "\\t"))' looks \(name)-separated; score and label files are comma-separated")
            }
        }
        var seen = Set<String>()
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                throw DataError(.badHeader, file: path, line: line, column: index + 1, "header column \(index + 1) has no name")
            }
            if !seen.insert(name).inserted {
                throw DataError(.badHeader, file: path, line: line, column: index + 1, "the header names column '\(name)' twice")
            }
        }
    }

    private static func selectColumns(_ names: [String], _ request: Request, path: String, line: Int) throws -> [(name: String, index: Int)] {
        if !request.scoreColumns.isEmpty {
            return try request.scoreColumns.map { name in
                // The join key and the labels are not scores: evaluating them would measure nothing.
                guard name != "id", name != "label" else {
                    throw DataError(.badScoreColumn, file: path, line: line,
                                    "'\(name)' is the \(name == "id" ? "join key" : "label column"), not a score column; name a score column with --score")
                }
                guard let index = names.firstIndex(of: name) else {
                    throw DataError(.badHeader, file: path, line: line,
                                    "no score column '\(name)' (header: \(names.joined(separator: ",")))")
                }
                return (name, index)
            }
        }
        if let index = names.firstIndex(of: "score") { return [("score", index)] }
        let reserved: Set<String> = ["id", "label", "split", "kind", "block"]
        let candidates = names.enumerated().filter { !reserved.contains($0.element) }.map { ($0.element, $0.offset) }
        guard !candidates.isEmpty else {
            throw DataError(.badHeader, file: path, line: line,
                            "no score column (header: \(names.joined(separator: ","))); expected 'score' or name one with --score")
        }
        return candidates
    }

    static func parseLabel(_ record: CSVRecord, _ index: Int, path: String) throws -> UInt8 {
        let field = record.field(index)
        if field.count == 1 && (field[0] == 0x30 || field[0] == 0x31) { return field[0] - 0x30 }
        throw DataError(.badLabel, file: path, line: record.line, column: index + 1,
                        "the label '\(record.string(index))' is not 0 or 1 (1 = anomaly)")
    }

    static func badRow(path: String, line: Int, found: Int, expected: Int, record: CSVRecord) -> DataError {
        var message = "expected \(expected) fields like the header, found \(found)"
        if found == 1 {
            let text = record.string(0)
            if text.contains(";") || text.contains("\t") { message += " (is the file separated by something other than commas?)" }
        }
        return DataError(.badRow, file: path, line: line, message)
    }
}
