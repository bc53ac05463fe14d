import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// Checks a gzip file end to end as `gzip -t` does: every member's CRC-32 and length (the
/// 8-byte trailer) against the data it decompresses to.
///
/// libarchive decompresses gzip without checking the trailer (its gzip reader skips it), so a
/// flipped bit that still inflates to valid text was read as good data. ``ArchiveReader`` calls
/// this when it reaches the end of a gzip-compressed input. It is zlib's own inflate in gzip
/// mode (which verifies each member's trailer), run over the file once more with the output
/// discarded: about 0.2 s per 100 MB of decompressed data, next to the parsing.
public enum GzipIntegrity {
    /// Throws a `DataError` (`corrupt_input`) naming `path` when a member's CRC or length does
    /// not match, or the stream is damaged or cut short.
    public static func verify(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DataError(.cannotOpen, file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var stream = z_stream()
        // 16 + MAX_WBITS: a gzip wrapper (header and trailer checked).
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError(.internal, file: path, "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let inputSize = 1 << 20, outputSize = 1 << 20
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inputSize)
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: outputSize)
        defer {
            input.deallocate()
            output.deallocate()
        }
        var atMemberEnd = false
        while true {
            let n = read(descriptor, input, inputSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError(.cannotOpen, file: path, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            stream.next_in = input
            stream.avail_in = UInt32(n)
            while stream.avail_in > 0 {
                if atMemberEnd {
                    // Another member follows (concatenated gzip files are one gzip file).
                    guard inflateReset(&stream) == Z_OK else { throw DataError(.internal, file: path, "zlib could not restart") }
                    atMemberEnd = false
                }
                stream.next_out = output
                stream.avail_out = UInt32(outputSize)
                let status = inflate(&stream, Z_NO_FLUSH)
                switch status {
                case Z_OK, Z_BUF_ERROR:
                    continue
                case Z_STREAM_END:
                    atMemberEnd = true
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw DataError(.corruptInput, file: path, "the gzip data is corrupt (\(reason)); `gzip -t` reports the same")
                }
            }
        }
        guard atMemberEnd else {
            throw DataError(.corruptInput, file: path, "the gzip data is cut short (no end of stream); `gzip -t` reports the same")
        }
    }
}
