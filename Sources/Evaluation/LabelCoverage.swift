import Randomness

/// Which rows of a label set a shard covers, as an order-independent fingerprint: the number of
/// rows and two 64-bit sums (mod 2⁶⁴), over the covered row positions (0-based, in label-file
/// order), of two unrelated bijective mixes of the position (SplitMix64's output function and
/// MurmurHash3's `fmix64`, each on its own offset of the position).
///
/// Sums commute and associate, so the coverage of a merge is the sum of the shards' coverages,
/// in any grouping. Shards that cover every labelled row exactly once add up to ``all(_:)``
/// of the label set: the same count and both sums. A shard missing or repeated changes the
/// count; a row in two shards and another in none keeps the count but changes the sums, except
/// with a probability of about 2⁻¹²⁸ for unrelated positions (two independent 64-bit sums of
/// well-mixed values would both have to collide).
public struct LabelCoverage: Sendable, Equatable {
    /// The number of covered rows (with multiplicity).
    public var rows: Int
    /// Σ SplitMix64.mix((position + 1)·γ) mod 2⁶⁴.
    public var first: UInt64
    /// Σ fmix64(position ⊕ c) mod 2⁶⁴.
    public var second: UInt64

    public init(rows: Int = 0, first: UInt64 = 0, second: UInt64 = 0) {
        self.rows = rows
        self.first = first
        self.second = second
    }

    /// Counts one covered position.
    @inline(__always)
    public mutating func add(position: Int) {
        let p = UInt64(truncatingIfNeeded: position)
        rows += 1
        first &+= LabelCoverage.firstMix(p)
        second &+= LabelCoverage.secondMix(p)
    }

    /// Adds another shard's coverage.
    public mutating func add(_ other: LabelCoverage) {
        // Saturating: an edited partial's count must not trap; the caller compares the sum with
        // the label set's rows and refuses a sum above them.
        let (sum, overflow) = rows.addingReportingOverflow(other.rows)
        rows = overflow ? Int.max : sum
        first &+= other.first
        second &+= other.second
    }

    /// The coverage of the given positions.
    public static func of(positions: [Int32]) -> LabelCoverage {
        var coverage = LabelCoverage()
        for position in positions { coverage.add(position: Int(position)) }
        return coverage
    }

    /// The coverage of every row of a label set of `count` rows (each exactly once).
    public static func all(_ count: Int) -> LabelCoverage {
        var coverage = LabelCoverage()
        for position in 0..<count { coverage.add(position: position) }
        return coverage
    }

    /// The two sums as 16 lowercase hex digits each (how the partial file stores them: JSON
    /// numbers could not hold 64 bits exactly everywhere).
    public var hexFingerprint: [String] { [LabelCoverage.hex(first), LabelCoverage.hex(second)] }

    /// Reads ``hexFingerprint`` back.
    public init?(rows: Int, hexFingerprint: [String]) {
        guard hexFingerprint.count == 2, hexFingerprint.allSatisfy({ $0.count == 16 }),
              let first = UInt64(hexFingerprint[0], radix: 16), let second = UInt64(hexFingerprint[1], radix: 16),
              rows >= 0 else { return nil }
        self.init(rows: rows, first: first, second: second)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @inline(__always)
    static func firstMix(_ position: UInt64) -> UInt64 {
        SplitMix64.mix((position &+ 1) &* 0x9E37_79B9_7F4A_7C15)
    }

    @inline(__always)
    static func secondMix(_ position: UInt64) -> UInt64 {
        var z = position ^ 0xD6E8_FEB8_6659_FD93
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }
}
