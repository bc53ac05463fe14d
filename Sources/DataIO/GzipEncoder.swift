import CArchive

/// Gzip-compresses a byte stream through libarchive (raw format, gzip filter) into a
/// ``FileSink``. The gzip header's timestamp and original name are left out, so the same input
/// always gives the same compressed bytes.
final class GzipEncoder {
    private var archive: OpaquePointer?
    private let sink: FileSink
    private var error: DataError?

    init(sink: FileSink, level: Int = 6) throws {
        self.sink = sink
        guard let a = archive_write_new() else {
            throw DataError(.internal, file: sink.path, "libarchive could not allocate a writer")
        }
        archive = a
        archive_write_add_filter_gzip(a)
        archive_write_set_format_raw(a)
        archive_write_set_bytes_per_block(a, 1 << 16)
        archive_write_set_bytes_in_last_block(a, 1)  // no padding after the stream
        _ = archive_write_set_filter_option(a, "gzip", "timestamp", nil)  // nil value = turn off
        _ = archive_write_set_filter_option(a, "gzip", "compression-level", "\(level)")
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        guard archive_write_open2(a, opaque, nil, gzipWriteCallback, nil, nil) == ARCHIVE_OK else {
            throw DataError(.cannotWrite, file: sink.path, "libarchive: \(GzipEncoder.errorString(a))")
        }
        let entry = archive_entry_new()
        defer { archive_entry_free(entry) }
        archive_entry_set_filetype(entry, 0o100000)  // AE_IFREG (not imported into Swift)
        archive_entry_set_pathname(entry, "data")
        guard archive_write_header(a, entry) == ARCHIVE_OK else {
            throw DataError(.cannotWrite, file: sink.path, "libarchive: \(GzipEncoder.errorString(a))")
        }
    }

    deinit {
        if let a = archive { archive_write_free(a) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let a = archive, let base = bytes.baseAddress, bytes.count > 0 else { return }
        let n = archive_write_data(a, base, bytes.count)
        if let error { throw error }
        if n < 0 {
            throw DataError(.cannotWrite, file: sink.path, "libarchive: \(GzipEncoder.errorString(a))")
        }
    }

    func finish() throws {
        guard let a = archive else { return }
        let status = archive_write_close(a)
        if let error { throw error }
        if status != ARCHIVE_OK {
            throw DataError(.cannotWrite, file: sink.path, "libarchive: \(GzipEncoder.errorString(a))")
        }
        archive_write_free(a)
        archive = nil
    }

    fileprivate func forward(_ bytes: UnsafeRawBufferPointer) -> Int {
        do {
            try sink.write(bytes)
            return bytes.count
        } catch let e as DataError {
            error = e
            return -1
        } catch {
            return -1
        }
    }

    private static func errorString(_ a: OpaquePointer) -> String {
        archive_error_string(a).map { String(cString: $0) } ?? "unknown error"
    }
}

private func gzipWriteCallback(_ archive: OpaquePointer?, _ data: UnsafeMutableRawPointer?,
                               _ buffer: UnsafeRawPointer?, _ length: Int) -> Int {
    let encoder = Unmanaged<GzipEncoder>.fromOpaque(data!).takeUnretainedValue()
    return encoder.forward(UnsafeRawBufferPointer(start: buffer, count: length))
}
