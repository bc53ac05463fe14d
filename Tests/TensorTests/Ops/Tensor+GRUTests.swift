import Randomness
import Tensor
import Testing
import TestSupport

/// The fused GRU primitive: finite-difference gradients for the input, the initial state and
/// every parameter, with and without padding, in both reading directions (PyTorch agreement is
/// tested through the layers, `GRUTests`).
@Suite struct TensorGRUTests {
    static let (batch, steps, features, hidden) = (3, 4, 2, 3)

    @Test(arguments: TensorLSTMTests.masks, [false, true])
    func gradients(mask: SequenceMask?, reversed: Bool) {
        let (b, t, f, h) = (Self.batch, Self.steps, Self.features, Self.hidden)
        checkGradient("gru mask \(String(describing: mask)) reversed \(reversed)",
                      shapes: [[b, t, f], [f, 3 * h], [h, 3 * h], [3 * h], [3 * h], [b, h]]) { i in
            let y = Tensor.gru(i[0], inputWeight: i[1], hiddenWeight: i[2], inputBias: i[3], hiddenBias: i[4],
                               hidden: i[5], mask: mask, reversed: reversed)
            return Tensor.concatenate([y.output.reshaped([b, t * h]), y.hidden], axis: 1)
        }
    }

    @Test func gradientsWithoutOptionalInputs() {
        checkGradient("gru H 10", shapes: [[2, 3, 2], [2, 30], [10, 30]]) { i in
            Tensor.gru(i[0] * 0.5, inputWeight: i[1] * 0.5, hiddenWeight: i[2] * 0.3).hidden
        }
    }

    @Test func paddedStepsKeepTheStateAndOutputZero() {
        var g = Xoshiro256StarStar(seed: 3)
        let x = Tensor.randn([2, 5, 2], generator: &g)
        let (wi, wh) = (Tensor.randn([2, 9], generator: &g), Tensor.randn([3, 9], generator: &g))
        let h0 = Tensor.randn([2, 3], generator: &g)
        for reversed in [false, true] {
            let y = Tensor.gru(x, inputWeight: wi, hiddenWeight: wh, hidden: h0, mask: .lengths([5, 3]), reversed: reversed)
            let alone = Tensor.gru(x.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 0..<3), inputWeight: wi,
                                   hiddenWeight: wh, hidden: h0.slice(axis: 0, range: 1..<2), reversed: reversed)
            expectClose(y.output.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 0..<3).data, alone.output.data)
            #expect(y.output.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 3...).data.allSatisfy { $0 == 0 })
            expectClose(y.hidden.slice(axis: 0, range: 1..<2).data, alone.hidden.data)
        }
    }
}
