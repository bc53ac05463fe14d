/// Where a bootstrap's random indices come from: a generator made from a seed that draws
/// uniform integers in `0..<bound`.
///
/// Metrics depends on no other module (DESIGN.md §2), so it does not pick the random-number
/// algorithm: the caller names the generator type. The toolkit's Evaluation passes Randomness's
/// `Xoshiro256StarStar`, whose `uniformInt(below:)` is Lemire's unbiased method, so intervals
/// depend only on the seed and are the same on every machine.
public protocol BootstrapGenerator {
    /// A generator whose draws are a function of `seed` alone.
    init(seed: UInt64)
    /// A uniform integer in `0..<bound` (`bound` > 0).
    mutating func uniformInt(below bound: Int) -> Int
}
