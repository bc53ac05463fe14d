import Randomness

/// The only source of randomness in generation: a master seed (the recipe's) from which named,
/// independent streams are derived.
///
/// Algorithm (fixed; recorded in every manifest as ``algorithm``): a stream called `name` is a
/// xoshiro256** 1.0 generator whose 256-bit state is filled by SplitMix64 from
/// `SeedDerivation.seed(master:name:)`. A counter stream gives block `i` of a stream its own
/// xoshiro256** generator seeded with `SeedDerivation.seed(stream:counter:)`, so any block of rows
/// can be produced without the blocks before it. Never the system generator.
public final class GenerationContext {
    public static let algorithm =
        "xoshiro256** 1.0 per stream, state filled by SplitMix64; stream seed = mix(mix(seed ^ fnv1a64(name)) + golden); counter block i of a stream seeded s = mix(s + (i + 1) * golden), mix = SplitMix64 finalizer, golden = 0x9E3779B97F4A7C15"

    public let seed: UInt64
    /// Names of the streams handed out, in order of first use (for the manifest).
    public private(set) var streamNames: [String] = []

    public init(seed: UInt64) { self.seed = seed }

    /// A sequential stream.
    public func stream(_ name: String) -> Xoshiro256StarStar {
        note(name)
        return Xoshiro256StarStar(seed: SeedDerivation.seed(master: seed, name: name))
    }

    /// A counter-based stream: independent generators per block index.
    public func counterStream(_ name: String) -> CounterStream {
        note(name)
        return CounterStream(seed: SeedDerivation.seed(master: seed, name: name))
    }

    private func note(_ name: String) {
        if !streamNames.contains(name) { streamNames.append(name) }
    }
}

/// Independent generators indexed by a counter (row or block number).
public struct CounterStream: Sendable {
    public let seed: UInt64

    @inline(__always)
    public func generator(at index: Int) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: SeedDerivation.seed(stream: seed, counter: UInt64(index)))
    }
}
