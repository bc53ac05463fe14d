import Testing
@testable import Randomness

@Suite struct SamplingTests {
    @Test func uniformIntStaysInRangeAndCoversIt() {
        var g = Xoshiro256StarStar(seed: 7)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[g.uniformInt(below: 7)] += 1 }
        // Each cell expects 10,000; 5 standard deviations is about 470.
        for c in counts { #expect(abs(c - 10_000) < 470) }
    }

    @Test func uniformIntInClosedRange() {
        var g = Xoshiro256StarStar(seed: 1)
        var seen = Set<Int>()
        for _ in 0..<1000 { seen.insert(g.uniformInt(in: -2...2)) }
        #expect(seen == [-2, -1, 0, 1, 2])
    }

    @Test func uniformUnitIsInHalfOpenInterval() {
        var g = Xoshiro256StarStar(seed: 3)
        var sum = 0.0
        for _ in 0..<100_000 {
            let u = g.uniformUnit()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        #expect(abs(sum / 100_000 - 0.5) < 0.005)
    }

    @Test func standardNormalHasUnitMoments() {
        var g = Xoshiro256StarStar(seed: 11)
        let n = 200_000
        var s1 = 0.0, s2 = 0.0
        for _ in 0..<n { let z = g.standardNormal(); s1 += z; s2 += z * z }
        #expect(abs(s1 / Double(n)) < 0.01)
        #expect(abs(s2 / Double(n) - 1) < 0.01)
    }

    @Test func shuffleIsAPermutationAndDeterministic() {
        var a = Array(0..<100), b = Array(0..<100)
        var g1 = Xoshiro256StarStar(seed: 5), g2 = Xoshiro256StarStar(seed: 5)
        g1.shuffle(&a); g2.shuffle(&b)
        #expect(a == b)
        #expect(a.sorted() == Array(0..<100))
        #expect(a != Array(0..<100))
    }

    @Test func categoricalFollowsWeights() {
        var g = Xoshiro256StarStar(seed: 9)
        var counts = [0, 0, 0]
        for _ in 0..<40_000 { counts[g.categorical(weights: [1, 0, 3])] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(counts[0] - 10_000) < 500)
    }

    @Test func sampleWithoutReplacementIsASubset() {
        var g = Xoshiro256StarStar(seed: 9)
        let sample = g.sampleWithoutReplacement(256, from: 1000)
        #expect(Set(sample).count == 256)
        #expect(sample.allSatisfy { (0..<1000).contains($0) })
    }
}
