import Tensor
import Testing
import TestSupport

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

    /// Lazy Adam on a row-sparse gradient: rows never looked up, and rows looked up earlier but
    /// not now, keep their values and moments; a touched row's first update is dense Adam's.
    @Test func sparseGradientUpdatesOnlyTheTouchedRows() {
        let start = lookupTableStart
        let (table, adam) = runLookups(sparse: true, batches: [[1, 3, 3], [3, 4]]) { Adam($0, learningRate: 0.1) }
        let (dense, denseAdam) = runLookups(sparse: false, batches: [[1, 3, 3], [3, 4]]) { Adam($0, learningRate: 0.1) }
        #expect(rows(table.data, [0, 2, 5]) == rows(start, [0, 2, 5]))     // never touched
        #expect(rows(dense.data, [0, 2, 5]) == rows(start, [0, 2, 5]))     // dense: zero gradient, zero moments
        // Row 1 (touched in step 1 only) moved once; dense Adam moved it again in step 2.
        let (once, _) = runLookups(sparse: true, batches: [[1, 3, 3]]) { Adam($0, learningRate: 0.1) }
        #expect(rows(table.data, [1]) == rows(once.data, [1]))
        #expect(rows(dense.data, [1]) != rows(table.data, [1]))
        let state = adam.parameterStates()[0], denseState = denseAdam.parameterStates()[0]
        #expect(state.counters["step"] == 2)
        // Its first moment kept its step-1 value; dense Adam decayed it by β₁.
        expectClose(rows(state.arrays["exp_avg"]!, [1]), rows(denseState.arrays["exp_avg"]!, [1]).map { $0 / 0.9 })
    }

    /// When every row is touched in every step, lazy Adam is dense Adam: bit for bit in the
    /// TensorFlow convention (the same arithmetic), within ε's placement in PyTorch's
    /// (SparseAdam adds ε after the bias correction).
    @Test(arguments: [false, true])
    func sparseEqualsDenseWhenEveryRowIsTouched(amsgrad: Bool) {
        let batches = [[0, 1, 2, 3, 4, 5, 5], [5, 4, 3, 2, 1, 0, 0], [2, 0, 1, 3, 5, 4]]
        for convention in [Adam.Convention.tensorflow, .pytorch] {
            let make: ([Tensor]) -> any Optimizer = {
                Adam($0, learningRate: 0.05, weightDecay: 0.01, amsgrad: amsgrad, convention: convention)
            }
            let (sparse, lazy) = runLookups(sparse: true, batches: batches, make)
            let (dense, plain) = runLookups(sparse: false, batches: batches, make)
            if convention == .tensorflow {
                #expect(sparse.data == dense.data)
                #expect(lazy.parameterStates() == plain.parameterStates())
            } else {
                expectClose(sparse.data, dense.data, tolerance: 1e-6)
            }
        }
    }
}
