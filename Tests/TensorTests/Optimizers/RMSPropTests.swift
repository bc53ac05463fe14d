import Tensor
import Testing
import TestSupport

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

    /// Lazy RMSProp: a touched row gets the dense update bit for bit; other rows keep their
    /// values and state (with momentum, dense RMSProp keeps moving a row whose gradient is 0).
    @Test(arguments: [RMSProp.Convention.pytorch, .tensorflow1])
    func sparseGradientUpdatesOnlyTheTouchedRows(convention: RMSProp.Convention) {
        let make: ([Tensor]) -> any Optimizer = {
            RMSProp($0, learningRate: 0.01, momentum: 0.5, centered: true, convention: convention)
        }
        let all = [[0, 1, 2, 3, 4, 5, 5], [5, 4, 3, 2, 1, 0, 0]]
        let (sparse, lazy) = runLookups(sparse: true, batches: all, make)
        let (dense, plain) = runLookups(sparse: false, batches: all, make)
        #expect(sparse.data == dense.data)
        #expect(lazy.parameterStates() == plain.parameterStates())

        let start = lookupTableStart
        let (table, optimizer) = runLookups(sparse: true, batches: [[1, 3], [3]], make)
        let (once, first) = runLookups(sparse: true, batches: [[1, 3]], make)
        let (moving, _) = runLookups(sparse: false, batches: [[1, 3], [3]], make)
        #expect(rows(table.data, [0, 2, 4, 5]) == rows(start, [0, 2, 4, 5]))
        #expect(rows(table.data, [1]) == rows(once.data, [1]))
        #expect(rows(moving.data, [1]) != rows(once.data, [1]))
        for key in ["square_avg", "grad_avg", "momentum_buffer"] {
            #expect(rows(optimizer.parameterStates()[0].arrays[key]!, [1]) == rows(first.parameterStates()[0].arrays[key]!, [1]))
        }
    }
}
