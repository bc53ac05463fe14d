import Foundation

/// Reads numpy's `.npy` format (versions 1-3): the magic `\x93NUMPY`, a header dict with
/// `descr`, `fortran_order` and `shape`, then the raw array. Numeric dtypes only, little-endian
/// or single-byte (`<f8 <f4 <i8 <i4 <i2 |i1 <u8 <u4 <u2 |u1 |b1`), C or Fortran order; every
/// value becomes a `Double` in C (row-major) order. Anything else is a `bad_source` error
/// naming the file and the array.
public struct NPYArray: Sendable, Equatable {
    public var shape: [Int]
    /// Row-major values.
    public var values: [Double]

    /// Parses one `.npy` member; `file` and `name` are for error messages.
    public init(_ bytes: [UInt8], file: String, name: String) throws {
        func fail(_ message: String) -> DataError { DataError(.badSource, file: file, "\(name): \(message)") }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else { throw fail("not a .npy array") }
        let major = bytes[6]
        let headerLength: Int, start: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            start = 10
        } else if major == 2 || major == 3 {
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            start = 12
        } else {
            throw fail("unsupported .npy version \(major)")
        }
        guard bytes.count >= start + headerLength else { throw fail("truncated header") }
        let header = String(decoding: bytes[start..<(start + headerLength)], as: UTF8.self)
        func field(_ key: String) -> Substring? {
            guard let range = header.range(of: "'\(key)':") else { return nil }
            return header[range.upperBound...].drop { $0 == " " }
        }
        guard let descrField = field("descr"), descrField.first == "'",
              let close = descrField.dropFirst().firstIndex(of: "'") else { throw fail("no dtype in the header") }
        let descr = String(descrField[descrField.index(after: descrField.startIndex)..<close])
        let fortran = field("fortran_order")?.hasPrefix("True") == true
        guard let shapeField = field("shape"), shapeField.first == "(", let end = shapeField.firstIndex(of: ")") else {
            throw fail("no shape in the header")
        }
        let entries = shapeField[shapeField.index(after: shapeField.startIndex)..<end].split(separator: ",")
            .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        let shape = entries.compactMap { Int($0) }.filter { $0 >= 0 }
        guard shape.count == entries.count else {
            throw fail("the shape (\(entries.joined(separator: ", "))) must list non-negative integers")
        }
        // The element count, refused on overflow (an edited header) rather than trapping; the
        // data's size is checked against it below.
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw fail("the shape (\(entries.joined(separator: ", "))) holds more values than any file") }
            count = product
        }
        let kinds: [String: (size: Int, read: (UnsafeRawBufferPointer, Int) -> Double)] = [
            "<f8": (8, { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 8, as: UInt64.self))) }),
            "<f4": (4, { Double(Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 4, as: UInt32.self)))) }),
            "<i8": (8, { Double(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 8, as: Int64.self))) }),
            "<i4": (4, { Double(Int32(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 4, as: Int32.self))) }),
            "<i2": (2, { Double(Int16(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 2, as: Int16.self))) }),
            "|i1": (1, { Double(Int8(bitPattern: $0[$1])) }),
            "<u8": (8, { Double(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 8, as: UInt64.self))) }),
            "<u4": (4, { Double(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 4, as: UInt32.self))) }),
            "<u2": (2, { Double(UInt16(littleEndian: $0.loadUnaligned(fromByteOffset: $1 * 2, as: UInt16.self))) }),
            "|u1": (1, { Double($0[$1]) }),
            "|b1": (1, { $0[$1] != 0 ? 1 : 0 }),
        ]
        guard let kind = kinds[descr] else { throw fail("unsupported dtype '\(descr)' (numeric little-endian only)") }
        let dataStart = start + headerLength
        guard count <= (bytes.count - dataStart) / kind.size else {
            throw fail("truncated data: \(count) values of \(kind.size) bytes expected")
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            let data = UnsafeRawBufferPointer(rebasing: raw[dataStart...])
            for i in 0..<count { values[i] = kind.read(data, i) }
        }
        if fortran && shape.count == 2 {
            let (rows, columns) = (shape[0], shape[1])
            var c = [Double](repeating: 0, count: count)
            for i in 0..<rows { for j in 0..<columns { c[i * columns + j] = values[j * rows + i] } }
            values = c
        } else if fortran && shape.count > 2 {
            throw fail("Fortran-order arrays of more than 2 dimensions are not supported")
        }
        self.shape = shape
        self.values = values
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
