import CCSV

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
public struct CSVReader {
    public let path: String
    public var delimiter: UInt8

    public init(path: String, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.path = path
        self.delimiter = delimiter
    }

    /// Calls `body` for every record in file order. An error thrown by `body` stops reading and is
    /// rethrown. A malformed file (an unterminated quote, a quote inside an unquoted field) throws
    /// `DataError("bad_csv")` naming the line. Returns the number of records read.
    @discardableResult
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws -> Int {
        let reader = try ArchiveReader(path: path)
        defer { reader.close() }
        let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
        state.initialize(to: ParseState())
        defer { state.pointee.free(); state.deinitialize(count: 1); state.deallocate() }
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI)) == 0 else {
            throw DataError("internal", file: path, "libcsv could not initialise")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, delimiter)

        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var firstChunk = true
        var recordsRead = 0
        try withoutActuallyEscaping(body) { escapableBody in
            state.pointee.deliver = { line, bytes, ends in
                let record = CSVRecord(line: line, bytes: bytes, ends: ends)
                try escapableBody(record)
            }
            defer { state.pointee.deliver = nil }
            let opaque = UnsafeMutableRawPointer(state)
            while true {
                let n = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
                if n == 0 { break }
                try chunk.withUnsafeBytes { raw in
                    var start = 0
                    if firstChunk {
                        firstChunk = false
                        if n >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
                    }
                    let base = raw.baseAddress! + start
                    let length = n - start
                    let parsed = csv_parse(&parser, base, length, csvFieldCallback, csvRowCallback, opaque)
                    if let error = state.pointee.error { throw error }
                    if parsed != length {
                        throw DataError("bad_csv", file: path, line: state.pointee.currentLine,
                                        "malformed CSV (\(String(cString: csv_strerror(csv_error(&parser))))): check quotes")
                    }
                }
            }
            if csv_fini(&parser, csvFieldCallback, csvRowCallback, opaque) != 0 {
                throw DataError("bad_csv", file: path, line: state.pointee.recordLine,
                                "malformed CSV: a quoted field is not closed before the end of the file")
            }
            if let error = state.pointee.error { throw error }
            recordsRead = state.pointee.records
        }
        return recordsRead
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
            // Line breaks inside a quoted field (only a quoted field can hold one).
            var index = 0
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

private func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    data!.assumingMemoryBound(to: ParseState.self).pointee.addField(UnsafeRawPointer(field), length)
}

private func csvRowCallback(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    data!.assumingMemoryBound(to: ParseState.self).pointee.endRow(terminator)
}
