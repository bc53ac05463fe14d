#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sampling from a raw 64-bit stream, implemented here rather than taken from the standard
/// library: `random(in:)` and `shuffle(using:)` do not promise their algorithms across Swift
/// versions, and a dataset must be byte-identical for a given seed on every toolchain.
extension RandomNumberGenerator {
    /// A uniform integer in `0..<bound` (Lemire 2019, "Fast random integer generation in an
    /// interval", with rejection, so exactly unbiased). `bound` must be positive.
    @inline(__always)
    public mutating func uniformInt(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "uniformInt(below:) needs a positive bound")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform `Int` in `0..<bound`; `bound` must be positive.
    @inline(__always)
    public mutating func uniformInt(below bound: Int) -> Int {
        Int(uniformInt(below: UInt64(bound)))
    }

    /// A uniform `Int` in the closed range.
    @inline(__always)
    public mutating func uniformInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(uniformInt(below: UInt64(range.upperBound - range.lowerBound) + 1))
    }

    /// A uniform double in [0, 1): the top 53 bits of one draw times 2⁻⁵³.
    @inline(__always)
    public mutating func uniformUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `p` (exactly `uniformUnit() < p`).
    @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniformUnit() < p
    }

    /// A standard normal draw by the Box-Muller transform (two uniform draws per call; the
    /// second normal is discarded so each call consumes a fixed number of draws).
    public mutating func standardNormal() -> Double {
        let u1 = 1.0 - uniformUnit()  // (0, 1]: log is finite
        let u2 = uniformUnit()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// `k` distinct integers of `0..<n` drawn uniformly without replacement, in draw order: a
    /// partial Fisher–Yates shuffle over a sparse permutation, O(k) time and memory (all of
    /// `0..<n` in order when k = n).
    public mutating func sampleWithoutReplacement(_ k: Int, from n: Int) -> [Int] {
        if k == n { return Array(0..<n) }
        var swapped: [Int: Int] = [:]
        var out: [Int] = []
        out.reserveCapacity(k)
        for i in 0..<k {
            let j = i + uniformInt(below: n - i)
            let atJ = swapped[j] ?? j
            let atI = swapped[i] ?? i
            swapped[j] = atI
            out.append(atJ)
        }
        return out
    }

    /// Fisher-Yates shuffle (Durstenfeld's variant, from the last element down).
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ collection: inout C)
    where C.Index == Int {
        var i = collection.endIndex - 1
        while i > collection.startIndex {
            let j = collection.startIndex + uniformInt(below: i - collection.startIndex + 1)
            collection.swapAt(i, j)
            i -= 1
        }
    }

    /// Draws from a categorical distribution with the given non-negative weights
    /// (linear scan over the cumulative sum). Returns the chosen index.
    public mutating func categorical(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "categorical(weights:) needs a positive total weight")
        let u = uniformUnit() * total
        var cumulative = 0.0
        for (i, w) in weights.enumerated() {
            cumulative += w
            if u < cumulative { return i }
        }
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }
}
