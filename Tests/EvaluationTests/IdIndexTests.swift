import Randomness
import Testing
@testable import Evaluation

/// The id → row index of a label or score file (`IdIndex`): every id found at its row, absent
/// ids not found, the first repeated id reported as (earlier row, later row), in each of its
/// storages (a direct table for dense integer ids, open addressing for sparse integers and
/// text), with many ids and with ids built to share one hash slot.
@Suite struct IdIndexTests {
    static func column(_ ids: [String]) -> IdColumn {
        var column = IdColumn(reservingCapacity: ids.count)
        for id in ids { var id = id; id.withUTF8 { column.append(UnsafeRawBufferPointer($0)) } }
        return column
    }

    /// The row `index` gives for `id` (looked up as a one-row column in the index's representation).
    static func row(_ index: IdIndex, _ id: String) -> Int? {
        var other = column([id])
        other.matchRepresentation(of: index.column)
        return index.row(matching: other, 0)
    }

    /// The duplicate the index of `ids` reports, or nil if it builds.
    static func duplicate(_ ids: [String]) -> IdIndex.Duplicate? {
        do throws(IdIndex.Duplicate) { _ = try IdIndex(column(ids)); return nil } catch { return error }
    }

    /// Dense integers (the direct table): each id at its row; ids below, inside a gap of and
    /// above the range, and a text id, are absent.
    @Test func denseIntegerIds() throws {
        let ids = ["10", "12", "11", "15", "14"]
        let index = try IdIndex(Self.column(ids))
        #expect(index.column.isInteger)
        for (row, id) in ids.enumerated() { #expect(Self.row(index, id) == row, "\(id)") }
        for id in ["9", "13", "16", "0", "1000000000", "999999999999999999"] { #expect(Self.row(index, id) == nil, "\(id)") }
        #expect(index.row(matching: Self.column(["x"]), 0) == nil)
    }

    /// Sparse integers (hashed): each id at its row, absent ids (neighbours of present ones)
    /// not found.
    @Test func sparseIntegerIds() throws {
        var g = Xoshiro256StarStar(seed: 1)
        let values = (0..<1000).map { $0 * 1_000_003 }.shuffled(using: &g)
        let index = try IdIndex(Self.column(values.map(String.init)))
        #expect(index.column.isInteger)
        for (row, value) in values.enumerated() {
            #expect(Self.row(index, String(value)) == row)
            #expect(Self.row(index, String(value + 1)) == nil)
        }
    }

    /// Text ids compare byte for byte: "1" and "01" are different ids, "001" and "A" absent.
    @Test func textIds() throws {
        let ids = ["a", "1", "01", "b-2", "B-2", "10"]
        let index = try IdIndex(Self.column(ids))
        #expect(!index.column.isInteger)
        for (row, id) in ids.enumerated() { #expect(Self.row(index, id) == row, "\(id)") }
        for id in ["001", "A", "b-", "b-22", "0"] { #expect(Self.row(index, id) == nil, "\(id)") }
    }

    /// The first row that repeats an earlier id is reported with that earlier row, in every
    /// storage: (1, 3) for x y z y x, and (0, 4) when only the first and last rows agree.
    @Test("a repeated id is reported as (first row, second row) in each storage", arguments: [
        ["5", "7", "9", "7", "5"],                                    // dense integers
        ["5000000000", "7", "900000000000", "7", "5000000000"],       // sparse integers
        ["x", "y", "z", "y", "x"],                                    // text
    ])
    func duplicates(ids: [String]) throws {
        let first = try #require(Self.duplicate(ids))
        #expect((first.firstRow, first.secondRow) == (1, 3))
        let ends = [ids[0], ids[1], ids[2], ids[0] + "0", ids[0]]
        let only = try #require(Self.duplicate(ends))
        #expect((only.firstRow, only.secondRow) == (0, 4))
        #expect(Self.duplicate(Array(ids.prefix(3))) == nil)
    }

    /// SplitMix64's finaliser inverted (each xorshift and odd multiplication undone), to build
    /// integer ids with a chosen hash.
    static func unmix(_ value: UInt64) -> UInt64 {
        func inverse(_ c: UInt64) -> UInt64 {
            var x = c
            for _ in 0..<6 { x = x &* (2 &- c &* x) }
            return x
        }
        func unshift(_ z: UInt64, _ k: UInt64) -> UInt64 {
            var x = z
            for _ in 0..<(64 / k + 1) { x = z ^ (x >> k) }
            return x
        }
        var z = unshift(value, 31) &* inverse(0x94D0_49BB_1331_11EB)
        z = unshift(z, 27) &* inverse(0xBF58_476D_1CE4_E5B9)
        return unshift(z, 30)
    }

    /// 100,000 integer ids, 2,000 of which hash (SplitMix64's finaliser of id + γ, as the source
    /// documents) to one slot of any table up to 2¹⁸ slots, so lookups probe past a long
    /// cluster: every id is found at its row, further ids of the same slot are absent, and a
    /// repeat of one of the cluster's ids is reported.
    @Test func manyIdsWithCollidingHashes() throws {
        #expect(Randomness.SplitMix64.mix(Self.unmix(0x0123_4567_89AB_CDEF)) == 0x0123_4567_89AB_CDEF)
        var colliding: [Int64] = []
        var k: UInt64 = 1
        while colliding.count < 2100 {
            let id = Self.unmix(k << 18) &- 0x9E37_79B9_7F4A_7C15
            if id < 1_000_000_000_000_000_000 { colliding.append(Int64(id)) }
            k += 1
        }
        let present = Array(colliding.prefix(2000)), absent = colliding.suffix(100)
        let spread = (0..<98_000).map { Int64(1_000_000_000_000 + 3 * $0) }
        var g = Xoshiro256StarStar(seed: 2)
        let ids = (present + spread).shuffled(using: &g).map(String.init)
        let index = try IdIndex(Self.column(ids))
        #expect(index.column.isInteger && index.column.count == 100_000)
        let probe = Self.column(ids + absent.map(String.init))
        for row in ids.indices where index.row(matching: probe, row) != row {
            Issue.record("id \(ids[row]) not found at row \(row)")
            break
        }
        for row in ids.count..<probe.count { #expect(index.row(matching: probe, row) == nil) }
        let last = try #require(ids.firstIndex(of: String(present[1999])))
        let repeated = try #require(Self.duplicate(ids + [ids[last]]))
        #expect((repeated.firstRow, repeated.secondRow) == (last, ids.count))
    }

    /// 100,000 text ids: each found at its row; the same ids with a suffix are absent.
    @Test func manyTextIds() throws {
        var g = Xoshiro256StarStar(seed: 3)
        let ids = (0..<100_000).map { "user-\($0)" }.shuffled(using: &g)
        let index = try IdIndex(Self.column(ids))
        let probe = Self.column(ids + ids.prefix(1000).map { $0 + "x" })
        for row in ids.indices where index.row(matching: probe, row) != row {
            Issue.record("id \(ids[row]) not found at row \(row)")
            break
        }
        for row in ids.count..<probe.count { #expect(index.row(matching: probe, row) == nil) }
    }

    /// No ids: the index builds and finds nothing, integer or text.
    @Test func empty() throws {
        let index = try IdIndex(IdColumn())
        #expect(index.column.count == 0)
        #expect(index.row(matching: Self.column(["0"]), 0) == nil)
        #expect(index.row(matching: Self.column(["7"]), 0) == nil)
        #expect(index.row(matching: Self.column(["a"]), 0) == nil)
    }
}
