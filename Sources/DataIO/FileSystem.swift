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

    /// What is at a path (links followed), for an error that says why it is not the file wanted.
    public enum Kind: Sendable { case regularFile, folder, other, missing }

    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return exists(path) ? .other : .missing }   // a dangling link exists
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether two output paths name the same file: the same text, the same existing file (links
    /// followed), or the same name in the same existing folder (`out.html` and `./out.html`).
    public static func samePath(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        var x = stat(), y = stat()
        if stat(a, &x) == 0 && stat(b, &y) == 0 { return x.st_dev == y.st_dev && x.st_ino == y.st_ino }
        guard lastComponent(of: a) == lastComponent(of: b) else { return false }
        guard stat(parent(of: a), &x) == 0 && stat(parent(of: b), &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
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

    /// Where ``writeAtomically(to:_:)`` writes `path`: in place (a device, FIFO or socket), or a
    /// regular file (a link's target) replaced through a temporary sibling; a folder, a link to
    /// nothing or an empty path is refused.
    enum OutputTarget { case inPlace, replaced(String) }

    static func outputTarget(_ path: String) throws -> OutputTarget {
        guard !path.isEmpty else { throw DataError(.badOutput, "the output file path is empty") }
        var link = stat(), info = stat()
        let isLink = lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw DataError(.badOutput, file: path, "is a folder; expected a file name")
            case S_IFREG:
                if isLink, let resolved = realpath(path, nil) {
                    defer { free(resolved) }
                    return .replaced(String(cString: resolved))
                }
                return .replaced(path)
            default:
                return .inPlace
            }
        } else if isLink {
            throw DataError(.badOutput, file: path, "is a symbolic link to a file that does not exist")
        }
        return .replaced(path)
    }

    /// Checks, before any long work, what ``writeAtomically(to:_:)`` would find wrong with `path`
    /// only at the end: the refusals above, and a folder that does not exist or cannot be
    /// written to (the temporary sibling is made there). A command calls it for its outputs
    /// before it reads or trains anything, so a mistyped `--out` costs nothing.
    public static func checkWritable(_ path: String) throws {
        guard case .replaced(let target) = try outputTarget(path) else { return }
        let folder = parent(of: target)
        guard isDirectory(folder) else {
            throw DataError(.cannotWrite, file: path, "cannot create the file: the folder \(folder) does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw DataError(.cannotWrite, file: path, "cannot create the file in \(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// Streams `body`'s output to `path`, never leaving it half-written and never replacing
    /// something that is not a regular file:
    ///
    /// - a regular file or a new name: `body` writes a hidden temporary sibling
    ///   (`.NAME.partial-PID@HOST`), renamed into place only once complete; on an error or an
    ///   interruption (``InterruptCleanup``) it is removed, and temporaries left by processes
    ///   that no longer exist (killed) are removed by the next write to the same place;
    /// - a symbolic link is followed: its target is written (atomically, as above, when it is a
    ///   regular file), and the link stays a link;
    /// - a character device, FIFO or socket (`/dev/stdout`, `/dev/null`, a named pipe) is written
    ///   in place, as a shell redirection would (it cannot be replaced atomically, and must not be
    ///   turned into a regular file); a write error there (`/dev/full`) is reported;
    /// - a folder, or a symbolic link to nothing, is refused.
    ///
    /// Errors name `path`, never the temporary file.
    public static func writeAtomically(to path: String, _ body: (OutputFile) throws -> Void) throws {
        let target: String
        switch try outputTarget(path) {
        case .inPlace:
            do {
                let file = try OutputFile(path: path)
                try body(file)
                try file.finish()
            } catch var error as DataError {
                error.file = path
                throw error
            }
            return
        case .replaced(let file):
            target = file
        }
        let prefix = parent(of: target) + "/." + lastComponent(of: target) + ".partial-"
        removeAbandonedPartials(prefix: prefix)
        let temporary = prefix + temporarySuffix
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(temporary) }
        do {
            let file = try OutputFile(path: temporary)
            try body(file)
            try file.finish()
            if rename(temporary, target) != 0 {
                throw DataError(.cannotWrite, file: path, "cannot rename into place: \(String(cString: strerror(errno)))")
            }
        } catch var error as DataError {
            _ = unlink(temporary)
            if error.file == temporary { error.file = path }
            throw error
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// What names this process's temporaries: `PID@HOST`. The host is part of it because a
    /// work folder may be shared by several machines (a cluster's file system, `toolkit
    /// run-task` on many nodes): a process id means something only on its own host.
    public static let temporarySuffix: String = "\(getpid())@\(hostName)"

    /// This machine's host name (`gethostname`), with `/` and `@` replaced, or `localhost`.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let cleaned = String(name.map { $0 == "/" || $0 == "@" ? "_" : $0 })
        return cleaned.isEmpty ? "localhost" : cleaned
    }()

    /// Removes files and folders named `PREFIX<pid>@<host>` (or `PREFIX<pid>`, or either with
    /// `.old`) whose process no longer exists on this host: the temporaries of writes that were
    /// killed (SIGKILL, a crash) before they could clean up. Another host's temporaries are
    /// left alone: whether their process lives cannot be known from here.
    public static func removeAbandonedPartials(prefix: String) {
        let folder = parent(of: prefix + "x")
        let namePrefix = lastComponent(of: prefix + "x").dropLast()
        guard let names = entries(of: folder) else { return }
        var abandoned: [String] = []
        for name in names {
            guard name.hasPrefix(namePrefix) else { continue }
            let rest = name.dropFirst(namePrefix.count)
            var owner = rest.hasSuffix(".old") ? rest.dropLast(4) : rest
            if let at = owner.firstIndex(of: "@") {
                guard owner[owner.index(after: at)...] == hostName[...] else { continue }
                owner = owner[..<at]
            }
            guard let pid = Int32(owner), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { abandoned.append(folder + "/" + name) }
        }
        for path in abandoned { try? removeTree(path) }
    }

    /// The names in `folder` (without `.` and `..`, in the order the system gives), or nil when
    /// it cannot be opened (`errno` says why).
    public static func entries(of folder: String) -> [String]? {
        guard let dir = opendir(folder) else { return nil }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        return names
    }

    /// Removes a file or a folder with everything in it (like `rm -rf`, without following links).
    public static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard let children = entries(of: path) else {
                throw DataError(.cannotWrite, file: path, "cannot open folder: \(String(cString: strerror(errno)))")
            }
            for child in children { try removeTree(path + "/" + child) }
            if rmdir(path) != 0 {
                throw DataError(.cannotWrite, file: path, "cannot remove folder: \(String(cString: strerror(errno)))")
            }
        } else if unlink(path) != 0 {
            throw DataError(.cannotWrite, file: path, "cannot remove: \(String(cString: strerror(errno)))")
        }
    }
}


extension FileSystem {
    /// The SHA-256 (lowercase hex) of a file's bytes as stored (not decompressed).
    public static func sha256(of path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DataError(.cannotOpen, file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(descriptor, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError(.cannotOpen, file: path, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hasher.hexDigest()
    }
}
