import CArchive

/// Every regular member of a `.zip` or `.tar(.gz)` archive, by name, decompressed (for small
/// archives read whole, such as numpy's `.npz`: a zip of `.npy` arrays). ``ArchiveReader``
/// reads only the first member; this reads them all.
public enum ArchiveMembers {
    /// The members in archive order. Throws `cannot_open` for a missing file and
    /// `truncated_input` for a damaged archive.
    public static func read(_ path: String) throws -> [(name: String, bytes: [UInt8])] {
        guard let a = archive_read_new() else { throw DataError(.internal, file: path, "libarchive could not allocate a reader") }
        defer { archive_read_free(a) }
        archive_read_support_filter_all(a)
        archive_read_support_format_zip(a)
        archive_read_support_format_tar(a)
        guard archive_read_open_filename(a, path, 1 << 20) == ARCHIVE_OK else {
            let reason = archive_error_string(a).map { String(cString: $0) } ?? "unknown error"
            if FileSystem.isRegularFile(path) {
                throw DataError(.truncatedInput, file: path, "not a readable zip or tar archive: \(reason)")
            }
            throw DataError(.cannotOpen, file: path, "cannot open: \(reason)")
        }
        var members: [(String, [UInt8])] = []
        var entry: OpaquePointer?
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let status = archive_read_next_header(a, &entry)
            if status == ARCHIVE_EOF { break }
            if status < ARCHIVE_WARN {
                let reason = archive_error_string(a).map { String(cString: $0) } ?? "unknown error"
                throw DataError(.truncatedInput, file: path, "the archive is truncated or corrupt: \(reason)")
            }
            guard archive_entry_filetype(entry) == 0o100000, let cName = archive_entry_pathname(entry) else { continue }
            var bytes: [UInt8] = []
            while true {
                let n = chunk.withUnsafeMutableBytes { archive_read_data(a, $0.baseAddress, $0.count) }
                if n < 0 {
                    let reason = archive_error_string(a).map { String(cString: $0) } ?? "unknown error"
                    throw DataError(.truncatedInput, file: path, "the archive is truncated or corrupt: \(reason)")
                }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
            members.append((String(cString: cName), bytes))
        }
        return members
    }
}
