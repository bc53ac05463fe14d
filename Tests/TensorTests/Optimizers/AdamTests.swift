import Tensor
import Testing

@Suite struct AdamTests {
    /// torch.optim.Adam(lr=0.1), 3 steps on the reference problem.
    @Test func matchesPyTorch() {
        expectClose(runOptimizer(steps: 3) { Adam($0, learningRate: 0.1) }, [0.8453203, -1.700675, 0.2048713])
    }

    /// torch.optim.Adam(lr=0.1, amsgrad=True, weight_decay=0.1), 5 steps.
    @Test func amsgradWithWeightDecayMatchesPyTorch() {
        expectClose(runOptimizer(steps: 5) { Adam($0, learningRate: 0.1, weightDecay: 0.1, amsgrad: true) },
                    [0.743772, -1.502842, 0.02781446])
    }

    /// First step by hand: m̂ = g, v̂ = g², so p₁ = p₀ − η·g/(|g| + ε) = p₀ − η·sign(g).
    @Test func firstStepByHand() {
        let p = Tensor([3, -1], shape: [2], requiresGrad: true)
        let adam = Adam([p], learningRate: 0.5)
        (p * Tensor([2, -4], shape: [2])).sum().backward()
        adam.step()
        expectClose(p.data, [2.5, -0.5])
    }
}
