import Foundation
import Testing
@testable import DataIO

/// The build ID read from an ELF file's program headers: hand-made files with known notes, and
/// the running test binary.
@Suite struct ExecutableIdentityTests {
    static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// One ELF note: sizes, type, the name and the descriptor, each padded to 4 bytes.
    static func note(name: String, type: UInt32, descriptor: [UInt8]) -> [UInt8] {
        let nameBytes = Array(name.utf8) + [0]
        func padded(_ b: [UInt8]) -> [UInt8] { b + [UInt8](repeating: 0, count: (4 - b.count % 4) % 4) }
        return bytes(UInt32(nameBytes.count)) + bytes(UInt32(descriptor.count)) + bytes(type)
            + padded(nameBytes) + padded(descriptor)
    }

    /// A 64-bit little-endian ELF file: the header, two program headers (a PT_LOAD and a PT_NOTE
    /// holding `notes`), then the notes.
    static func elf(notes: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 64)
        header[0..<6] = [0x7F, 0x45, 0x4C, 0x46, 2, 1]
        header[32..<40] = ArraySlice(bytes(UInt64(64)))    // e_phoff
        header[54..<56] = ArraySlice(bytes(UInt16(56)))    // e_phentsize
        header[56..<58] = ArraySlice(bytes(UInt16(2)))     // e_phnum
        func programHeader(type: UInt32, offset: UInt64, size: UInt64) -> [UInt8] {
            var p = [UInt8](repeating: 0, count: 56)
            p[0..<4] = ArraySlice(bytes(type))
            p[8..<16] = ArraySlice(bytes(offset))
            p[32..<40] = ArraySlice(bytes(size))
            return p
        }
        let notesOffset = UInt64(64 + 2 * 56)
        return header + programHeader(type: 1, offset: 0, size: 0)
            + programHeader(type: 4, offset: notesOffset, size: UInt64(notes.count)) + notes
    }

    static func buildID(of file: [UInt8]) throws -> String? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("elf-\(UUID().uuidString)").path
        try Data(file).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return ExecutableIdentity.gnuBuildID(executable: path)
    }

    @Test func findsTheBuildIDAfterOtherNotes() throws {
        let id = (0..<20).map { UInt8($0 * 13 % 256) }
        let notes = Self.note(name: "GNU", type: 5, descriptor: [UInt8](repeating: 7, count: 16))
            + Self.note(name: "Go", type: 3, descriptor: [1, 2, 3])        // type 3, but not GNU's
            + Self.note(name: "GNU", type: 3, descriptor: id)
        #expect(try Self.buildID(of: Self.elf(notes: notes)) == id.map { String(format: "%02x", $0) }.joined())
    }

    @Test func noBuildIDIsNil() throws {
        #expect(try Self.buildID(of: Self.elf(notes: Self.note(name: "GNU", type: 1, descriptor: [0, 0, 0, 0]))) == nil)
        #expect(try Self.buildID(of: Array("not an ELF file at all, but long enough to be read as one".utf8) + [UInt8](repeating: 0, count: 64)) == nil)
        #expect(try Self.buildID(of: [0x7F, 0x45, 0x4C, 0x46]) == nil)     // truncated header
        // A note whose sizes run past the segment is not read past it.
        let truncated = Array(Self.note(name: "GNU", type: 3, descriptor: [UInt8](repeating: 1, count: 20)).dropLast(8))
        #expect(try Self.buildID(of: Self.elf(notes: truncated)) == nil)
        #expect(ExecutableIdentity.gnuBuildID(executable: "/nonexistent/toolkit") == nil)
    }

    @Test func theRunningBinaryHasOne() {
        // The Swift toolchain links with a build ID on Linux; `build()` is its first 12 digits.
        guard let id = ExecutableIdentity.gnuBuildID() else {
            Issue.record("the test binary has no GNU build ID")
            return
        }
        #expect(id.count >= 16 && id.allSatisfy(\.isHexDigit))
        #expect(ExecutableIdentity.build() == String(id.prefix(12)))
    }
}
