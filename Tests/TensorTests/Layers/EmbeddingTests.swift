import Randomness
import Tensor
import Testing

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
    }
}
