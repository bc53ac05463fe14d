import Foundation
import Testing
@testable import DataIO
import TestSupport

@Suite struct NPYWriterTests {
    @Test func matrixHeaderAndValues() throws {
        let path = temporaryFolder() + "/m.npy"
        let writer = try NPYWriter(path: path, columns: 2, dtype: .float64)
        for v in [1.5, -2.0, 0.0, 1e300] { try writer.append(v) }
        let (digest, size) = try writer.finish()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(size == 128 + 32 && data.count == size)
        #expect(data.prefix(8) == Data([0x93] + Array("NUMPY".utf8) + [1, 0]))
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect(10 + headerLength == 128)
        let header = String(decoding: data[10..<128], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }"))
        #expect(header.hasSuffix("\n"))
        let values = data[128...].withUnsafeBytes { raw in (0..<4).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) } }
        #expect(values == [1.5, -2.0, 0.0, 1e300])
        #expect(digest == (try FileSystem.sha256(of: path)))
    }

    @Test func vectorOfInt8() throws {
        let path = temporaryFolder() + "/v.npy"
        let writer = try NPYWriter(path: path, columns: nil, dtype: .int8)
        for v: Int8 in [0, 1, 1] { try writer.append(int8: v) }
        _ = try writer.finish()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(String(decoding: data[10..<128], as: UTF8.self).hasPrefix("{'descr': '|i1', 'fortran_order': False, 'shape': (3,), }"))
        #expect(Array(data[128...]) == [0, 1, 1])
    }
}
