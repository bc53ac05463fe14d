import Tensor
import Testing
import TestSupport

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

    /// A row-sparse gradient's rows count in the global norm and are scaled, staying sparse:
    /// table rows [3, 0] and [0, 4] (norm 5) with a dense [0, 0, 12] (norm 12) give N = 13.
    @Test func sparseRowsCountAndAreScaled() {
        let table = Tensor([Float](repeating: 0, count: 8), shape: [4, 2], requiresGrad: true)
        table.accumulateGrad(RowSparseGradient(rowCount: 4, width: 2, rows: [0, 2], values: [3, 0, 0, 4]))
        let p = Tensor([0, 0, 6], shape: [3], requiresGrad: true)
        (p * p).sum().backward()
        #expect(clipGradNorm([table, p], maxNorm: 1.3) == 13)
        #expect(table.sparseGrad?.rows == [0, 2])
        expectClose(table.sparseGrad?.values ?? [], [0.3, 0, 0, 0.4])
        expectClose(p.grad!, [0, 0, 1.2])
    }
}
