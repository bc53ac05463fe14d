/// Deriving independent seeds from one master seed, by name and by counter.
///
/// - A **named stream** `name` of master seed `s` is seeded with
///   `mix(mix(s ^ fnv1a64(name)) &+ 0x9E3779B97F4A7C15)`, where `mix` is the SplitMix64 finalizer
///   and `fnv1a64` is 64-bit FNV-1a over the name's UTF-8 bytes. Different names give unrelated
///   streams, and adding a stream never shifts another one.
/// - A **counter stream** (block `i` of a stream seeded `s`) is seeded with
///   `mix(s &+ (i &+ 1) &* 0x9E3779B97F4A7C15)`: any block can be produced without producing
///   the blocks before it, which is what sharded generation needs.
public enum SeedDerivation {
    /// 64-bit FNV-1a over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The seed of the stream called `name` under `master`.
    public static func seed(master: UInt64, name: String) -> UInt64 {
        SplitMix64.mix(SplitMix64.mix(master ^ fnv1a64(name)) &+ 0x9E37_79B9_7F4A_7C15)
    }

    /// The seed of block `index` of a stream whose own seed is `stream`.
    public static func seed(stream: UInt64, counter index: UInt64) -> UInt64 {
        SplitMix64.mix(stream &+ (index &+ 1) &* 0x9E37_79B9_7F4A_7C15)
    }
}
