import Tensor
import Testing

@Suite struct DropoutTests {
    @Test func trainingMasksAndScalesEvalIsIdentity() {
        let x = Tensor.ones([100, 10])
        let dropout = Dropout(0.25, seed: 9)
        let y = dropout(x).data
        #expect(y.allSatisfy { $0 == 0 || Swift.abs($0 - 4 / 3) < 1e-6 })
        let dropped = y.filter { $0 == 0 }.count
        #expect(dropped > 200 && dropped < 300)
        dropout.eval()
        #expect(dropout(x) === x)
        // seeded: same seed, same mask
        let again: [Float] = Dropout(0.25, seed: 9)(x).data
        #expect(again == y)
    }
}
