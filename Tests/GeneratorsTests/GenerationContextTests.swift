import Randomness
import Testing
@testable import Generators

@Suite struct GenerationContextTests {
    @Test func namedStreamsAreDeterministicAndIndependent() {
        let a = GenerationContext(seed: 5), b = GenerationContext(seed: 5)
        var n1 = a.stream("noise"), n2 = b.stream("noise"), other = a.stream("anomalies")
        let x = (0..<4).map { _ in n1.next() }
        #expect(x == (0..<4).map { _ in n2.next() })
        #expect(x != (0..<4).map { _ in other.next() })
        #expect(a.streamNames == ["noise", "anomalies"])
    }

    @Test func differentSeedsGiveDifferentStreams() {
        var a = GenerationContext(seed: 1).stream("noise"), b = GenerationContext(seed: 2).stream("noise")
        #expect(a.next() != b.next())
    }

    @Test func counterStreamBlocksNeedNoPredecessors() {
        let stream = GenerationContext(seed: 3).counterStream("noise")
        var direct = stream.generator(at: 1_000_000)
        var again = stream.generator(at: 1_000_000)
        var neighbour = stream.generator(at: 999_999)
        let v = direct.next()
        #expect(v == again.next())
        #expect(v != neighbour.next())
    }
}
