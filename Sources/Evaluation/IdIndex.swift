import Randomness

/// A lookup from id to row number over an ``IdColumn``, built in O(n); it finds duplicates
/// while it is built.
///
/// Integer ids whose range is at most 2n + 1024 use a direct table (4 bytes per slot, no
/// hashing); other ids use open addressing over a power-of-two table with at least twice as
/// many slots as rows, keyed by the 64-bit FNV-1a hash of the id bytes (or a mix of the
/// integer), storing row numbers only, so the index costs 8 bytes per row at most.
struct IdIndex: Sendable {
    /// Two rows with the same id.
    struct Duplicate: Error {
        let firstRow: Int
        let secondRow: Int
    }

    private enum Storage: Sendable {
        case direct(minimum: Int64, slots: [Int32])
        case hashed(mask: Int, slots: [Int32])
    }

    private let storage: Storage
    let column: IdColumn

    init(_ column: IdColumn) throws(Duplicate) {
        self.column = column
        let n = column.count
        if column.isInteger, let minimum = column.integers.min(), let maximum = column.integers.max(),
           maximum - minimum <= Int64(2 * n + 1024) {
            var slots = [Int32](repeating: -1, count: Int(maximum - minimum) + 1)
            var duplicate: Duplicate?
            column.integers.withUnsafeBufferPointer { ids in
                slots.withUnsafeMutableBufferPointer { slots in
                    for row in 0..<n {
                        let slot = Int(ids[row] - minimum)
                        if slots[slot] >= 0 {
                            duplicate = Duplicate(firstRow: Int(slots[slot]), secondRow: row)
                            return
                        }
                        slots[slot] = Int32(row)
                    }
                }
            }
            if let duplicate { throw duplicate }
            storage = .direct(minimum: minimum, slots: slots)
            return
        }
        var capacity = 16
        while capacity < 2 * n { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        for row in 0..<n {
            var slot = IdIndex.hash(column, row) & mask
            while slots[slot] >= 0 {
                if IdIndex.equal(column, Int(slots[slot]), column, row) {
                    throw Duplicate(firstRow: Int(slots[slot]), secondRow: row)
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(row)
        }
        storage = .hashed(mask: mask, slots: slots)
    }

    /// The row of `column` holding the id of `row` in `other` (same representation), or nil.
    func row(matching other: IdColumn, _ row: Int) -> Int? {
        switch storage {
        case .direct(let minimum, let slots):
            guard other.isInteger else { return nil }
            let offset = other.integers[row] &- minimum
            guard offset >= 0, offset < Int64(slots.count) else { return nil }
            let found = slots[Int(offset)]
            return found >= 0 ? Int(found) : nil
        case .hashed(let mask, let slots):
            guard other.isInteger == column.isInteger else { return nil }
            var slot = IdIndex.hash(other, row) & mask
            while slots[slot] >= 0 {
                if IdIndex.equal(column, Int(slots[slot]), other, row) { return Int(slots[slot]) }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private static func hash(_ column: IdColumn, _ row: Int) -> Int {
        if column.isInteger {
            // SplitMix64's finaliser: a good spread for sequential integers.
            return Int(truncatingIfNeeded: SplitMix64.mix(UInt64(bitPattern: column.integers[row]) &+ 0x9E37_79B9_7F4A_7C15))
        }
        return column.withBytes(row) { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return Int(truncatingIfNeeded: h ^ (h >> 29))
        }
    }

    private static func equal(_ a: IdColumn, _ rowA: Int, _ b: IdColumn, _ rowB: Int) -> Bool {
        if a.isInteger { return a.integers[rowA] == b.integers[rowB] }
        return a.withBytes(rowA) { x in b.withBytes(rowB) { y in x.elementsEqual(y) } }
    }
}
