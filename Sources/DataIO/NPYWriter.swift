#if canImport(Glibc)
import Glibc
#endif

/// Writes a 2-D (or 1-D) array in NumPy's `.npy` format, version 1.0, row by row, so
/// `numpy.load` reads it: little-endian float64 (`<f8`) or int8 (`|i1`), C order.
///
/// The format is a magic string, a small header (a Python dict literal with `descr`,
/// `fortran_order` and `shape`) padded to 128 bytes, then the raw values. It is written here by
/// hand because no library in the toolkit's stack writes it and the format is this small. The
/// number of rows is not known until the end, so the header is written with room to spare and
/// rewritten in place by ``finish()``.
public final class NPYWriter {
    public enum DType: String, Sendable {
        case float64 = "<f8"
        case int8 = "|i1"

        var size: Int { self == .float64 ? 8 : 1 }
    }

    public let path: String
    public let columns: Int?
    public let dtype: DType
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawPointer
    private let capacity = 1 << 20
    private let state: UnsafeMutablePointer<(fill: Int, values: Int)>
    static let headerSize = 128

    /// - Parameter columns: the row width for a 2-D array, nil for a 1-D vector.
    public init(path: String, columns: Int?, dtype: DType) throws {
        self.path = path
        self.columns = columns
        self.dtype = dtype
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw DataError(.cannotWrite, file: path, "cannot create the file: \(String(cString: strerror(errno)))")
        }
        buffer = .allocate(byteCount: capacity, alignment: 16)
        state = .allocate(capacity: 1)
        state.initialize(to: (0, 0))
        try writeAll(header(rows: 0), at: nil)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
        state.deallocate()
    }

    @inline(__always)
    public func append(_ value: Double) throws {
        if state.pointee.fill + 8 > capacity { try flush() }
        buffer.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: state.pointee.fill, as: UInt64.self)
        state.pointee.fill += 8
        state.pointee.values += 1
    }

    @inline(__always)
    public func append(int8 value: Int8) throws {
        if state.pointee.fill + 1 > capacity { try flush() }
        buffer.storeBytes(of: value, toByteOffset: state.pointee.fill, as: Int8.self)
        state.pointee.fill += 1
        state.pointee.values += 1
    }

    /// Writes the remaining values, the final header, and returns the SHA-256 and size of the file.
    public func finish() throws -> (sha256: String, bytes: Int) {
        try flush()
        let values = state.pointee.values
        let rows = columns.map { $0 == 0 ? 0 : values / $0 } ?? values
        if let columns, columns > 0, values % columns != 0 {
            throw DataError(.internal, file: path, "\(values) values do not fill rows of \(columns)")
        }
        try writeAll(header(rows: rows), at: 0)
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw DataError(.cannotWrite, file: path, "fsync failed: \(String(cString: strerror(errno)))")
        }
        return (try FileSystem.sha256(of: path), NPYWriter.headerSize + values * dtype.size)
    }

    private func flush() throws {
        let n = state.pointee.fill
        guard n > 0 else { return }
        try writeAll(Array(UnsafeRawBufferPointer(start: buffer, count: n)), at: nil)
        state.pointee.fill = 0
    }

    /// The 128-byte header for `rows` rows.
    func header(rows: Int) -> [UInt8] { NPYWriter.header(rows: rows, columns: columns, dtype: dtype) }

    /// The 128-byte header of a file with `rows` rows of `columns` values (nil: a vector), as
    /// ``finish()`` writes it.
    public static func header(rows: Int, columns: Int?, dtype: DType) -> [UInt8] {
        let shape = columns.map { "(\(rows), \($0))" } ?? "(\(rows),)"
        var dict = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shape), }"
        let fixed = 10  // magic (6) + version (2) + header length (2)
        while fixed + dict.utf8.count + 1 < NPYWriter.headerSize { dict += " " }
        dict += "\n"
        let length = UInt16(dict.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(dict.utf8)
    }

    private func writeAll(_ bytes: [UInt8], at offset: Int?) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = offset.map { pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t($0 + done)) }
                    ?? write(descriptor, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DataError(.cannotWrite, file: path, "write failed: \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }
}
