import Testing
@testable import DataIO
import TestSupport

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
