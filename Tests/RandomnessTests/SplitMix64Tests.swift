import Testing
@testable import Randomness

@Suite struct SplitMix64Tests {
    /// Values from Vigna's reference `splitmix64.c` compiled with gcc, seed 0.
    @Test func matchesTheReferenceImplementation() {
        var g = SplitMix64(seed: 0)
        #expect([g.next(), g.next(), g.next()] == [16294208416658607535, 7960286522194355700, 487617019471545679])
    }
}
