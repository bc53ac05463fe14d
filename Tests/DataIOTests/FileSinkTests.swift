import Testing
import TestSupport
@testable import DataIO

@Suite struct FileSinkTests {
    /// Past ``FileSink/writebackStep`` bytes the sink starts the kernel's writeback as it goes:
    /// the file and its checksum are as without it, in writes of every size.
    @Test func largeFilesWrittenWithEarlyWritebackAreExact() throws {
        let path = temporaryFolder() + "/large.bin"
        let sink = try FileSink(path: path)
        var expected = SHA256()
        var generator: UInt64 = 1
        let block = (0..<65_521).map { _ in
            generator = generator &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: generator >> 56)
        }
        var total = 0
        for size in [1, 4096, 3 << 20, 5 << 20, 1, (8 << 20) + 7, 100, 9 << 20] {
            // Blocks of a prime length: no two MiB alike.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(size + block.count)
            while bytes.count < size { bytes += block }
            bytes.removeLast(bytes.count - size)
            try bytes.withUnsafeBytes { try sink.write($0) }
            expected.update(bytes)
            total += size
        }
        #expect(total > 3 * FileSink.writebackStep)
        let digest = try sink.finish()
        #expect(digest == expected.hexDigest())
        #expect(sink.bytesWritten == total)
        #expect(try FileSystem.sha256(of: path) == digest)
    }
}
