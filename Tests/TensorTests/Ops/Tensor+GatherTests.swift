import Tensor
import Testing
import TestSupport

@Suite struct TensorGatherTests {
    @Test func gradients() {
        checkGradient("gatherRows with repeats", shapes: [[5, 3]]) { $0[0].gatherRows([4, 0, 4, 2]) }
        checkGradient("gatherRows sparse gradient", shapes: [[6, 3]]) {
            $0[0].gatherRows([4, 0, 4, 2, 5, 4], sparseGradient: true)
        }
        // The table as an op's result: the sparse rows are scatter-added into its dense gradient.
        checkGradient("gatherRows sparse gradient through an op", shapes: [[5, 2]]) {
            ($0[0] * $0[0]).gatherRows([1, 3, 1], sparseGradient: true)
        }
    }

    @Test func values() {
        let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        expectClose(m.gatherRows([1, 1, 0]).data, [4, 5, 6, 4, 5, 6, 1, 2, 3])
        #expect(m.gatherRows([]).shape == [0, 3])
        expectClose(m.gatherRows([0, 1], paddingIndex: 0, sparseGradient: true).data, [1, 2, 3, 4, 5, 6])
    }

    /// The sparse gradient: distinct rows sorted, repeats summed, padding left out; the same
    /// numbers as the dense gradient.
    @Test func sparseGradientIsTheCoalescedScatterAdd() throws {
        let table = Tensor((0..<18).map(Float.init), shape: [6, 3], requiresGrad: true)
        let weights = Tensor((0..<21).map { Float($0 % 5) - 2 }, shape: [7, 3])
        let ids = [5, 0, 2, 5, 0, 3, 5]
        (table.gatherRows(ids, paddingIndex: 0, sparseGradient: true) * weights).sum().backward()
        let sparse = try #require(table.sparseGrad)
        #expect(sparse.rows == [2, 3, 5] && sparse.rowCount == 6 && sparse.width == 3)
        let dense = Tensor((0..<18).map(Float.init), shape: [6, 3], requiresGrad: true)
        (dense.gatherRows(ids, paddingIndex: 0) * weights).sum().backward()
        #expect(dense.sparseGrad == nil)
        #expect(table.grad == dense.grad)
        #expect(Array(dense.grad![0..<3]) == [0, 0, 0])         // padding: no gradient
        #expect(Array(dense.grad![3..<6]) == [0, 0, 0])         // row 1: not looked up
        // Row 5 at positions 0, 3, 6: the sum of those weight rows.
        let w = weights.data
        let expected: [Float] = (0..<3).map { j in w[j] + w[9 + j] + w[18 + j] }
        #expect(Array(sparse.values[6..<9]) == expected)
    }

    /// A vocabulary much larger than the batch takes the comparison-sort path for the rows.
    @Test func largeVocabularySortsTheRows() {
        let table = Tensor([Float](repeating: 1, count: 1000 * 2), shape: [1000, 2], requiresGrad: true)
        table.gatherRows([900, 7, 412, 7, 0], sparseGradient: true).sum().backward()
        #expect(table.sparseGrad?.rows == [0, 7, 412, 900])
        #expect(table.sparseGrad?.values == [1, 1, 2, 2, 1, 1, 1, 1])
    }

    /// Without a table gradient (a constant, or under noGrad), no graph is recorded.
    @Test func noGraphForAConstantTable() {
        let table = Tensor([1, 2, 3, 4], shape: [2, 2])
        #expect(!table.gatherRows([1], sparseGradient: true).requiresGrad)
        let parameter = Tensor([1, 2, 3, 4], shape: [2, 2], requiresGrad: true)
        #expect(!Tensor.noGrad { parameter.gatherRows([1], sparseGradient: true) }.requiresGrad)
    }
}
