import CCSV

/// Writes CSV records to an ``OutputFile``: comma-separated, LF line ends, fields quoted by
/// libcsv (`csv_write`) only when they need it (a comma, quote, line break, or surrounding
/// space), integers written without allocation.
public final class CSVWriter {
    public let file: OutputFile
    /// Whether the next field needs a comma before it (behind a pointer: see ``OutputFile``).
    private let needsSeparator: UnsafeMutablePointer<Bool>

    public init(file: OutputFile) {
        self.file = file
        needsSeparator = .allocate(capacity: 1)
        needsSeparator.initialize(to: false)
    }

    deinit { needsSeparator.deallocate() }

    /// Writes a header or any record of text fields.
    public func writeRecord(_ fields: [String]) throws {
        for field in fields { try writeField(field) }
        try endRecord()
    }

    /// Appends one text field, quoting it if needed.
    @inline(__always)
    public func writeField(_ text: String) throws {
        try separator()
        var text = text
        try text.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            if CSVWriter.needsQuoting(raw) {
                let size = csv_write(nil, 0, raw.baseAddress, raw.count)
                let quoted = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
                defer { quoted.deallocate() }
                _ = csv_write(quoted.baseAddress, size, raw.baseAddress, raw.count)
                try file.write(bytes: UnsafeRawBufferPointer(quoted))
            } else {
                try file.write(bytes: raw)
            }
        }
    }

    /// Appends one field that is already valid CSV (no quoting needed), as bytes.
    @inline(__always)
    public func writeField(bytes: UnsafeRawBufferPointer) throws {
        try separator()
        try file.write(bytes: bytes)
    }

    /// Appends one integer field.
    @inline(__always)
    public func writeField(_ value: Int) throws {
        try separator()
        try file.write(integer: value)
    }

    /// Ends the current record with a line feed.
    @inline(__always)
    public func endRecord() throws {
        try file.write(byte: 0x0A)
        needsSeparator.pointee = false
    }

    /// Writes the comma that separates this field from the previous one, if any, for callers
    /// that write a field's bytes to ``file`` themselves.
    @inline(__always)
    public func separatorIfNeeded() throws { try separator() }

    @inline(__always)
    private func separator() throws {
        if needsSeparator.pointee { try file.write(byte: UInt8(ascii: ",")) }
        needsSeparator.pointee = true
    }

    static func needsQuoting(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D { return true }
        return false
    }
}
