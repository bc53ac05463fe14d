/// SplitMix64 (Steele, Lea & Flood 2014; the reference is Vigna's `splitmix64.c`).
///
/// Used only to expand one 64-bit seed into the 256-bit state of ``Xoshiro256StarStar`` and to
/// mix keys into seeds (``SplitMix64/mix(_:)``): consecutive seeds give unrelated states.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function (a bijective finalizer): `z ^= z >> 30; z *= 0xBF58476D1CE4E5B9;
    /// z ^= z >> 27; z *= 0x94D049BB133111EB; z ^= z >> 31`.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
