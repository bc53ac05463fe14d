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
/// Text is appended to a 1 MiB buffer with fast paths for single bytes and integers; the buffer
/// goes to the file (or the compressor) when full and on ``finish()``.
///
/// The buffer and its fill count live behind a pointer rather than in class properties: writers
/// call this tens of millions of times per dataset, and a class's `var` properties cost a dynamic
/// exclusivity check on every access (measured at a quarter of generation time).
public final class OutputFile {
    public let path: String
    private let sink: FileSink
    private let encoder: GzipEncoder?
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private let fill: UnsafeMutablePointer<Int>
    private let finished: UnsafeMutablePointer<Bool>

    public init(path: String, compression: OutputCompression = .none, bufferSize: Int = 1 << 20) throws {
        self.path = path
        sink = try FileSink(path: path)
        encoder = compression == .gzip ? try GzipEncoder(sink: sink) : nil
        capacity = max(bufferSize, 64)
        buffer = .allocate(capacity: capacity)
        fill = .allocate(capacity: 1)
        fill.initialize(to: 0)
        finished = .allocate(capacity: 1)
        finished.initialize(to: false)
    }

    deinit {
        buffer.deallocate()
        fill.deallocate()
        finished.deallocate()
    }

    /// Appends raw bytes.
    @inline(__always)
    public func write(bytes: UnsafeRawBufferPointer) throws {
        let n = bytes.count
        if fill.pointee + n > capacity { try flush() }
        if n > capacity {
            if let encoder { try encoder.write(bytes) } else { try sink.write(bytes) }
            return
        }
        if n > 0 {
            UnsafeMutableRawPointer(buffer + fill.pointee).copyMemory(from: bytes.baseAddress!, byteCount: n)
            fill.pointee += n
        }
    }

    /// Appends UTF-8 text.
    @inline(__always)
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends one byte (e.g. a separator).
    @inline(__always)
    public func write(byte: UInt8) throws {
        if fill.pointee == capacity { try flush() }
        buffer[fill.pointee] = byte
        fill.pointee += 1
    }

    /// Appends the decimal digits of `value` (no allocation).
    @inline(__always)
    public func write(integer value: Int) throws {
        if fill.pointee + 21 > capacity { try flush() }
        var magnitude = value.magnitude
        var position = fill.pointee
        if value < 0 {
            buffer[position] = UInt8(ascii: "-")
            position += 1
        }
        // Count digits, then fill from the right.
        var digits = 1
        var probe = magnitude
        while probe >= 10 { probe /= 10; digits += 1 }
        var index = position + digits - 1
        repeat {
            buffer[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
            magnitude /= 10
            index -= 1
        } while magnitude > 0
        fill.pointee = position + digits
    }

    /// Appends a number: integral values below 10^15 as integers (`3`, not `3.0`), others in
    /// Swift's shortest round-trip form (`0.11`, `1e-05`), which `float()` and `strtod` read back
    /// exactly.
    @inline(__always)
    public func write(double value: Double) throws {
        if value.magnitude < 1e15 && value == value.rounded(.towardZero) {
            try write(integer: Int(value))
        } else {
            try write(value.description)
        }
    }

    /// Writes the buffer out.
    public func flush() throws {
        let n = fill.pointee
        guard n > 0 else { return }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: n)
        if let encoder { try encoder.write(bytes) } else { try sink.write(bytes) }
        fill.pointee = 0
    }

    /// Flushes, closes the compressor and the file, and returns the SHA-256 (hex) and size of the
    /// file on disk.
    @discardableResult
    public func finish() throws -> (sha256: String, bytes: Int) {
        precondition(!finished.pointee, "OutputFile.finish() called twice")
        finished.pointee = true
        try flush()
        try encoder?.finish()
        let digest = try sink.finish()
        return (digest, sink.bytesWritten)
    }
}
