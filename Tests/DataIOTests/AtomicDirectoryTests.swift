import Foundation
import Testing
@testable import DataIO

@Suite struct AtomicDirectoryTests {
    @Test func nothingAppearsUntilCommit() throws {
        let root = temporaryFolder()
        let destination = root + "/out"
        let folder = try AtomicDirectory(destination: destination, force: false)
        try FileSystem.writeAtomically("x", to: folder.path("a.txt"))
        #expect(!FileSystem.exists(destination))
        try folder.commit()
        #expect(try FileSystem.readText(destination + "/a.txt") == "x")
        #expect(!FileSystem.exists(folder.staging))
    }

    @Test func discardedFolderLeavesNothing() throws {
        let root = temporaryFolder()
        do {
            let folder = try AtomicDirectory(destination: root + "/out", force: false)
            try FileSystem.writeAtomically("x", to: folder.path("a.txt"))
            folder.discard()
        }
        #expect(!FileSystem.exists(root + "/out"))
        #expect(!FileSystem.exists(root + "/.out.partial-\(FileSystem.temporarySuffix)"))
    }

    @Test func existingDestinationIsRefusedUnlessForced() throws {
        let root = temporaryFolder()
        let destination = root + "/out"
        let first = try AtomicDirectory(destination: destination, force: false)
        try FileSystem.writeAtomically("old", to: first.path("a.txt"))
        try FileSystem.writeAtomically(#"{"toolkit_version": "0.1.0"}"#, to: first.path("manifest.json"))
        try first.commit()
        #expect {
            _ = try AtomicDirectory(destination: destination, force: false)
        } throws: { ($0 as? DataError)?.code == .outputExists }
        let second = try AtomicDirectory(destination: destination + "/", force: true)
        try FileSystem.writeAtomically("new", to: second.path("b.txt"))
        try second.commit()
        #expect(try FileSystem.readText(destination + "/b.txt") == "new")
        #expect(!FileSystem.exists(destination + "/a.txt"))
    }

    /// `--force` replaces a dataset folder this tool wrote, never a file, a link or another folder.
    @Test(arguments: ["file", "folder", "folder-with-other-manifest", "link"])
    func forceReplacesOnlyAToolkitDataset(kind: String) throws {
        let root = temporaryFolder()
        let destination = root + "/out"
        switch kind {
        case "file": try "precious".write(toFile: destination, atomically: false, encoding: .utf8)
        case "folder":
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: false)
            try "precious".write(toFile: destination + "/notes.txt", atomically: false, encoding: .utf8)
        case "folder-with-other-manifest":
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: false)
            try #"{"name": "someone else's"}"#.write(toFile: destination + "/manifest.json", atomically: false, encoding: .utf8)
        default:
            try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: false)
            try #"{"toolkit_version": "0.1.0"}"#.write(toFile: root + "/real/manifest.json", atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: root + "/real")
        }
        let before = try FileManager.default.attributesOfItem(atPath: destination)[.type] as? FileAttributeType
        let error = #expect(throws: DataError.self) { _ = try AtomicDirectory(destination: destination, force: true) }
        #expect(error?.code == .outputExists && error?.message.contains("--force replaces only a dataset folder written by toolkit") == true)
        #expect(try FileManager.default.attributesOfItem(atPath: destination)[.type] as? FileAttributeType == before)
        if kind == "file" { #expect(try String(contentsOfFile: destination, encoding: .utf8) == "precious") }
        if kind == "folder" { #expect(FileSystem.exists(destination + "/notes.txt")) }
    }

    @Test func missingParentIsADataError() {
        #expect {
            _ = try AtomicDirectory(destination: "/nonexistent-parent/out", force: false)
        } throws: { ($0 as? DataError)?.code == .badOutput }
    }
}

#if canImport(Glibc)
import Glibc
func getpidForTests() -> Int32 { getpid() }
#endif

@Suite struct AbandonedStagingTests {
    @Test func leftoversOfDeadProcessesAreRemoved() throws {
        let root = temporaryFolder()
        // PID 2^22 + 1 is above Linux's pid_max default range, so no such process exists.
        let stale = root + "/.out.partial-4194305"
        try FileSystem.writeAtomically("x", to: root + "/unrelated.txt")
        _ = mkdir(stale, 0o755)
        let folder = try AtomicDirectory(destination: root + "/out", force: false)
        #expect(!FileSystem.exists(stale))
        #expect(FileSystem.exists(root + "/unrelated.txt"))
        folder.discard()
    }
}
