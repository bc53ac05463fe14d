import Randomness
import Tensor
import Testing

@Suite struct InitializationTests {
    @Test func xavierVarianceAndSeeding() {
        var g = Xoshiro256StarStar(seed: 4)
        let w = Initializers.xavierUniform(fanIn: 200, fanOut: 100, generator: &g)
        let variance = w.reduce(0) { $0 + $1 * $1 } / Float(w.count)
        // Var U(−a, a) = a²/3 = 2/(fanIn + fanOut)
        #expect(Swift.abs(variance - 2 / 300) < 0.0007)
        var g1 = Xoshiro256StarStar(seed: 5), g2 = Xoshiro256StarStar(seed: 5)
        #expect(Initializers.kaimingUniform(count: 10, fanIn: 3, generator: &g1)
                == Initializers.kaimingUniform(count: 10, fanIn: 3, generator: &g2))
    }
}
