import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct TensorReparameterizeTests {
    @Test func gradients() {
        var generator = Xoshiro256StarStar(seed: 11)
        let noise = Tensor.randn([3, 2], generator: &generator)
        checkGradient("reparameterize", shapes: [[3, 2], [3, 2]]) {
            Tensor.reparameterize(mean: $0[0], logVariance: $0[1], noise: noise)
        }
    }

    @Test func valuesAndGradients() {
        let mean = Tensor([1, -1], shape: [1, 2], requiresGrad: true)
        let logVariance = Tensor([0, 2 * 0.6931472], shape: [1, 2], requiresGrad: true)   // σ = 1, 2
        let z = Tensor.reparameterize(mean: mean, logVariance: logVariance, noise: Tensor([0.5, -1], shape: [1, 2]))
        expectClose(z.data, [1.5, -3])
        z.sum().backward()
        #expect(mean.grad == [1, 1])
        expectClose(logVariance.grad ?? [], [0.25, -1])   // ½·σ·ε
    }

    @Test func drawsFromTheGeneratorReproducibly() {
        let mean = Tensor.zeros([2000, 2]), logVariance = Tensor.full([2000, 2], value: 2 * 0.6931472)
        var g1 = Xoshiro256StarStar(seed: 5), g2 = Xoshiro256StarStar(seed: 5)
        let a = Tensor.reparameterize(mean: mean, logVariance: logVariance, generator: &g1)
        let b = Tensor.reparameterize(mean: mean, logVariance: logVariance, generator: &g2)
        #expect(a.data == b.data)
        let variance = a.data.reduce(0) { $0 + $1 * $1 } / Float(a.count)
        #expect(Swift.abs(variance - 4) < 0.4)   // σ² = 4
        let c = Tensor.reparameterize(mean: mean, logVariance: logVariance, generator: &g1)
        #expect(c.data != a.data)   // the generator advanced
    }
}
