import Testing
@testable import DataIO

@Suite struct NPYReaderTests {
    /// A version-1 `.npy` with the given header dict and payload.
    static func npy(_ dict: String, _ payload: [UInt8]) -> [UInt8] {
        var header = Array(dict.utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header + payload
    }

    static func bytes<T>(_ values: [T]) -> [UInt8] { values.withUnsafeBytes { Array($0) } }

    @Test func float64COrder() throws {
        let a = try NPYArray(Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", Self.bytes([1.5, -2, 3, 4.25])), file: "f", name: "X")
        #expect(a.shape == [2, 2] && a.values == [1.5, -2, 3, 4.25])
    }

    @Test func fortranOrderIsTransposedToRowMajor() throws {
        let a = try NPYArray(Self.npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", Self.bytes([Float(1), 4, 2, 5, 3, 6])), file: "f", name: "X")
        #expect(a.values == [1, 2, 3, 4, 5, 6])
    }

    @Test func integersAndBooleans() throws {
        #expect(try NPYArray(Self.npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", Self.bytes([Int64(0), 1, -7])), file: "f", name: "y").values == [0, 1, -7])
        #expect(try NPYArray(Self.npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", [0, 1, 1]), file: "f", name: "y").values == [0, 1, 1])
    }

    @Test func badInputsNameTheArray() {
        #expect { try NPYArray([1, 2, 3], file: "f.npz", name: "X") } throws: { ($0 as? DataError)?.description.contains("X: not a .npy array") == true }
        #expect { try NPYArray(Self.npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0, 0, 0, 0, 0]), file: "f", name: "X") }
            throws: { ($0 as? DataError)?.description.contains("unsupported dtype") == true }
        #expect { try NPYArray(Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", [0, 0]), file: "f", name: "X") }
            throws: { ($0 as? DataError)?.description.contains("truncated data") == true }
        // Edited shapes: negative, overflowing, or more values than the file holds.
        #expect { try NPYArray(Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -2), }", Self.bytes([1.0, 2, 3, 4])), file: "f", name: "X") }
            throws: { ($0 as? DataError)?.description.contains("must list non-negative integers") == true }
        #expect { try NPYArray(Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 3), }", Self.bytes([1.0, 2, 3])), file: "f", name: "X") }
            throws: { ($0 as? DataError)?.description.contains("holds more values than any file") == true }
        #expect { try NPYArray(Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904,), }", Self.bytes([1.0])), file: "f", name: "X") }
            throws: { ($0 as? DataError)?.description.contains("truncated data") == true }
    }
}
