import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct SpectralNormLinearTests {
    /// diag(3, 1) has σ = 3; power iteration converges and the normalised weight has σ = 1.
    @Test func estimatesLargestSingularValue() {
        var g = Xoshiro256StarStar(seed: 9)
        let linear = Linear(2, 2, bias: false, generator: &g)
        linear.weight.data = [3, 0, 0, 1]
        let sn = SpectralNormLinear(linear, powerIterations: 20, generator: &g)
        #expect(Swift.abs(sn.sigma(update: true) - 3) < 1e-4)
        sn.eval()
        let y = sn(Tensor([1, 1], shape: [1, 2]))
        expectClose(y.data, [1, 1.0 / 3], tolerance: 1e-4)
    }

    @Test func gradientThroughSigma() {
        var g = Xoshiro256StarStar(seed: 10)
        let sn = SpectralNormLinear(Linear(3, 2, generator: &g), powerIterations: 5, generator: &g)
        _ = sn(Tensor.zeros([1, 3]))   // settle u, v in training mode; eval keeps them fixed below
        sn.eval()
        // the layer's formula with the checker's weight: σ(W) = uᵀWv with u, v fixed
        checkGradient("spectral norm weight", shapes: [[3, 2]]) { w in
            let sigma = Tensor(sn.u.data, shape: [1, 3]).matmul(w[0]).matmul(Tensor(sn.v.data, shape: [2, 1])).reshaped([])
            return Tensor([1, -2, 0.5], shape: [1, 3]).matmul(w[0] / sigma)
        }
        checkGradient("spectral norm input", shapes: [[2, 3]]) { sn($0[0]) }
    }
}
