#if canImport(Glibc)
import Glibc
#endif

/// The few file-system operations the toolkit needs, on POSIX calls (Foundation's FileManager is
/// avoided in the libraries to keep them light and their errors precise).
public enum FileSystem {
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The folder part of `path` (`"."` for a bare name).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last path component.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Reads a whole (small) file through ``ArchiveReader`` (so it may be compressed).
    public static func readText(_ path: String) throws -> String {
        let reader = try ArchiveReader(path: path)
        defer { reader.close() }
        return String(decoding: try reader.readAll(), as: UTF8.self)
    }

    /// Writes `text` to `path` atomically: a temporary sibling is written, synced and renamed.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(to: path) { try $0.write(text) }
    }

    /// Streams `body`'s output to `path` atomically: `body` writes a temporary sibling, which is
    /// renamed into place only once complete; on any error it is removed.
    public static func writeAtomically(to path: String, _ body: (OutputFile) throws -> Void) throws {
        let temporary = parent(of: path) + "/." + lastComponent(of: path) + ".partial-\(getpid())"
        do {
            let file = try OutputFile(path: temporary)
            try body(file)
            try file.finish()
            if rename(temporary, path) != 0 {
                throw DataError("cannot_write", file: path, "cannot rename into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// Removes a file or a folder with everything in it (like `rm -rf`, without following links).
    public static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard let dir = opendir(path) else {
                throw DataError("cannot_write", file: path, "cannot open folder: \(String(cString: strerror(errno)))")
            }
            var children: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { children.append(name) }
            }
            closedir(dir)
            for child in children { try removeTree(path + "/" + child) }
            if rmdir(path) != 0 {
                throw DataError("cannot_write", file: path, "cannot remove folder: \(String(cString: strerror(errno)))")
            }
        } else if unlink(path) != 0 {
            throw DataError("cannot_write", file: path, "cannot remove: \(String(cString: strerror(errno)))")
        }
    }
}

import Crypto

extension FileSystem {
    /// The SHA-256 (lowercase hex) of a file's bytes as stored (not decompressed).
    public static func sha256(of path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DataError("cannot_open", file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(descriptor, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot_open", file: path, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
