#if canImport(Glibc)
import Glibc
#endif
import Randomness
import Testing
@testable import Metrics

/// The correctly rounded sum and mean against Python's `math.fsum`.
@Suite struct CorrectlyRoundedSumTests {
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

/// Merging accumulators (``CorrectlyRoundedSum/add(_:)-(CorrectlyRoundedSum)``) and rebuilding
/// them from their partials: exact sums of parts add up to the exact sum of the whole.
@Suite struct CorrectlyRoundedSumMergeTests {
    @Test("the sums of the parts of a random partition, merged in any order, round like fsum of all")
    func mergedParts() {
        var g = Xoshiro256StarStar(seed: 99)
        for trial in 0..<500 {
            let n = 1 + g.uniformInt(below: 300)
            let values: [Double] = (0..<n).map { _ in
                switch trial % 3 {
                case 0: return g.standardNormal()
                case 1: return g.standardNormal() * pow(10, Double(g.uniformInt(below: 60)) - 30)
                default: return Double(g.uniformInt(below: 2000)) - 1000 + 0x1p-40 * g.standardNormal()
                }
            }
            let expected = CorrectlyRoundedSum.sum(values)!
            let parts = 1 + g.uniformInt(below: 6)
            var sums = [CorrectlyRoundedSum](repeating: CorrectlyRoundedSum(), count: parts)
            for value in values { sums[g.uniformInt(below: parts)].add(value) }
            var forward = CorrectlyRoundedSum(), backward = CorrectlyRoundedSum()
            for sum in sums { forward.add(sum) }
            for sum in sums.reversed() { backward.add(CorrectlyRoundedSum(exactSumOf: sum.partialValues)) }
            #expect(forward.value == expected)
            #expect(backward.value == expected)
            #expect(correctlyRoundedMean(values) == forward.value / Double(n))
        }
    }

    @Test("an overflowed part marks the merge overflowed")
    func overflow() {
        var big = CorrectlyRoundedSum()
        big.add(1.7e308)
        big.add(1.7e308)
        var merged = CorrectlyRoundedSum(exactSumOf: [1])
        merged.add(big)
        #expect(merged.overflowed)
    }
}
