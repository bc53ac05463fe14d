import Randomness
import TensorFloat64
import Testing

/// The lookup table's gradient, dense and row-sparse (``Tensor/sparseGrad``, densified by
/// ``Tensor/grad`` for the comparison), with repeated ids and a padding index, and attention
/// pooling over padded sets.
@Suite struct EmbeddingGradientTests {
    @Test func denseAndSparse() {
        for sparse in [false, true] {
            var g = Xoshiro256StarStar(seed: 6)
            let table = Embedding(7, 3, sparse: sparse, generator: &g)
            checkGradient("embedding sparse \(sparse)", table, shapes: []) { _ in
                let y = table([6, 1, 1, 3, 6, 6])
                return y * y
            }
            checkGradient("embedding sparse \(sparse) times an input", table, shapes: [[4, 3]]) { x in
                table([2, 0, 2, 5]) * x[0]
            }
        }
    }

    /// Two lookups of one table in one graph (the row sets merge), and a sparse lookup next to a
    /// dense use of the table (the sum turns dense, in either order of arrival).
    @Test func sparseAndDenseTogether() {
        var g = Xoshiro256StarStar(seed: 7)
        let table = Embedding(6, 2, sparse: true, generator: &g)
        checkGradient("two sparse lookups", table, shapes: [[3, 2]]) { x in
            table([5, 1, 1]) * x[0] + table([1, 2, 0]).tanh()
        }
        checkGradient("sparse lookup, then a dense use", table, shapes: [[3, 2]]) { x in
            (table([4, 4, 0]) * x[0]).sum() + (table.table * table.table).sum()
        }
        checkGradient("dense use, then a sparse lookup", table, shapes: [[2, 2]]) { x in
            (table.table.exp().sum(axis: 0, keepDims: true) * table([3, 1])).sum() * x[0]
        }
    }

    /// The padding row gets no gradient; its positions are masked by the pooling (weight exactly
    /// 0), so its true gradient is 0 as well.
    @Test func paddedListsThroughAttentionPooling() {
        for sparse in [false, true] {
            var g = Xoshiro256StarStar(seed: 8)
            let table = Embedding(6, 3, paddingIndex: 0, sparse: sparse, generator: &g)
            let pooling = AttentionPooling(3, attentionSize: 2, generator: &g)
            checkGradient("embedding padded sparse \(sparse)", table, pooling, shapes: []) { _ in
                let (vectors, valid) = table.padded([[1, 4], [5], [], [2, 0, 3]])
                return pooling(vectors, valid: valid)
            }
        }
    }

    @Test func attentionPooling() {
        var g = Xoshiro256StarStar(seed: 3)
        let pooling = AttentionPooling(3, attentionSize: 2, generator: &g)
        let valid = [true, true, false, true, false, false]
        checkGradient("attention pooling", pooling, shapes: [[2, 3, 3]]) { pooling($0[0], valid: valid) }
        let allValid = [Bool](repeating: true, count: 6)
        checkGradient("attention pooling all valid", pooling, shapes: [[3, 2, 3]]) { pooling($0[0], valid: allValid) }
        checkGradient("attention weights", pooling, shapes: [[2, 3, 3]]) { pooling.weights($0[0], valid: valid) }
        let square = AttentionPooling(4, generator: &g)
        checkGradient("attention pooling default size", square, shapes: [[2, 3, 4]]) { square($0[0], valid: allValid) }
    }
}
