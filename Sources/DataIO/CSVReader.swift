import CCSV
#if canImport(Glibc)
import Glibc
#endif

/// One CSV record handed to a ``CSVReader`` callback. It is a view into the reader's buffer:
/// valid only during the callback; copy what you keep.
public struct CSVRecord {
    /// 1-based line number where the record starts (counting LF, CRLF and lone CR as one break,
    /// including blank lines and line breaks inside quoted fields).
    public let line: Int
    /// Number of fields.
    public var count: Int { ends.count }

    private let bytes: UnsafeRawBufferPointer
    private let ends: UnsafeBufferPointer<Int>

    init(line: Int, bytes: UnsafeRawBufferPointer, ends: UnsafeBufferPointer<Int>) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
    }

    /// The raw bytes of field `index` (0-based), with surrounding spaces and tabs trimmed and
    /// quotes removed.
    public func field(_ index: Int) -> UnsafeRawBufferPointer {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeRawBufferPointer(rebasing: bytes[start..<ends[index]])
    }

    /// Field `index` decoded as UTF-8 (invalid sequences are repaired).
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }
}

/// Streams CSV records from any file ``ArchiveReader`` can read, parsed by libcsv in strict mode
/// (RFC 4180 quoting: quoted fields, doubled quotes, line breaks inside quotes; LF, CRLF or CR line
/// ends; a UTF-8 byte-order mark at the start is skipped; blank lines are skipped).
///
/// The per-field callback only appends bytes to one reusable buffer; the caller decodes the
/// fields it needs in its per-record closure, which keeps parsing near libcsv's own speed.
public struct CSVReader: Sendable {
    /// The longest field read (16 MiB): far beyond any id, score or id list, and a bound on the
    /// memory a malformed or hostile file can take.
    public static let maximumFieldBytes = 16 << 20

    public let path: String
    public var delimiter: UInt8

    public init(path: String, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.path = path
        self.delimiter = delimiter
    }

    /// Calls `body` for every record in file order. An error thrown by `body` stops reading and is
    /// rethrown. A malformed file (an unterminated quote, a quote inside an unquoted field) throws
    /// `DataError(.badCSV)` naming the line. Returns the number of records read.
    @discardableResult
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws -> Int {
        let reader = try ArchiveReader(path: path)
        defer { reader.close() }
        return try parse(skipBOM: true, read: { try reader.read(into: $0) }, body).records
    }

    /// What parsing a byte range found.
    public struct RangeSummary: Sendable {
        /// Records delivered.
        public var records: Int
        /// The line where the range ended (1 + the line breaks in it).
        public var endLine: Int
        /// Whether the range holds a double quote (then a split point inside it could fall
        /// inside a quoted field).
        public var sawQuote: Bool
    }

    /// Parses the bytes `range` of a plain (uncompressed) file as if it were a file of its
    /// own whose first line is line 1: the ranges of ``splitPoint(parts:)`` can be parsed on
    /// separate threads. A byte-order mark is skipped only at offset 0.
    public func forEachRecord(inPlainFileRange range: Range<Int>, _ body: (CSVRecord) throws -> Void) throws -> RangeSummary {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DataError(.cannotOpen, file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { _ = close(descriptor) }
        var offset = range.lowerBound
        var sawQuote = false
        let summary = try parse(skipBOM: range.lowerBound == 0, read: { buffer in
            let wanted = min(buffer.count, range.upperBound - offset)
            if wanted <= 0 { return 0 }
            let n = pread(descriptor, buffer.baseAddress!, wanted, off_t(offset))
            if n < 0 { throw DataError(.cannotRead, file: path, "cannot read: \(String(cString: strerror(errno)))") }
            if !sawQuote && memchr(buffer.baseAddress!, 0x22, n) != nil { sawQuote = true }
            offset += n
            return n
        }, body)
        return RangeSummary(records: summary.records, endLine: summary.endLine, sawQuote: sawQuote)
    }

    /// The line feeds (LF bytes) in the bytes `range` of a plain file: with no quoted line
    /// breaks and no blank lines, the records that end in it (``splitPoints(parts:minimumBytes:)``
    /// cuts just after a LF), so a reader of the second range knows its first record's number.
    public func lineFeeds(inPlainFileRange range: Range<Int>) throws -> Int {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DataError(.cannotOpen, file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { _ = close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = range.lowerBound, count = 0
        while offset < range.upperBound {
            let n = pread(descriptor, buffer.baseAddress!, min(buffer.count, range.upperBound - offset), off_t(offset))
            if n < 0 { throw DataError(.cannotRead, file: path, "cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            var cursor = buffer.baseAddress!, left = n
            while left > 0, let found = memchr(cursor, 0x0A, left) {
                count += 1
                let next = found + 1
                left -= next - cursor
                cursor = next
            }
            offset += n
        }
        return count
    }

    /// For a plain file of at least `minimumBytes`, the offsets that cut it into `parts`
    /// ranges at line starts (just after a LF); nil for compressed or small files.
    public func splitPoints(parts: Int, minimumBytes: Int = 4 << 20) -> [Int]? {
        guard parts >= 2, let reader = try? ArchiveReader(path: path), reader.isPlainFile else { return nil }
        reader.close()
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) >= minimumBytes else { return nil }
        let size = Int(info.st_size)
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { _ = close(descriptor) }
        var points = [0]
        var window = [UInt8](repeating: 0, count: 1 << 16)
        for part in 1..<parts {
            var offset = size / parts * part
            var found: Int? = nil
            while found == nil && offset < size {
                let n = window.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(offset)) }
                if n <= 0 { break }
                if let index = window[0..<n].firstIndex(of: 0x0A) { found = offset + index + 1 } else { offset += n }
            }
            guard let cut = found, cut > points[points.count - 1], cut < size else { return nil }
            points.append(cut)
        }
        points.append(size)
        return points
    }

    private func parse(skipBOM: Bool, read: (UnsafeMutableRawBufferPointer) throws -> Int,
                       _ body: (CSVRecord) throws -> Void) throws -> (records: Int, endLine: Int) {
        let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
        state.initialize(to: ParseState())
        defer { state.pointee.free(); state.deinitialize(count: 1); state.deallocate() }
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI)) == 0 else {
            throw DataError(.internal, file: path, "libcsv could not initialise")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, delimiter)
        // libcsv grows its field buffer without bound: a small .gz holding one 500 MB field once
        // took 2 GB. Its allocations go through this function, which refuses more than the cap.
        csv_set_realloc_func(&parser, csvCappedRealloc)

        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var firstChunk = skipBOM
        var result = (records: 0, endLine: 1)
        try withoutActuallyEscaping(body) { escapableBody in
            state.pointee.deliver = { line, bytes, ends in
                let record = CSVRecord(line: line, bytes: bytes, ends: ends)
                try escapableBody(record)
            }
            defer { state.pointee.deliver = nil }
            let opaque = UnsafeMutableRawPointer(state)
            while true {
                let n = try read(chunk)
                if n == 0 { break }
                let raw = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
                var start = 0
                if firstChunk {
                    firstChunk = false
                    if n >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
                }
                let base = raw.baseAddress! + start
                let length = n - start
                if !state.pointee.quoteSeen && memchr(base, 0x22, length) != nil { state.pointee.quoteSeen = true }
                let parsed = csv_parse(&parser, base, length, csvFieldCallback, csvRowCallback, opaque)
                if let error = state.pointee.error { throw error }
                if parsed != length {
                    if csv_error(&parser) == Int32(CSV_ENOMEM) {
                        throw DataError(.fieldTooLong, file: path, line: state.pointee.currentLine,
                                        "a field is longer than \(CSVReader.maximumFieldBytes >> 20) MiB (the limit); is this a CSV file?")
                    }
                    throw DataError(.badCSV, file: path, line: state.pointee.currentLine,
                                    "malformed CSV (\(String(cString: csv_strerror(csv_error(&parser))))): check quotes")
                }
            }
            if csv_fini(&parser, csvFieldCallback, csvRowCallback, opaque) != 0 {
                // The record with the open quote started where the last whole one ended, unless
                // a field of it was already complete.
                let line = state.pointee.fieldCount == 0 ? state.pointee.currentLine : state.pointee.recordLine
                throw DataError(.badCSV, file: path, line: line,
                                "malformed CSV: a quoted field is not closed before the end of the file")
            }
            if let error = state.pointee.error { throw error }
            result = (state.pointee.records, state.pointee.currentLine)
        }
        return result
    }
}

/// Parser state shared with libcsv's C callbacks through their `void *` argument.
///
/// Kept as a struct behind a raw pointer with manually grown buffers: the callbacks run once per
/// field of files with tens of millions of rows, and class properties or Swift arrays there cost
/// dynamic exclusivity checks and reference counting on every call (measured: 2-3x slower).
private struct ParseState {
    var bytes: UnsafeMutableRawPointer
    var byteCapacity: Int
    var byteCount = 0
    var ends: UnsafeMutablePointer<Int>
    var endCapacity: Int
    var fieldCount = 0
    var currentLine = 1         // line where the parser currently is (at record boundaries)
    var recordLine = 1          // line where the record being built started
    var pendingBreaks = 0       // line breaks inside the fields of the record being built
    var lastTerminatorWasCR = false
    /// Whether a double quote has appeared in the input so far (set per chunk before libcsv
    /// sees it, and never reset, so a quoted field spanning chunks is still scanned).
    var quoteSeen = false
    var records = 0
    var error: Error?
    var deliver: ((Int, UnsafeRawBufferPointer, UnsafeBufferPointer<Int>) throws -> Void)?

    init() {
        byteCapacity = 4096
        bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 8)
        endCapacity = 64
        ends = UnsafeMutablePointer<Int>.allocate(capacity: endCapacity)
    }

    func free() {
        bytes.deallocate()
        ends.deallocate()
    }

    @inline(__always)
    mutating func addField(_ pointer: UnsafeRawPointer?, _ length: Int) {
        if fieldCount == 0 { recordLine = currentLine }
        if length > 0, let pointer {
            if byteCount + length > byteCapacity {
                var capacity = byteCapacity * 2
                while byteCount + length > capacity { capacity *= 2 }
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
                grown.copyMemory(from: bytes, byteCount: byteCount)
                bytes.deallocate()
                bytes = grown
                byteCapacity = capacity
            }
            (bytes + byteCount).copyMemory(from: pointer, byteCount: length)
            // Line breaks inside a quoted field (only a quoted field can hold one, so files
            // with no double quote so far skip the scan).
            var index = quoteSeen ? 0 : length
            let fieldBytes = pointer.assumingMemoryBound(to: UInt8.self)
            while index < length {
                let byte = fieldBytes[index]
                if byte == 0x0D {
                    pendingBreaks += 1
                    if index + 1 < length && fieldBytes[index + 1] == 0x0A { index += 1 }
                } else if byte == 0x0A {
                    pendingBreaks += 1
                }
                index += 1
            }
            byteCount += length
        }
        if fieldCount == endCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: endCapacity * 2)
            grown.update(from: ends, count: fieldCount)
            ends.deallocate()
            ends = grown
            endCapacity *= 2
        }
        ends[fieldCount] = byteCount
        fieldCount += 1
    }

    @inline(__always)
    mutating func endRow(_ terminator: Int32) {
        if fieldCount > 0 {
            if error == nil, let deliver {
                do {
                    try deliver(recordLine, UnsafeRawBufferPointer(start: bytes, count: byteCount),
                                UnsafeBufferPointer(start: ends, count: fieldCount))
                    records += 1
                } catch {
                    self.error = error
                }
            }
            byteCount = 0
            fieldCount = 0
            currentLine += pendingBreaks
            pendingBreaks = 0
            if terminator == 0x0A || terminator == 0x0D { currentLine += 1 }
            lastTerminatorWasCR = terminator == 0x0D
        } else {
            // A bare line break outside a record (CSV_REPALL_NL): LF right after a CR is the
            // second half of a CRLF.
            if terminator == 0x0A && lastTerminatorWasCR {
                lastTerminatorWasCR = false
            } else {
                currentLine += 1
                lastTerminatorWasCR = terminator == 0x0D
            }
        }
    }
}

/// `realloc` for libcsv's field buffer, refusing sizes above ``CSVReader/maximumFieldBytes``
/// (libcsv then stops with `CSV_ENOMEM`).
private func csvCappedRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    guard size <= CSVReader.maximumFieldBytes + 4096 else { return nil }
    return realloc(pointer, size)
}

private func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }  // never: the reader always passes its state
    data.assumingMemoryBound(to: ParseState.self).pointee.addField(UnsafeRawPointer(field), length)
}

private func csvRowCallback(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    data.assumingMemoryBound(to: ParseState.self).pointee.endRow(terminator)
}
