#if canImport(Glibc)
import Glibc
#endif

/// A byte destination that writes a file and computes the SHA-256 of exactly the bytes it
/// writes (the bytes on disk), so a manifest can record checksums without reading files back.
public final class FileSink {
    public let path: String
    private var descriptor: Int32
    private var hasher = SHA256()
    public private(set) var bytesWritten: Int = 0

    /// Creates (or truncates) `path` with mode 0644.
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw DataError("cannot_write", file: path, "cannot create the file: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Writes all of `bytes` (retrying short writes).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0, let base = bytes.baseAddress else { return }
        hasher.update(bufferPointer: bytes)
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot_write", file: path, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        bytesWritten += bytes.count
    }

    /// Flushes to stable storage, closes, and returns the lowercase hex SHA-256 of the content.
    public func finish() throws -> String {
        if descriptor >= 0 {
            if fsync(descriptor) != 0 && errno != EINVAL {
                throw DataError("cannot_write", file: path, "fsync failed: \(String(cString: strerror(errno)))")
            }
            if Glibc.close(descriptor) != 0 {
                descriptor = -1
                throw DataError("cannot_write", file: path, "close failed: \(String(cString: strerror(errno)))")
            }
            descriptor = -1
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
