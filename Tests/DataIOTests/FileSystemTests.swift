import Dispatch
import Foundation
import Testing
@testable import DataIO
import TestSupport

/// `FileSystem.writeAtomically`: outputs appear whole, and nothing that is not a regular file is
/// ever replaced (issue 19: `-o /dev/full` turned the device into a file, `-o LINK` replaced the link).
@Suite struct FileSystemTests {
    @Test func entriesListAFolder() throws {
        let folder = temporaryPath(prefix: "toolkit-fs-")
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try FileSystem.writeAtomically("x", to: folder + "/a.csv")
        #expect(FileSystem.entries(of: folder)?.sorted() == ["a.csv", "sub"])
        #expect(FileSystem.entries(of: folder + "/missing") == nil)
    }

    @Test func aRegularFileIsReplacedWhole() throws {
        let root = temporaryFolder()
        try FileSystem.writeAtomically("old", to: root + "/out.csv")
        try FileSystem.writeAtomically("new", to: root + "/out.csv")
        #expect(try String(contentsOfFile: root + "/out.csv", encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["out.csv"])
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let root = temporaryFolder()
        try FileSystem.writeAtomically("old", to: root + "/out.csv")
        struct Boom: Error {}
        #expect(throws: Boom.self) { try FileSystem.writeAtomically(to: root + "/out.csv") { file in try file.write("half"); throw Boom() } }
        #expect(try String(contentsOfFile: root + "/out.csv", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["out.csv"])
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        let root = temporaryFolder()
        try "old".write(toFile: root + "/target.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/link.csv", withDestinationPath: "target.csv")
        try FileSystem.writeAtomically("new", to: root + "/link.csv")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/link.csv") == "target.csv")
        #expect(try String(contentsOfFile: root + "/target.csv", encoding: .utf8) == "new")
    }

    @Test func aNamedPipeIsWrittenInPlace() throws {
        let root = temporaryFolder()
        let fifo = root + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data("unreadable".utf8)
            box.text = String(decoding: data, as: UTF8.self)
            done.signal()
        }
        try FileSystem.writeAtomically("id,score\n1,0.5\n", to: fifo)
        done.wait()
        #expect(box.text == "id,score\n1,0.5\n")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFullDeviceIsAnErrorNamingItAndStaysADevice() throws {
        let error = #expect(throws: DataError.self) { try FileSystem.writeAtomically("id,score\n", to: "/dev/full") }
        #expect(error?.file == "/dev/full" && error?.message.contains("write failed") == true)
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    @Test func foldersDanglingLinksAndEmptyPathsAreRefused() throws {
        let root = temporaryFolder()
        #expect(throws: DataError.self) { try FileSystem.writeAtomically("x", to: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: "nowhere")
        let error = #expect(throws: DataError.self) { try FileSystem.writeAtomically("x", to: root + "/dangling") }
        #expect(error?.message.contains("symbolic link to a file that does not exist") == true)
        #expect(throws: DataError.self) { try FileSystem.writeAtomically("x", to: "") }
    }

    /// `checkWritable` finds, before any work, what the write would refuse at its end; what the
    /// write accepts, it accepts (and it writes nothing).
    @Test func checkWritableRefusesWhatTheWriteWouldAndWritesNothing() throws {
        let root = temporaryFolder()
        try FileSystem.checkWritable(root + "/new.csv")
        try FileSystem.checkWritable("/dev/null")
        try "old".write(toFile: root + "/old.csv", atomically: false, encoding: .utf8)
        try FileSystem.checkWritable(root + "/old.csv")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["old.csv"])
        let missing = #expect(throws: DataError.self) { try FileSystem.checkWritable(root + "/nodir/out.csv") }
        #expect(missing?.file == root + "/nodir/out.csv" && missing?.message.contains("folder \(root)/nodir does not exist") == true)
        let folder = #expect(throws: DataError.self) { try FileSystem.checkWritable(root) }
        #expect(folder?.message.contains("is a folder") == true)
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: "nowhere")
        #expect(throws: DataError.self) { try FileSystem.checkWritable(root + "/dangling") }
        #expect(throws: DataError.self) { try FileSystem.checkWritable("") }
        if geteuid() != 0 {   // root may write anywhere
            try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
            #expect(throws: DataError.self) { try FileSystem.checkWritable(root + "/locked/out.csv") }
        }
    }

    @Test func kindOfAPath() throws {
        let root = temporaryFolder()
        try "x".write(toFile: root + "/f", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: "nowhere")
        #expect(FileSystem.kind(of: root + "/f") == .regularFile)
        #expect(FileSystem.kind(of: root) == .folder)
        #expect(FileSystem.kind(of: "/dev/null") == .other)
        #expect(FileSystem.kind(of: root + "/dangling") == .other)
        #expect(FileSystem.kind(of: root + "/none") == .missing)
    }

    @Test func errorsNameTheTargetNotTheTemporary() throws {
        let error = #expect(throws: DataError.self) { try FileSystem.writeAtomically("x", to: "/nonexistent-folder/out.csv") }
        #expect(error?.file == "/nonexistent-folder/out.csv")
    }

    /// The temporary of a write that was killed (its process is gone) is removed by the next
    /// write to the same place.
    @Test func temporariesOfDeadProcessesAreRemoved() throws {
        let root = temporaryFolder()
        let stale = root + "/.out.csv.partial-\(try Self.deadProcessID())"
        try "half".write(toFile: stale, atomically: false, encoding: .utf8)
        try FileSystem.writeAtomically("whole", to: root + "/out.csv")
        #expect(!FileSystem.exists(stale))
    }

    /// On a work folder shared by several machines a process id means something only on its
    /// own host: a dead process's temporary of this host is removed, another host's is kept.
    @Test func temporariesOfOtherHostsAreKept() throws {
        let root = temporaryFolder()
        let dead = try Self.deadProcessID()
        let mine = root + "/.out.csv.partial-\(dead)@\(FileSystem.hostName)"
        let theirs = root + "/.out.csv.partial-\(dead)@another-node"
        try "half".write(toFile: mine, atomically: false, encoding: .utf8)
        try "half".write(toFile: theirs, atomically: false, encoding: .utf8)
        try FileSystem.writeAtomically("whole", to: root + "/out.csv")
        #expect(!FileSystem.exists(mine))
        #expect(FileSystem.exists(theirs))
        #expect(FileSystem.temporarySuffix.hasSuffix("@" + FileSystem.hostName))
    }

    /// The id of a process that has exited (a `/bin/true` run to its end).
    static func deadProcessID() throws -> Int32 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        return child.processIdentifier
    }
}
