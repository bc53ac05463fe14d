import Testing
@testable import Metrics

/// Correctly rounded quotients and sums against Python (`int / int`, `math.fsum`).
@Suite struct NumericsTests {
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

    @Test("fsum = math.fsum", arguments: [
        ([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50], 1e-100),
        (Array(repeating: 0.1, count: 10), 1.0),
        ([1.0, 1e-16, 1e-16], 1.0000000000000002),
        ([1.0, 0x1p-53, 0x1p-106], 1.0000000000000002),
        ([1.0, 0x1p-53], 1.0),
        ([], 0.0),
    ])
    func fsum(values: [Double], expected: Double) {
        #expect(CorrectlyRoundedSum.sum(values) == expected)
        #expect(CorrectlyRoundedSum.sum(values.reversed()) == expected)
    }

    @Test("an overflowing sum is detected, and the mean is rescaled by 2^-64")
    func overflow() {
        #expect(CorrectlyRoundedSum.sum([1.7e308, 1.6e308]) == nil)
        #expect(correctlyRoundedMean([1.7e308, 1.6e308]) == 1.6499999999999999e308)
        #expect(correctlyRoundedMean([-1.7e308, -1.6e308]) == -1.6499999999999999e308)
        #expect(correctlyRoundedMean([0.1, 0.2, 0.3]) == 0.19999999999999998)  // math.fsum(...)/3
    }

    @Test("type-7 quantile = numpy percentile (linear)")
    func quantile() {
        let values = [1.0, 2, 3, 4, 10]
        #expect(linearQuantile(sorted: values, probability: 0.5) == 3)
        #expect(linearQuantile(sorted: values, probability: 0.9) == 7.6000000000000005)  // numpy: 7.6000000000000005
        #expect(linearQuantile(sorted: values, probability: 0) == 1)
        #expect(linearQuantile(sorted: values, probability: 1) == 10)
        #expect(linearQuantile(sorted: [], probability: 0.5).isNaN)
    }
}
