#if canImport(Glibc)
import Glibc
#endif
import Randomness
import Testing
@testable import Metrics

/// Correctly rounded integer quotients against Python's `int / int`.
@Suite struct ExactQuotientTests {
    @Test("correctlyRoundedQuotient = Python int/int", arguments: [
        (UInt64(4_611_686_018_427_400_249), UInt64(4_611_686_018_427_487_903), 0.999999999999981),
        (1_000_000_000_000_000_007, 3_000_000_000_000_000_001, 0.3333333333333333),
        (123_456_789_012_345_678, 987_654_321_098_765_432, 0.1249999988609375),
        (9_007_199_254_740_993, 18_014_398_509_481_984, 0.5),
        (3, 9_223_372_036_854_775_783, 3.2526065174565133e-19),
        (3, 4, 0.75),
    ])
    func quotient(a: UInt64, b: UInt64, expected: Double) {
        #expect(correctlyRoundedQuotient(a, b) == expected)
    }

    @Test("quotient agrees with one division where both operands are exact doubles")
    func quotientSmall() {
        var x: UInt64 = 88_172_645_463_325_252
        for _ in 0..<2000 {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            let a = x >> 12, b = (x >> 11) | 1
            #expect(correctlyRoundedQuotient(a % (1 << 53), b % (1 << 53) + 1) == Double(a % (1 << 53)) / Double(b % (1 << 53) + 1))
            // Above 2^53: the result times b must be within half an ulp of a (checked in 128 bits).
            let big = correctlyRoundedQuotient(a << 10 | 1, b)
            let exact = Double(a << 10 | 1) / Double(b)
            #expect(abs(big - exact) <= 2 * exact.ulp)
        }
        #expect(correctlyRoundedQuotient(Int64(-3), 4) == -0.75)
    }
}
