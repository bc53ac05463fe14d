/// How an output file is stored.
public enum OutputCompression: String, Sendable, CaseIterable, Codable {
    case none
    case gzip

    /// The file-name suffix this compression adds (`""` or `".gz"`).
    public var suffix: String { self == .gzip ? ".gz" : "" }
}

/// A buffered output file, plain or gzip-compressed (through libarchive), that reports the
/// SHA-256 of the bytes it put on disk when finished.
///
/// Text is appended to a 1 MiB buffer with fast paths for integers; the buffer goes to the file
/// (or the compressor) when full and on ``finish()``.
public final class OutputFile {
    public let path: String
    private let sink: FileSink
    private let encoder: GzipEncoder?
    private var buffer: [UInt8] = []
    private let capacity: Int
    private var finished = false

    public init(path: String, compression: OutputCompression = .none, bufferSize: Int = 1 << 20) throws {
        self.path = path
        sink = try FileSink(path: path)
        encoder = compression == .gzip ? try GzipEncoder(sink: sink) : nil
        capacity = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    /// Appends UTF-8 text.
    @inline(__always)
    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { try flush() }
    }

    /// Appends one byte (e.g. a separator).
    @inline(__always)
    public func write(byte: UInt8) throws {
        buffer.append(byte)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends the decimal digits of `value` (no allocation).
    @inline(__always)
    public func write(integer value: Int) throws {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
            writeDigits(UInt(bitPattern: 0 &- value))  // also right for Int.min
        } else {
            writeDigits(UInt(value))
        }
        if buffer.count >= capacity { try flush() }
    }

    @inline(__always)
    private func writeDigits(_ value: UInt) {
        if value < 10 {
            buffer.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[23 - count] = UInt8(truncatingIfNeeded: v % 10) &+ 48
                v /= 10
                count += 1
            }
            buffer.append(contentsOf: raw[(24 - count)...])
        }
    }

    /// Writes the buffer out.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { raw in
            if let encoder { try encoder.write(raw) } else { try sink.write(raw) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes the compressor and the file, and returns the SHA-256 (hex) and size of the
    /// file on disk.
    @discardableResult
    public func finish() throws -> (sha256: String, bytes: Int) {
        precondition(!finished, "OutputFile.finish() called twice")
        finished = true
        try flush()
        try encoder?.finish()
        let digest = try sink.finish()
        return (digest, sink.bytesWritten)
    }
}
