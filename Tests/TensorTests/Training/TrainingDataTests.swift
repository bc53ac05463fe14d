import Tensor
import Testing

@Suite struct TrainingDataTests {
    /// Sequences `[n, T, F]` are batched by their first axis and keep their shape.
    @Test func denseRowsOfSequencesKeepTheirShape() {
        let data = Tensor((0..<24).map(Float.init), shape: [4, 3, 2])
        let batch = DenseRows(data).batch([2, 0])
        #expect(batch.x.shape == [2, 3, 2])
        #expect(batch.x.data == (12..<18).map(Float.init) + (0..<6).map(Float.init))
        #expect(batch.indices == [2, 0])
        #expect(DenseRows(Tensor([1, 2, 3], shape: [3])).batch([1, 1]).x.data == [2, 2])
        #expect(DenseRows(Tensor((0..<6).map(Float.init), shape: [3, 2])).batch([2]).x.data == [4, 5])
    }
}
