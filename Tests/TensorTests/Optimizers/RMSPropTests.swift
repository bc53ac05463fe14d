import Tensor
import Testing

@Suite struct RMSPropTests {
    /// torch.optim.RMSprop(lr=0.01), 3 steps on the reference problem.
    @Test func matchesPyTorch() {
        expectClose(runOptimizer(steps: 3) { RMSProp($0, learningRate: 0.01) }, [0.9299348, -1.775385, 0.2904332])
    }

    /// torch.optim.RMSprop(lr=0.01, momentum=0.5, centered=True), 3 steps.
    @Test func centeredMomentumMatchesPyTorch() {
        expectClose(runOptimizer(steps: 3) { RMSProp($0, learningRate: 0.01, momentum: 0.5, centered: true) },
                    [0.8302453, -1.664501, 0.1875927], tolerance: 2e-5)
    }
}
