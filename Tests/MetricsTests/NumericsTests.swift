#if canImport(Glibc)
import Glibc
#endif
import Randomness
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

    @Test("certified fast sum: whenever it answers, it equals fsum (random, cancelling, near-tie blocks)")
    func certifiedSum() {
        var g = Xoshiro256StarStar(seed: 2024)
        var answered = 0, total = 0
        for trial in 0..<6000 {
            let m = 1 + g.uniformInt(below: 200)
            var values: [Double]
            switch trial % 5 {
            case 0: values = (0..<m).map { _ in g.standardNormal() }
            case 1: values = (0..<m).map { _ in g.standardNormal() * pow(10, Double(g.uniformInt(below: 40)) - 20) }
            case 2:  // heavy cancellation: x, -x pairs plus a small remainder
                let base = (0..<m).map { _ in g.standardNormal() * 1e15 }
                values = base + base.map { -$0 } + [g.standardNormal()]
            case 3:  // exact half-way cases: 1 + 2^-53 (+ tiny) patterns
                values = [1.0, 0x1p-53] + (0..<m % 3).map { _ in g.uniformUnit() < 0.5 ? 0x1p-106 : -0x1p-106 }
            default:  // integers and dyadics: sums are exact
                values = (0..<m).map { _ in Double(g.uniformInt(below: 1000)) / 8 }
            }
            total += 1
            let exact = CorrectlyRoundedSum.sum(values)!
            let fast = values.withUnsafeBufferPointer { certifiedCompensatedSum($0) }
            if let fast {
                answered += 1
                #expect(fast == exact, "trial \(trial): fast \(fast) vs fsum \(exact)")
            }
            #expect(correctlyRoundedMean(values) == exact / Double(values.count))
        }
        #expect(answered > total / 2)  // the fast path does the bulk of the work
    }
}
