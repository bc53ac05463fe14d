import Randomness
import Testing
@testable import Generators

@Suite struct SelectionSamplerTests {
    @Test func selectsExactlyK() {
        for (k, n) in [(0, 10), (10, 10), (1, 1), (500, 2000), (3, 100_000)] {
            var s = SelectionSampler(choosing: k, of: n, generator: Xoshiro256StarStar(seed: UInt64(n)))
            var count = 0
            for _ in 0..<n where s.next() { count += 1 }
            #expect(count == k)
        }
    }

    @Test func everyPositionIsEquallyLikely() {
        // 4,000 draws of 2 of 5: each position selected 1,600 times in expectation (sd about 31).
        var hits = [Int](repeating: 0, count: 5)
        var g = Xoshiro256StarStar(seed: 99)
        for _ in 0..<4000 {
            var s = SelectionSampler(choosing: 2, of: 5, generator: Xoshiro256StarStar(seed: g.next()))
            for i in 0..<5 where s.next() { hits[i] += 1 }
        }
        for h in hits { #expect(abs(h - 1600) < 160) }
    }

    @Test func kindSequencerDealsExactCounts() {
        var dealer = KindSequencer(counts: [3, 0, 5], generator: Xoshiro256StarStar(seed: 1))
        var seen = [0, 0, 0]
        for _ in 0..<8 { seen[dealer.next()] += 1 }
        #expect(seen == [3, 0, 5])
        #expect(dealer.remaining == [0, 0, 0])
    }
}
