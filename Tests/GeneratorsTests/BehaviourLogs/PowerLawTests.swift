import Foundation
import Randomness
import Testing
@testable import Generators

/// Power-law ranks (`PowerLaw`): a rank k of 0..<n has the mass of [k + 1, k + 2) under x^−s on
/// [1, n + 1), as the source documents (log((k + 2)/(k + 1)) / log(n + 1) at s = 1; uniform at
/// s = 0), checked on 200,000 seeded draws per parameter within 5 binomial standard errors,
/// over the exponents recipes allow (0...5) and the edges of the population size and of the uniform.
@Suite struct PowerLawTests {
    /// The documented probability of rank k of n at exponent s.
    static func law(_ k: Int, _ n: Int, _ s: Double) -> Double {
        let (a, b, top) = (Double(k + 1), Double(k + 2), Double(n + 1))
        if abs(1 - s) < 1e-9 { return log(b / a) / log(top) }
        return (pow(b, 1 - s) - pow(a, 1 - s)) / (pow(top, 1 - s) - 1)
    }

    static let parameters: [(n: Int, s: Double)] = [
        (10, 0), (10, 0.5), (10, 1), (10, 1 + 1e-12), (10, 1.5), (10, 2), (60, 5), (2, 1),
        (1_000_000, 1), (1_000_000, 0.8), (7, 3),
    ]

    @Test("rank frequencies follow the documented continuous power law within 5 standard errors", arguments: parameters)
    func frequencies(n: Int, s: Double) {
        let draws = 200_000
        let law = PowerLaw(exponent: s)
        let span = law.span(n)
        var g = Xoshiro256StarStar(seed: 5)
        // Ranks below 30 one by one; the rest (if any) as one bin, checked too.
        let shown = min(n, 30)
        var counts = [Int](repeating: 0, count: shown + 1)
        var outside = 0
        for _ in 0..<draws {
            let k = law.rank(n, span: span, using: &g)
            if k < 0 || k >= n { outside += 1 } else { counts[min(k, shown)] += 1 }
        }
        #expect(outside == 0)
        var probabilities = (0..<shown).map { Self.law($0, n, s) }
        probabilities.append(max(0, 1 - probabilities.reduce(0, +)))
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
        for (bin, p) in probabilities.enumerated() {
            let expected = Double(draws) * p
            let standardError = (Double(draws) * p * (1 - p)).squareRoot()
            // A bin expecting almost nothing may hold a draw or two.
            #expect(abs(Double(counts[bin]) - expected) <= max(5 * standardError, 3),
                    "n \(n) s \(s) \(bin == shown ? "ranks \(shown)…" : "rank \(bin)"): \(counts[bin]) draws, expected \(expected) ± \(standardError)")
        }
    }

    /// s = 0 is uniform: the law gives every rank 1/n.
    @Test func exponentZeroIsUniform() {
        for k in 0..<10 { #expect(abs(Self.law(k, 10, 0) - 0.1) < 1e-15) }
    }

    /// A generator of one constant word: uniform 0, or the largest uniform below 1.
    struct Constant: RandomNumberGenerator {
        let word: UInt64
        mutating func next() -> UInt64 { word }
    }

    /// The extreme uniforms give the extreme ranks, never one outside 0..<n (the inversion's
    /// rounding lands on x = n + 1 for many of these): u = 0 gives rank 0 and u = 1 − 2⁻⁵³
    /// rank n − 1, for populations of 1 to 10⁹ and exponents over 0...5. (Where the last
    /// ranks' mass is below the uniform's resolution, s > 1 with large n, they cannot be
    /// reached at all, e.g. none past about 9,740 at s = 5; there only the range is checked.)
    @Test("the smallest and largest uniforms give ranks 0 and n − 1", arguments: [0.0, 0.3, 0.5, 1, 1 + 1e-12, 2, 3.7, 5])
    func extremes(s: Double) {
        let law = PowerLaw(exponent: s)
        for n in [1, 2, 3, 7, 10, 100, 1000, 65_536, 1_000_000, 1_000_000_000] {
            var low = Constant(word: 0), high = Constant(word: .max)
            #expect(law.rank(n, using: &low) == 0, "n \(n)")
            let top = law.rank(n, using: &high)
            #expect(top >= 0 && top < n, "n \(n)")
            if Self.law(n - 1, n, s) > 0x1p-40 { #expect(top == n - 1, "n \(n)") }
        }
    }

    /// One uniform draw per rank, and `rank(n, using:)` is `rank(n, span: span(n), using:)`.
    @Test func oneDrawPerRankAndCachedSpan() {
        for s in [0.0, 1, 2.5] {
            let law = PowerLaw(exponent: s)
            var g = Xoshiro256StarStar(seed: 8), h = g, u = g
            for _ in 0..<1000 {
                #expect(law.rank(500, using: &g) == law.rank(500, span: law.span(500), using: &h))
                _ = u.uniformUnit()
            }
            #expect(g.next() == u.next())
        }
    }
}
