import Tensor
import Testing
import TestSupport

@Suite struct SGDTests {
    @Test func plainStep() {
        let p = Tensor([1, 2], shape: [2], requiresGrad: true)
        (p * p).sum().backward()   // g = 2p
        SGD([p], learningRate: 0.1).step()
        expectClose(p.data, [0.8, 1.6])
    }

    /// torch.optim.SGD(lr=0.05, momentum=0.9), 3 steps on the reference problem.
    @Test func momentumMatchesPyTorch() {
        expectClose(runOptimizer(steps: 3) { SGD($0, learningRate: 0.05, momentum: 0.9) },
                    [0.92125, -0.357625, -0.139])
    }

    /// torch.optim.SGD(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01), 3 steps.
    @Test func nesterovMatchesPyTorch() {
        expectClose(runOptimizer(steps: 3) { SGD($0, learningRate: 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true) },
                    [0.7887788, -0.05048627, -0.1744746])
    }

    /// A row-sparse gradient gives exactly the dense result, with or without momentum and weight
    /// decay (without either, only the touched rows are visited).
    @Test func sparseGradientMatchesDense() {
        let batches = [[1, 3, 3], [3, 4], [0]]
        let plain: ([Tensor]) -> any Optimizer = { SGD($0, learningRate: 0.1) }
        let momentum: ([Tensor]) -> any Optimizer = { SGD($0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) }
        for make in [plain, momentum] {
            let (sparse, a) = runLookups(sparse: true, batches: batches, make)
            let (dense, b) = runLookups(sparse: false, batches: batches, make)
            #expect(sparse.data == dense.data)
            #expect(a.parameterStates() == b.parameterStates())
        }
    }
}
