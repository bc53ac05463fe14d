import Testing
@testable import DataIO

@Suite struct OutputFileTests {
    @Test func checksumIsTheSHA256OfTheFileOnDisk() throws {
        let path = temporaryFolder() + "/abc.txt"
        let file = try OutputFile(path: path)
        try file.write("abc")
        let (digest, size) = try file.finish()
        // FIPS 180-2 test vector for "abc".
        #expect(digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(size == 3)
    }

    @Test func gzipOutputIsByteIdenticalAcrossRunsAndReadsBack() throws {
        let folder = temporaryFolder()
        var digests: [String] = []
        for run in 0..<2 {
            let path = folder + "/data\(run).csv.gz"
            let file = try OutputFile(path: path, compression: .gzip)
            for i in 0..<50_000 { try file.write(integer: i); try file.write(byte: 0x0A) }
            digests.append(try file.finish().sha256)
            let text = try FileSystem.readText(path)
            #expect(text.split(separator: "\n").count == 50_000)
            #expect(text.hasPrefix("0\n1\n2\n"))
        }
        #expect(digests[0] == digests[1])
    }

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

    @Test func integersIncludingExtremes() throws {
        let path = temporaryFolder() + "/ints.txt"
        let file = try OutputFile(path: path)
        for v in [0, 7, 10, -1, 1234567890, Int.max, Int.min] {
            try file.write(integer: v); try file.write(byte: 0x20)
        }
        try file.finish()
        #expect(try FileSystem.readText(path) == "0 7 10 -1 1234567890 9223372036854775807 -9223372036854775808 ")
    }

    @Test func unwritableLocationIsADataError() {
        #expect {
            _ = try OutputFile(path: "/nonexistent-folder/x.csv")
        } throws: { ($0 as? DataError)?.code == .cannotWrite }
    }
}
