import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct EmbeddingTests {
    @Test func lookupPaddingAndGradient() {
        var g = Xoshiro256StarStar(seed: 1)
        let embedding = Embedding(5, 3, generator: &g)
        let rows = embedding([4, 1])
        expectClose(rows.data, Array(embedding.table.data[12..<15] + embedding.table.data[3..<6]))
        let (vectors, valid) = embedding.padded([[1, 2, 3], [4]])
        #expect(vectors.shape == [2, 3, 3])
        #expect(valid == [true, true, true, true, false, false])
        embedding([2, 2]).sum().backward()
        #expect(Array(embedding.table.grad![6..<9]) == [2, 2, 2])
        #expect(Array(embedding.table.grad![0..<3]) == [0, 0, 0])
        #expect(embedding.table.sparseGrad == nil)
    }

    /// `paddingIndex` (PyTorch's `padding_idx`): a zero row, looked up as zeros, never given a
    /// gradient, so an optimizer leaves it at zero; `padded` pads with it and flags it invalid
    /// wherever it appears.
    @Test(arguments: [false, true])
    func paddingIndex(sparse: Bool) {
        var g = Xoshiro256StarStar(seed: 2)
        let embedding = Embedding(6, 4, paddingIndex: 0, sparse: sparse, generator: &g)
        #expect(Array(embedding.table.data[0..<4]) == [0, 0, 0, 0])
        #expect(embedding.table.data[4..<24].allSatisfy { $0 != 0 })
        let (vectors, valid) = embedding.padded([[3, 0, 5], [2]])
        #expect(valid == [true, false, true, true, false, false])
        #expect(Array(vectors.data[4..<8]) == [0, 0, 0, 0])
        let adam = Adam(embedding.parameters, learningRate: 0.1)
        for _ in 0..<3 {
            adam.zeroGrad()
            let (v, _) = embedding.padded([[3, 0, 5], [2, 0]])
            (v * v + v).sum().backward()
            #expect(Array(embedding.table.grad![0..<4]) == [0, 0, 0, 0])
            #expect(embedding.table.sparseGrad.map { !$0.rows.contains(0) } ?? !sparse)
            adam.step()
        }
        #expect(Array(embedding.table.data[0..<4]) == [0, 0, 0, 0])
    }

    /// Two backward passes accumulate a sparse gradient by merging the row sets: the same numbers
    /// as the dense table's gradient over the same two passes.
    @Test func sparseGradientAccumulatesOverBackwardPasses() throws {
        var g1 = Xoshiro256StarStar(seed: 3), g2 = Xoshiro256StarStar(seed: 3)
        let sparse = Embedding(8, 2, paddingIndex: 0, sparse: true, generator: &g1)
        let dense = Embedding(8, 2, paddingIndex: 0, generator: &g2)
        for embedding in [sparse, dense] {
            (embedding([1, 4, 4, 0]) * embedding([1, 4, 4, 0])).sum().backward()
            embedding([4, 6, 0]).sum().backward()
        }
        let gradient = try #require(sparse.table.sparseGrad)
        #expect(gradient.rows == [1, 4, 6])
        #expect(sparse.table.grad == dense.table.grad)
    }

    /// Finite differences through a sparse lookup with repeats, the table as the checked input.
    @Test func sparseLookupGradient() {
        checkGradient("sparse embedding lookup", shapes: [[7, 3]]) { inputs in
            let y = inputs[0].gatherRows([6, 1, 1, 3, 6, 6], sparseGradient: true)
            return y * y
        }
    }
}
