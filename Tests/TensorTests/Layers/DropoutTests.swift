import Tensor
import Testing

@Suite struct DropoutTests {
    @Test func trainingMasksAndScalesEvalIsIdentity() {
        let x = Tensor.ones([100, 10])
        let dropout = Dropout(0.25, seed: 9)
        let y = dropout(x, training: true).data
        #expect(y.allSatisfy { $0 == 0 || Swift.abs($0 - 4 / 3) < 1e-6 })
        let dropped = y.filter { $0 == 0 }.count
        #expect(dropped > 200 && dropped < 300)
        #expect(dropout(x, training: false) === x)
        // seeded: same seed, same mask
        #expect(Dropout(0.25, seed: 9)(x, training: true).data == y)
    }
}
