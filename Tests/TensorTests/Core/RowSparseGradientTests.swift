import Tensor
import Testing

@Suite struct RowSparseGradientTests {
    @Test func densified() {
        let g = RowSparseGradient(rowCount: 4, width: 2, rows: [1, 3], values: [1, 2, 3, 4])
        #expect(g.densified() == [0, 0, 1, 2, 0, 0, 3, 4])
    }

    /// On a leaf, two sparse gradients merge their row sets (shared rows summed) and stay sparse;
    /// ``Tensor/grad`` is the densifying view.
    @Test func accumulatesOnALeafByMergingRows() {
        let table = Tensor([Float](repeating: 0, count: 10), shape: [5, 2], requiresGrad: true)
        table.accumulateGrad(RowSparseGradient(rowCount: 5, width: 2, rows: [0, 3], values: [1, 1, 2, 2]))
        table.accumulateGrad(RowSparseGradient(rowCount: 5, width: 2, rows: [1, 3, 4], values: [5, 5, 10, 10, 7, 7]))
        #expect(table.sparseGrad?.rows == [0, 1, 3, 4])
        #expect(table.sparseGrad?.values == [1, 1, 5, 5, 12, 12, 7, 7])
        #expect(table.grad == [1, 1, 5, 5, 0, 0, 12, 12, 7, 7])
        #expect(table.hasGrad)
        table.zeroGrad()
        #expect(!table.hasGrad && table.sparseGrad == nil && table.grad == nil)
    }

    /// Sparse + dense (either order) is dense, as PyTorch's.
    @Test func mixingWithADenseGradientMakesItDense() {
        let sparse = RowSparseGradient(rowCount: 3, width: 1, rows: [2], values: [5])
        let a = Tensor([0, 0, 0], shape: [3, 1], requiresGrad: true)
        a.accumulateGrad(sparse)
        a.accumulateGrad([1, 1, 1])
        #expect(a.sparseGrad == nil && a.grad == [1, 1, 6])
        let b = Tensor([0, 0, 0], shape: [3, 1], requiresGrad: true)
        b.accumulateGrad([1, 1, 1])
        b.accumulateGrad(sparse)
        #expect(b.sparseGrad == nil && b.grad == [1, 1, 6])
    }

    /// Writing through ``Tensor/grad`` turns a sparse gradient into the dense one it stands for;
    /// assigning replaces it.
    @Test func writingThroughGradDensifies() {
        let t = Tensor([0, 0, 0, 0], shape: [2, 2], requiresGrad: true)
        t.accumulateGrad(RowSparseGradient(rowCount: 2, width: 2, rows: [1], values: [3, 4]))
        t.grad![0] = 9
        #expect(t.sparseGrad == nil && t.grad == [9, 0, 3, 4])
        t.accumulateGrad(RowSparseGradient(rowCount: 2, width: 2, rows: [0], values: [1, 1]))
        #expect(t.grad == [10, 1, 3, 4])
        t.grad = nil
        #expect(!t.hasGrad)
    }

    /// A sparse gradient through a retained non-leaf result lands densely there (and still
    /// reaches the leaf behind it).
    @Test func retainedResultKeepsADenseGradient() {
        let w = Tensor([1, 2, 3, 4], shape: [2, 2], requiresGrad: true)
        let table = w * 2
        table.retainGrad()
        table.gatherRows([1, 1], sparseGradient: true).sum().backward()
        #expect(table.grad == [0, 0, 2, 2] && table.sparseGrad == nil)
        #expect(w.grad == [0, 0, 4, 4])
    }
}
