import CArchive
#if canImport(Glibc)
import Glibc
#endif

/// Reads the bytes of a file through libarchive, so plain, `.gz`, `.Z` (unix compress), `.bz2`,
/// `.xz`, `.zst` files and the first regular member of a `.zip` or `.tar(.gz)` all read the same
/// way, decompressed as a stream.
///
/// libarchive's `format_all` is deliberately not enabled: it would read a plain CSV as an "mtree"
/// archive. The formats enabled are `raw` (one plain stream, possibly compressed), `empty`,
/// `zip` and `tar`.
public final class ArchiveReader {
    /// The path as the user gave it (used in error messages).
    public let path: String
    private var archive: OpaquePointer?
    private var finished = false
    /// True when the file is one plain, uncompressed stream (no filter, no zip or tar), so
    /// its bytes can also be read directly at any offset (``CSVReader`` splits such files).
    public private(set) var isPlainFile = false

    /// Opens `path`. Throws a ``DataError`` (`cannot_open`) if it does not exist, is not
    /// readable, or is an archive with no regular member.
    public init(path: String, blockSize: Int = 1 << 20) throws {
        self.path = path
        guard let a = archive_read_new() else {
            throw DataError(.internal, file: path, "libarchive could not allocate a reader")
        }
        archive = a
        archive_read_support_filter_all(a)
        archive_read_support_format_raw(a)
        archive_read_support_format_empty(a)
        archive_read_support_format_zip(a)
        archive_read_support_format_tar(a)
        if archive_read_open_filename(a, path, blockSize) != ARCHIVE_OK {
            let reason = ArchiveReader.errorString(a)
            let code = archive_errno(a)
            close()
            if [EACCES, EPERM, ENOENT, EISDIR, ENOTDIR, ELOOP].contains(code) {
                throw DataError(.cannotOpen, file: path, "cannot open: \(String(cString: strerror(code)))")
            }
            if FileSystem.isRegularFile(path) {
                // libarchive reads the first block to recognise the format: a file that exists
                // but fails here is damaged.
                throw DataError(.truncatedInput, file: path, "the file is truncated or corrupt: \(reason)")
            }
            throw DataError(.cannotOpen, file: path, "cannot open: \(reason)")
        }
        // Position at the first regular entry (the single stream for plain/compressed files).
        var entry: OpaquePointer?
        while true {
            let status = archive_read_next_header(a, &entry)
            if status == ARCHIVE_EOF {
                // An empty file reads as format "empty" with no entry: treat it as zero bytes.
                finished = true
                return
            }
            if status < ARCHIVE_WARN {
                let reason = ArchiveReader.errorString(a)
                close()
                // The file opened, so its content is what is wrong.
                throw DataError(.truncatedInput, file: path, "the file is truncated or corrupt: \(reason)")
            }
            // Regular files, and the raw format's single entry (whose type is unset).
            let type = archive_entry_filetype(entry)
            if type == 0o100000 || type == 0 { break }
        }
        try checkNameMatchesContent(a)
        isPlainFile = archive_filter_count(a) == 1 && archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE
            && archive_format(a) == ARCHIVE_FORMAT_RAW
    }

    /// The file-name suffixes that promise a compression, and libarchive's code for it.
    static let promisedFilters: [(suffix: String, code: Int32, name: String)] = [
        (".gz", ARCHIVE_FILTER_GZIP, "gzip"), (".Z", ARCHIVE_FILTER_COMPRESS, "unix compress"),
        (".bz2", ARCHIVE_FILTER_BZIP2, "bzip2"), (".xz", ARCHIVE_FILTER_XZ, "xz"), (".zst", ARCHIVE_FILTER_ZSTD, "zstd"),
    ]

    /// A file named `.Z` (or `.gz`, ...) whose content is not that compression is almost always a
    /// broken download or a mislabelled file: reading it as plain text would give confusing
    /// errors later, so it is refused here.
    private func checkNameMatchesContent(_ a: OpaquePointer) throws {
        guard let promise = ArchiveReader.promisedFilters.first(where: { path.hasSuffix($0.suffix) }) else { return }
        // Filter 0 is the outermost; the last one is the "none" of the raw bytes.
        let filters = archive_filter_count(a)
        let codes = (0..<filters).map { archive_filter_code(a, $0) }
        if !codes.contains(promise.code) {
            close()
            throw DataError(.notCompressed, file: path,
                            "the name ends in \(promise.suffix) but the content is not \(promise.name) data (a broken download or a renamed file?)")
        }
    }

    deinit { close() }

    /// Reads up to `buffer.count` decompressed bytes; returns 0 at the end. A truncated or
    /// corrupt stream throws `DataError(.truncatedInput)`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let a = archive, let base = buffer.baseAddress else { return 0 }
        let n = archive_read_data(a, base, buffer.count)
        if n < 0 {
            let reason = ArchiveReader.errorString(a)
            finished = true
            throw DataError(.truncatedInput, file: path,
                            "the file is truncated or corrupt: \(reason)")
        }
        if n == 0 {
            finished = true
            // An archive (zip, tar) must hold exactly one file: a second one would be ignored.
            if archive_format(a) != ARCHIVE_FORMAT_RAW && archive_format(a) != ARCHIVE_FORMAT_EMPTY {
                var entry: OpaquePointer?
                while archive_read_next_header(a, &entry) == ARCHIVE_OK {
                    let type = archive_entry_filetype(entry)
                    if type == 0o100000 {
                        let name = archive_entry_pathname(entry).map { String(cString: $0) } ?? "?"
                        throw DataError(.badArchive, file: path, "the archive holds more than one file (also '\(name)'); give a single file or an archive of one")
                    }
                }
            }
            // libarchive does not check gzip's CRC-32 and length: check them at the end.
            if (0..<archive_filter_count(a)).contains(where: { archive_filter_code(a, $0) == ARCHIVE_FILTER_GZIP }) {
                try GzipIntegrity.verify(path)
            }
        }
        return n
    }

    /// Reads everything that is left (for small files: recipes, manifests, split lists).
    public func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    /// The SHA-256 (hex) of everything left to read, decompressed.
    public func contentSHA256() throws -> String {
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try read(into: buffer)
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hasher.hexDigest()
    }

    /// Releases libarchive's resources (also done on deinit).
    public func close() {
        if let a = archive {
            archive_read_free(a)
            archive = nil
        }
    }

    private static func errorString(_ a: OpaquePointer) -> String {
        if let message = archive_error_string(a) { return String(cString: message) }
        return "unknown libarchive error"
    }
}
