import Foundation
import Randomness

/// Zipf-like popularity: draws a rank k in 0..<n with probability close to (k + 1)^−s / H, in O(1)
/// by inverting the continuous power law on [1, n + 1): x = (1 + u·((n + 1)^(1−s) − 1))^(1/(1−s))
/// (x = (n + 1)^u when s = 1), k = ⌊x⌋ − 1. One uniform draw per rank; s = 0 is uniform.
/// (The continuous inversion gives rank k the mass of [k + 1, k + 2) under x^−s, which is what
/// `PowerLawTests` checks. For s ≤ 1 that is within a few percent of Zipf's law but for the first
/// ranks; for larger s it moves mass from the head to the tail (at s = 2 rank 0 gets about 0.82
/// of Zipf's share and the far tail about 1.6 times). A simulation of popularity needs no more,
/// and it works for any n without tables. Its 53-bit uniform cannot reach ranks whose total
/// mass is below 2⁻⁵³: at s = 5, those past about 9,740.)
struct PowerLaw: Sendable {
    let exponent: Double
    private let oneMinusS: Double
    private let inverse: Double

    init(exponent: Double) {
        self.exponent = exponent
        oneMinusS = 1 - exponent
        inverse = abs(1 - exponent) < 1e-9 ? 0 : 1 / (1 - exponent)
    }

    /// The constant of a population of `n` (cache it per population: it costs a `pow`).
    @inline(__always)
    func span(_ n: Int) -> Double {
        inverse == 0 ? log(Double(n) + 1) : pow(Double(n) + 1, oneMinusS) - 1
    }

    /// A rank in 0..<n, given the population's `span(n)`.
    @inline(__always)
    func rank<G: RandomNumberGenerator>(_ n: Int, span: Double, using g: inout G) -> Int {
        let u = g.uniformUnit()
        let x = inverse == 0 ? exp(u * span) : pow(1 + u * span, inverse)
        return min(max(Int(x) - 1, 0), n - 1)
    }

    /// A rank in 0..<n (computing the span: for populations drawn from rarely).
    @inline(__always)
    func rank<G: RandomNumberGenerator>(_ n: Int, using g: inout G) -> Int {
        rank(n, span: span(n), using: &g)
    }
}
