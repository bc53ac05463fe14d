/// The `id` column of a score or label file, kept compactly.
///
/// Ids are opaque strings compared byte for byte after trimming (`Fixtures/metrics/SPEC.md` §2.2: `"01"` ≠ `"1"`).
/// While every id is a canonical non-negative integer (`0` or a digit string without a leading
/// zero, at most 18 digits), they are stored as 8-byte integers, which is exact, since such a
/// string and its integer determine each other. At the first other id the column switches to
/// an arena of bytes with offsets, re-rendering the integers seen so far.
struct IdColumn: Sendable {
    private(set) var integers: [Int64] = []
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private(set) var isInteger = true

    var count: Int { isInteger ? integers.count : ends.count }

    init() {}

    init(reservingCapacity capacity: Int) {
        integers.reserveCapacity(capacity)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if isInteger {
            if let value = IdColumn.canonicalInteger(bytes) {
                integers.append(value)
                return
            }
            switchToArena()
        }
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
    }

    /// Appends every id of `other`.
    mutating func append(contentsOf other: IdColumn) {
        if isInteger && other.isInteger {
            integers.append(contentsOf: other.integers)
            return
        }
        if isInteger { switchToArena() }
        for row in 0..<other.count {
            if other.isInteger {
                arena.append(contentsOf: String(other.integers[row]).utf8)
            } else {
                other.withBytes(row) { arena.append(contentsOf: $0) }
            }
            ends.append(arena.count)
        }
    }

    /// The id of `row` as text.
    func string(_ row: Int) -> String {
        if isInteger { return String(integers[row]) }
        let start = row == 0 ? 0 : ends[row - 1]
        return String(decoding: arena[start..<ends[row]], as: UTF8.self)
    }

    /// Calls `body` with the bytes of the id of `row` (arena mode only).
    func withBytes<R>(_ row: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = row == 0 ? 0 : ends[row - 1]
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[row]])) }
    }

    /// The ids as strings in the same representation as `other` (integer ids rendered when
    /// `other` uses the arena), so that two columns can be compared.
    mutating func matchRepresentation(of other: IdColumn) {
        if isInteger && !other.isInteger { switchToArena() }
    }

    private mutating func switchToArena() {
        isInteger = false
        ends.reserveCapacity(integers.count)
        for value in integers {
            arena.append(contentsOf: String(value).utf8)
            ends.append(arena.count)
        }
        integers = []
    }

    static func canonicalInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count > 0, count <= 18 else { return nil }
        if bytes[0] == 0x30 { return count == 1 ? 0 : nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }
}
