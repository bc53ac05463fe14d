/// xoshiro256** 1.0 (Blackman & Vigna 2018), the toolkit's only generator of random bits.
///
/// The 256-bit state is filled from a 64-bit seed by four draws of ``SplitMix64``, as the
/// authors recommend, so no seed (including 0) gives the all-zero state. The output sequence is
/// fixed forever: changing it would change every generated dataset (a breaking change).
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    // Visible to the inlinable `next()` so that other modules inline it (a draw is a few
    // instructions; a call per draw dominated dropout masks).
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}
