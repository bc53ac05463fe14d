import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct AttentionPoolingTests {
    @Test func paddingGetsZeroWeightAndWeightsSumToOne() {
        var g = Xoshiro256StarStar(seed: 2)
        let embedding = Embedding(6, 4, generator: &g)
        let pooling = AttentionPooling(4, generator: &g)
        let (x, valid) = embedding.padded([[1, 2, 3], [5], []])
        let alpha = pooling.weights(x, valid: valid).data   // [3, 3]
        #expect(Swift.abs(alpha[0] + alpha[1] + alpha[2] - 1) < 1e-6)
        expectClose(Array(alpha[3..<6]), [1, 0, 0])
        let pooled = pooling(x, valid: valid)
        #expect(pooled.shape == [3, 4])
        expectClose(Array(pooled.data[4..<8]), Array(embedding.table.data[20..<24]))   // only id 5
        expectClose(Array(pooled.data[8..<12]), [0, 0, 0, 0])                          // empty list
    }

    @Test func gradients() {
        var g = Xoshiro256StarStar(seed: 3)
        let pooling = AttentionPooling(3, attentionSize: 2, generator: &g)
        let valid = [true, true, false, true, false, false]
        checkGradient("attention pooling", shapes: [[2, 3, 3]]) { pooling($0[0], valid: valid) }
    }
}
