#if canImport(Glibc)
import Glibc
#endif

/// An output folder that appears complete or not at all.
///
/// Files are written into a hidden temporary sibling (`.NAME.partial-PID@HOST`) and the folder is
/// renamed into place by ``commit()``. If the process fails before that, ``discard()`` (or the
/// next run) removes the temporary folder and the destination is untouched. An existing
/// destination is refused unless `force` is set; with `force`, it is replaced only after the new
/// folder is complete.
public final class AtomicDirectory {
    /// The final location.
    public let destination: String
    /// Where files are written until ``commit()``.
    public let staging: String
    private let force: Bool
    private var committed = false

    public init(destination: String, force: Bool) throws {
        var destination = destination
        while destination.count > 1 && destination.hasSuffix("/") { destination.removeLast() }
        guard !destination.isEmpty else {
            throw DataError(.badOutput, "the output folder path is empty")
        }
        self.destination = destination
        self.force = force
        if FileSystem.exists(destination) {
            guard force else {
                // --force replaces only a folder (checkReplaceable): do not suggest it for a file.
                throw DataError(.outputExists, file: destination, FileSystem.isDirectory(destination)
                                ? "the output folder already exists (use --force to replace it)"
                                : "exists and is not a folder; give --out a folder path (--force replaces only a dataset folder)")
            }
            try Self.checkReplaceable(destination)
        }
        let parent = FileSystem.parent(of: destination)
        if !FileSystem.isDirectory(parent) {
            throw DataError(.badOutput, file: destination,
                            "the parent folder \(parent) does not exist")
        }
        let name = FileSystem.lastComponent(of: destination)
        let prefix = (parent == "." && !destination.hasPrefix("./") ? "" : parent + "/") + ".\(name).partial-"
        staging = prefix + FileSystem.temporarySuffix
        AtomicDirectory.removeAbandoned(prefix: prefix)
        if FileSystem.exists(staging) { try FileSystem.removeTree(staging) }
        if mkdir(staging, 0o755) != 0 {
            // Named by the folder the user asked for (the hidden staging name means nothing to them).
            throw DataError(.cannotWrite, file: destination,
                            "cannot create the folder (in \(parent)): \(String(cString: strerror(errno)))")
        }
        InterruptCleanup.register(staging)
    }

    deinit {
        if !committed { discard() }
    }

    /// The path of `name` inside the staging folder.
    public func path(_ name: String) -> String { staging + "/" + name }

    /// Moves the finished folder into place (replacing an existing one when forced).
    public func commit() throws {
        var backup: String?
        if FileSystem.exists(destination) {
            guard force else {
                throw DataError(.outputExists, file: destination,
                                "the output folder appeared while writing (use --force to replace it)")
            }
            try Self.checkReplaceable(destination)
            let old = staging + ".old"
            if rename(destination, old) != 0 {
                throw DataError(.cannotWrite, file: destination,
                                "cannot move the old folder aside: \(String(cString: strerror(errno)))")
            }
            backup = old
        }
        if rename(staging, destination) != 0 {
            let reason = String(cString: strerror(errno))
            if let backup { _ = rename(backup, destination) }
            throw DataError(.cannotWrite, file: destination, "cannot move the new folder into place: \(reason)")
        }
        committed = true
        InterruptCleanup.unregister(staging)
        if let backup { try? FileSystem.removeTree(backup) }
    }

    /// `--force` replaces a dataset folder this tool wrote, and nothing else: not a file, a
    /// symbolic link, or a folder without the toolkit's manifest.
    static func checkReplaceable(_ destination: String) throws {
        var info = stat()
        if lstat(destination, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            throw DataError(.outputExists, file: destination, "is a symbolic link; --force replaces only a dataset folder written by toolkit")
        }
        guard FileSystem.isDirectory(destination) else {
            throw DataError(.outputExists, file: destination, "is a file, not a dataset folder; --force replaces only a dataset folder written by toolkit")
        }
        guard isToolkitDataset(destination) else {
            throw DataError(.outputExists, file: destination, "is a folder without a toolkit manifest.json; --force replaces only a dataset folder written by toolkit")
        }
    }

    /// Removes the staging folder (nothing is left behind).
    public func discard() {
        try? FileSystem.removeTree(staging)
        InterruptCleanup.unregister(staging)
    }

    /// Removes temporary folders of earlier runs into the same destination whose process no
    /// longer exists (killed with SIGKILL, or a crash).
    static func removeAbandoned(prefix: String) {
        FileSystem.removeAbandonedPartials(prefix: prefix)
    }

    /// Whether `path` is a dataset folder this tool wrote: a folder with a `manifest.json` that
    /// names the toolkit version it was written by. `--force` replaces nothing else.
    public static func isToolkitDataset(_ path: String) -> Bool {
        guard FileSystem.isDirectory(path), FileSystem.isRegularFile(path + "/manifest.json"),
              let text = try? FileSystem.readText(path + "/manifest.json") else { return false }
        return text.contains("\"toolkit_version\"")
    }
}
