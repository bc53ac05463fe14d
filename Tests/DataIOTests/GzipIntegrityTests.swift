import Foundation
import Randomness
import Testing
@testable import DataIO

/// Issue 19: libarchive does not check gzip's CRC-32 and length, so some single-bit flips were
/// read as good (different) data where `gzip -t` reports an error.
@Suite struct GzipIntegrityTests {
    /// A gzip file of `text` made by the toolkit's own writer.
    static func gzip(_ text: String, in folder: String) throws -> String {
        let path = folder + "/data.csv.gz"
        let file = try OutputFile(path: path, compression: .gzip)
        try file.write(text)
        try file.finish()
        return path
    }

    static let text: String = (0..<2000).map { "\($0),\(Double($0) / 7)\n" }.joined()

    /// Every one of 200 seeded single-bit flips either fails to read or reads the very same
    /// bytes (a flip in the header's time stamp changes nothing): never different data.
    @Test func aFlippedBitNeverReadsAsOtherData() throws {
        let folder = temporaryFolder()
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Self.gzip(Self.text, in: folder))))
        var generator = Xoshiro256StarStar(seed: 19)
        var failed = 0, same = 0
        for _ in 0..<200 {
            var bytes = original
            let bit = Int(generator.next() % UInt64(bytes.count * 8))
            bytes[bit / 8] ^= UInt8(1 << (bit % 8))
            let path = folder + "/flipped.csv.gz"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                let reader = try ArchiveReader(path: path)
                let content = try reader.readAll()
                #expect(content == Array(Self.text.utf8), "bit \(bit) of \(original.count * 8) read as other data")
                same += 1
            } catch is DataError {
                failed += 1
            }
        }
        #expect(failed > 150)
    }

    @Test func aWrongTrailerIsNamedAsCorrupt() throws {
        let folder = temporaryFolder()
        let path = try Self.gzip(Self.text, in: folder)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 6] ^= 1        // the CRC-32
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: DataError.self) { _ = try ArchiveReader(path: path).readAll() }
        #expect(error?.code == .corruptInput && error?.file == path && error?.message.contains("incorrect data check") == true)
        bytes[bytes.count - 6] ^= 1
        bytes[bytes.count - 2] ^= 1        // the length
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let length = #expect(throws: DataError.self) { _ = try ArchiveReader(path: path).readAll() }
        #expect(length?.message.contains("incorrect length check") == true)
    }

    /// Concatenated gzip members are one gzip file (as `cat a.gz b.gz`): read whole and valid.
    @Test func concatenatedMembersAreValid() throws {
        let folder = temporaryFolder()
        let a = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Self.gzip("id,score\n1,0.5\n", in: folder))))
        let b = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Self.gzip("2,0.25\n", in: folder))))
        let path = folder + "/both.csv.gz"
        try Data(a + b).write(to: URL(fileURLWithPath: path))
        #expect(try ArchiveReader(path: path).readAll() == Array("id,score\n1,0.5\n2,0.25\n".utf8))
        try GzipIntegrity.verify(path)
    }

    @Test func aCutShortFileIsCorrupt() throws {
        let folder = temporaryFolder()
        let path = try Self.gzip(Self.text, in: folder)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(bytes.dropLast(4)).write(to: URL(fileURLWithPath: path))
        #expect(throws: DataError.self) { try GzipIntegrity.verify(path) }
    }
}
