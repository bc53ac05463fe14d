import Randomness
import TensorFloat64
import Testing

/// BatchNorm1d (batch statistics in training mode, running ones in evaluation mode) and the
/// spectral-normalised linear layer.
@Suite struct NormalizationGradientTests {
    /// In training mode the output depends on the batch only (the running averages it updates
    /// are not read), so every call of the checker computes the same function.
    @Test func batchNorm() {
        let bn = BatchNorm1d(4)
        var g = Xoshiro256StarStar(seed: 2)
        bn.gamma!.data = Tensor.randn([4], mean: 1, std: 0.3, generator: &g).data
        bn.beta!.data = Tensor.randn([4], generator: &g).data
        checkGradient("batchnorm train", bn, shapes: [[5, 4]]) { bn($0[0]) }
        checkGradient("batchnorm train, two rows", bn, shapes: [[2, 4]]) { bn($0[0]) }
        let plain = BatchNorm1d(3, epsilon: 1e-3, affine: false)
        checkGradient("batchnorm train without affine", plain, shapes: [[4, 3]]) { plain($0[0]) }
        bn.eval()
        checkGradient("batchnorm eval", bn, shapes: [[5, 4]]) { bn($0[0]) }
    }

    /// With `u`, `v` settled in training mode and kept in evaluation mode, `σ = uᵀWv` and the
    /// gradient flows through `σ` with `u`, `v` fixed, as in PyTorch.
    @Test func spectralNorm() {
        var g = Xoshiro256StarStar(seed: 4)
        let sn = SpectralNormLinear(Linear(3, 2, generator: &g), powerIterations: 5, generator: &g)
        _ = sn(Tensor.zeros([1, 3]))
        sn.eval()
        checkGradient("spectral norm", sn, shapes: [[2, 3]]) { sn($0[0]) }
        let noBias = SpectralNormLinear(Linear(4, 4, bias: false, generator: &g), generator: &g)
        _ = noBias(Tensor.zeros([1, 4]))
        noBias.eval()
        checkGradient("spectral norm without bias", noBias, shapes: [[3, 4]]) { noBias($0[0]) }
    }
}
