import Testing
@testable import Randomness

@Suite struct SeedDerivationTests {
    @Test func fnv1aMatchesPublishedValues() {
        // FNV-1a 64 test vectors from the reference page (isthe.com/chongo/tech/comp/fnv).
        #expect(SeedDerivation.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
        #expect(SeedDerivation.fnv1a64("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(SeedDerivation.fnv1a64("foobar") == 0x8594_4171_F739_67E8)
    }

    @Test func namesAndCountersGiveDistinctSeeds() {
        let a = SeedDerivation.seed(master: 1, name: "noise")
        let b = SeedDerivation.seed(master: 1, name: "anomalies")
        let c = SeedDerivation.seed(master: 2, name: "noise")
        #expect(Set([a, b, c]).count == 3)
        let blocks = (0..<1000).map { SeedDerivation.seed(stream: a, counter: UInt64($0)) }
        #expect(Set(blocks).count == 1000)
    }
}
