import CCSV

/// Writes CSV records to an ``OutputFile``: comma-separated, LF line ends, fields quoted by
/// libcsv (`csv_write`) only when they need it (a comma, quote, line break, or surrounding
/// space), integers written without allocation.
public final class CSVWriter {
    public let file: OutputFile
    private var needsSeparator = false

    public init(file: OutputFile) { self.file = file }

    /// Writes a header or any record of text fields.
    public func writeRecord(_ fields: [String]) throws {
        for field in fields { try writeField(field) }
        try endRecord()
    }

    /// Appends one text field, quoting it if needed.
    public func writeField(_ text: String) throws {
        try separator()
        if CSVWriter.needsQuoting(text) {
            var source = text
            let quoted: [UInt8] = source.withUTF8 { src in
                let size = csv_write(nil, 0, src.baseAddress, src.count)
                var out = [UInt8](repeating: 0, count: size)
                _ = out.withUnsafeMutableBytes { csv_write($0.baseAddress, size, src.baseAddress, src.count) }
                return out
            }
            for byte in quoted { try file.write(byte: byte) }
        } else {
            try file.write(text)
        }
    }

    /// Appends one integer field.
    public func writeField(_ value: Int) throws {
        try separator()
        try file.write(integer: value)
    }

    /// Ends the current record with a line feed.
    public func endRecord() throws {
        try file.write(byte: 0x0A)
        needsSeparator = false
    }

    private func separator() throws {
        if needsSeparator { try file.write(byte: UInt8(ascii: ",")) }
        needsSeparator = true
    }

    static func needsQuoting(_ text: String) -> Bool {
        if text.isEmpty { return false }
        if text.first == " " || text.first == "\t" || text.last == " " || text.last == "\t" { return true }
        return text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }
}
