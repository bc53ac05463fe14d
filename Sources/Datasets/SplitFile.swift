import DataIO
import Foundation

/// A split's CSV file (`train.csv`, `test.csv`, … of a `toolkit generate` folder) read into the
/// manifest's columns: the parsing and checking of ``DatasetSplit/read(_:split:verify:)``.
///
/// Two ways, one set of checks (``Layout``, ``number(_:_:)``, ``idList(_:_:)``):
/// - ``readIntoColumns(rows:)``: the values go straight into columns of the manifest's row count;
///   a large plain file is cut at a line start and its halves parsed on two threads (libcsv
///   parsers are independent), the second half's rows placed after the first half's line
///   feeds. It gives up (nil) rather than guess: on any error, a count the file does not match,
///   a double quote before the cut (a quoted line break could move the rows), or a blank line.
/// - ``readAppending()``: one pass into growing arrays; the reference, and what reports an
///   error with its true line number.
struct SplitFile {
    let path: String
    let columns: [ColumnSchema]

    /// The values read: ids, per column numbers (numeric, indicator, categorical) or id lists
    /// (multi-categorical; empty arrays for the other columns).
    struct Values: Equatable {
        var ids: [String]
        var numbers: [[Double]]
        var lists: [[[Int]]]
    }

    /// Where the manifest's columns are among the file's fields, from its header.
    struct Layout {
        let path: String
        let columns: [ColumnSchema]
        let width: Int
        let idField: Int
        /// CSV field of each manifest column.
        let positions: [Int]

        init(header record: CSVRecord, path: String, columns: [ColumnSchema]) throws {
            let header = (0..<record.count).map { record.string($0) }
            guard let id = header.firstIndex(of: "id") else {
                throw DataError(.badHeader, file: path, line: record.line, "no 'id' column")
            }
            self.path = path
            self.columns = columns
            width = header.count
            idField = id
            positions = try columns.map { column in
                guard let index = header.firstIndex(of: column.name) else {
                    throw DataError(.badHeader, file: path, line: record.line, "no column '\(column.name)' (named in manifest.json)")
                }
                return index
            }
        }

        func checkWidth(_ record: CSVRecord) throws {
            guard record.count == width else {
                throw DataError(.badRow, file: path, line: record.line, "expected \(width) fields, found \(record.count)")
            }
        }

        /// Ids must be ids: whole numbers in 0..<cardinality (the manifest's, when it has one), so
        /// that no later integer conversion can overflow.
        private func limit(_ c: Int) -> Int { columns[c].cardinality ?? DatasetSplit.maximumId + 1 }

        private func badId(_ record: CSVRecord, _ c: Int, _ text: String) -> DataError {
            let column = columns[c]
            return DataError(.badRow, file: path, line: record.line, column: positions[c] + 1,
                             "column '\(column.name)': \(DatasetSplit.quoted(text)) is not an id in 0..\(limit(c) - 1)"
                                + (column.cardinality.map { " (cardinality \($0) in manifest.json)" } ?? ""))
        }

        /// The value of a numeric, indicator or categorical column `c`.
        func number(_ record: CSVRecord, _ c: Int) throws -> Double {
            let field = record.field(positions[c])
            guard case .finite(let value) = DecimalParser.parse(field) else {
                throw DataError(.badRow, file: path, line: record.line, column: positions[c] + 1,
                                "column '\(columns[c].name)': \(DatasetSplit.quoted(record.string(positions[c]))) is not a number")
            }
            if columns[c].type == .categorical, !(value >= 0 && value < Double(limit(c)) && value == value.rounded()) {
                throw badId(record, c, record.string(positions[c]))
            }
            return value
        }

        /// The ids of multi-categorical column `c` (space-separated whole numbers).
        func idList(_ record: CSVRecord, _ c: Int) throws -> [Int] {
            let field = record.field(positions[c])
            let limit = limit(c)
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
                        throw badId(record, c, String(decoding: field[(field.startIndex + start)..<(field.startIndex + end)], as: UTF8.self))
                    }
                } else if byte == 0x20 {
                    if inNumber { list.append(value) }
                    value = 0; inNumber = false
                } else {
                    throw DataError(.badRow, file: path, line: record.line, column: positions[c] + 1,
                                    "column '\(columns[c].name)': expected space-separated ids (whole numbers from 0), found \(DatasetSplit.quoted(record.string(positions[c])))")
                }
            }
            if inNumber { list.append(value) }
            return list
        }
    }

    /// One pass into growing arrays (the header first).
    func readAppending() throws -> Values {
        var values = Values(ids: [], numbers: Array(repeating: [], count: columns.count), lists: Array(repeating: [], count: columns.count))
        var layout: Layout? = nil
        try CSVReader(path: path).forEachRecord { record in
            guard let layout else { layout = try Layout(header: record, path: path, columns: columns); return }
            try layout.checkWidth(record)
            values.ids.append(record.string(layout.idField))
            for c in columns.indices {
                if columns[c].type == .multiCategorical {
                    values.lists[c].append(try layout.idList(record, c))
                } else {
                    values.numbers[c].append(try layout.number(record, c))
                }
            }
        }
        return values
    }

    /// The file into columns of `rows` rows (the manifest's count), on two threads for a large
    /// plain file; nil when the file does not read that way (then ``readAppending()``).
    func readIntoColumns(rows: Int) -> Values? {
        guard rows > 0, holds(rows: rows, width: columns.count) else { return nil }
        // Column storage written through pointers (no growing, no copy-on-write checks per
        // value); each becomes an array once every row is in.
        var buffers = columns.map { $0.type == .multiCategorical ? nil : UnsafeMutableBufferPointer<Double>.allocate(capacity: rows) }
        defer { for buffer in buffers { buffer?.deallocate() } }
        guard var values = read(rows: rows, into: buffers.map { $0.map { Target(base: $0.baseAddress!, stride: 1) } }) else { return nil }
        for c in buffers.indices {
            guard let buffer = buffers[c] else { continue }
            values.numbers[c] = Array(buffer)   // one column at a time, so the copy costs one column's memory
            buffer.deallocate()
            buffers[c] = nil
        }
        return values
    }

    /// The file straight into a row-major matrix of `rows` rows and the manifest's columns in
    /// its order (what the featurizer makes of numeric and indicator columns), with the ids;
    /// nil when a column is of another kind or the file does not read that way.
    func readMatrix(rows: Int) -> (ids: [String], values: [Double])? {
        guard rows > 0, holds(rows: rows, width: columns.count),
              columns.allSatisfy({ $0.type == .numeric || $0.type == .indicator }) else { return nil }
        let width = columns.count
        var matrix = [Double](repeating: 0, count: rows * width)
        let values = matrix.withUnsafeMutableBufferPointer { buffer in
            read(rows: rows, into: columns.indices.map { Target(base: buffer.baseAddress! + $0, stride: width) })
        }
        guard let values else { return nil }
        return (values.ids, matrix)
    }

    /// Where column c's value of row r goes: `base[r · stride]`.
    struct Target {
        let base: UnsafeMutablePointer<Double>
        let stride: Int
    }

    /// Whether the file could hold `rows` rows of `width` values: the manifest's count is not
    /// trusted with an allocation beyond that (an edited manifest would trap it), so anything
    /// larger goes to ``readAppending()``, which finds the true count. Every field of a row (the
    /// id and `width` values) takes at least one byte with its separator; a compressed file is
    /// taken to expand at most 64 times (CSV rarely compresses past 20:1; a file that does is
    /// only read the slower way).
    private func holds(rows: Int, width: Int) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let size = Int(info.st_size)
        let text = path.hasSuffix(".csv") ? size : size.multipliedReportingOverflow(by: 64).partialValue
        let (fields, overflow) = rows.multipliedReportingOverflow(by: width + 1)
        return !overflow && text >= 0 && fields <= text
    }

    /// The shared part of both: numbers into `targets` (nil for a multi-categorical column),
    /// ids and id lists returned.
    private func read(rows: Int, into targets: [Target?]) -> Values? {
        let reader = CSVReader(path: path)
        guard let layout = try? header(reader) else { return nil }
        nonisolated(unsafe) let targets = targets
        let parts: [(range: Range<Int>?, firstRow: Int)]
        if let points = reader.splitPoints(parts: 2), points.count == 3,
           let lineFeeds = try? reader.lineFeeds(inPlainFileRange: points[0]..<points[1]), lineFeeds >= 1 {
            parts = [(points[0]..<points[1], 0), (points[1]..<points[2], lineFeeds - 1)]
        } else {
            parts = [(nil, 0)]
        }
        nonisolated(unsafe) var outcomes = [Part?](repeating: nil, count: parts.count)
        outcomes.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: parts.count) { index in
                slots[index] = try? fill(reader, range: parts[index].range, firstRow: parts[index].firstRow,
                                         rows: rows, layout: layout, into: targets)
            }
        }
        // Each part must have read exactly its rows: the first from row 0 up to the second's
        // first row, the last up to `rows`; and no double quote before a cut.
        var values = Values(ids: [], numbers: Array(repeating: [], count: columns.count), lists: Array(repeating: [], count: columns.count))
        values.ids.reserveCapacity(rows)
        for (index, outcome) in outcomes.enumerated() {
            guard let part = outcome else { return nil }
            let end = index + 1 < parts.count ? parts[index + 1].firstRow : rows
            guard part.ids.count == end - parts[index].firstRow, index + 1 == parts.count || !part.sawQuote else { return nil }
            values.ids.append(contentsOf: part.ids)
            for c in columns.indices where columns[c].type == .multiCategorical {
                values.lists[c].append(contentsOf: part.lists[c])
            }
        }
        return values
    }

    /// What one part read: its ids and id lists (the numbers went into the shared columns).
    private struct Part {
        var ids: [String] = []
        var lists: [[[Int]]]
        var sawQuote = false
    }

    private func header(_ reader: CSVReader) throws -> Layout {
        struct Stop: Error {}
        var layout: Layout? = nil
        do {
            _ = try reader.forEachRecord { record in
                layout = try Layout(header: record, path: path, columns: columns)
                throw Stop()
            }
        } catch is Stop {}
        guard let layout else { throw DataError(.emptyFile, file: path, "no header") }
        return layout
    }

    /// Parses `range` of the plain file (nil: the whole file, any format), writing rows from
    /// `firstRow`; the range that starts the file begins with the header.
    private func fill(_ reader: CSVReader, range: Range<Int>?, firstRow: Int, rows: Int, layout: Layout,
                      into targets: [Target?]) throws -> Part {
        struct TooManyRows: Error {}
        var part = Part(lists: Array(repeating: [], count: columns.count))
        var row = firstRow
        var isHeader = range.map { $0.lowerBound == 0 } ?? true
        let body = { (record: CSVRecord) throws in
            if isHeader { isHeader = false; return }
            guard row < rows else { throw TooManyRows() }
            try layout.checkWidth(record)
            part.ids.append(record.string(layout.idField))
            for c in columns.indices {
                if let target = targets[c] {
                    target.base[row * target.stride] = try layout.number(record, c)
                } else {
                    part.lists[c].append(try layout.idList(record, c))
                }
            }
            row += 1
        }
        if let range {
            part.sawQuote = try reader.forEachRecord(inPlainFileRange: range, body).sawQuote
        } else {
            _ = try reader.forEachRecord(body)
        }
        return part
    }
}
