import Testing
@testable import Randomness

@Suite struct Xoshiro256StarStarTests {
    /// Values from the reference `xoshiro256starstar.c`, state filled by four SplitMix64 draws from 42.
    @Test func matchesTheReferenceImplementation() {
        var g = Xoshiro256StarStar(seed: 42)
        let expected: [UInt64] = [1546998764402558742, 6990951692964543102, 12544586762248559009,
                                  17057574109182124193, 18295552978065317476]
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    @Test func seedZeroIsUsable() {
        var g = Xoshiro256StarStar(seed: 0)
        #expect(g.next() != 0 || g.next() != 0)
    }
}
