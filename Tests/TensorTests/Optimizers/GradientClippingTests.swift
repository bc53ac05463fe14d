import Tensor
import Testing

@Suite struct GradientClippingTests {
    /// torch.nn.utils.clip_grad_norm_([p], 1.0) with p = [3, 4], L = Σp²: norm 10, grads [0.6, 0.8].
    @Test func matchesPyTorch() {
        let p = Tensor([3, 4], shape: [2], requiresGrad: true)
        (p * p).sum().backward()
        #expect(clipGradNorm([p], maxNorm: 1) == 10)
        expectClose(p.grad!, [0.6, 0.8])
    }

    @Test func smallGradientsAreUntouched() {
        let p = Tensor([0.1], shape: [1], requiresGrad: true)
        (p * p).sum().backward()
        clipGradNorm([p], maxNorm: 1)
        expectClose(p.grad!, [0.2])
    }
}
