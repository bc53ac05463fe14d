import Randomness
import Tensor
import Testing
import TestSupport

/// The fused LSTM primitive: finite-difference gradients for the input, the initial state and
/// every parameter, with and without padding, in both reading directions (PyTorch agreement is
/// tested through the layers, `LSTMTests`).
@Suite struct TensorLSTMTests {
    static let (batch, steps, features, hidden) = (3, 4, 2, 3)
    static let masks: [SequenceMask?] = [nil, .lengths([4, 2, 1]), .valid([true, false, true, true,
                                                                           false, false, false, false,
                                                                           true, true, false, true])]

    @Test(arguments: masks, [false, true])
    func gradients(mask: SequenceMask?, reversed: Bool) {
        let (b, t, f, h) = (Self.batch, Self.steps, Self.features, Self.hidden)
        checkGradient("lstm mask \(String(describing: mask)) reversed \(reversed)",
                      shapes: [[b, t, f], [f, 4 * h], [h, 4 * h], [4 * h], [4 * h], [b, h], [b, h]]) { i in
            let y = Tensor.lstm(i[0], inputWeight: i[1], hiddenWeight: i[2], inputBias: i[3], hiddenBias: i[4],
                                hidden: i[5], cell: i[6], mask: mask, reversed: reversed)
            return Tensor.concatenate([y.output.reshaped([b, t * h]), y.hidden, y.cell], axis: 1)
        }
    }

    /// H = 10: one full eight-lane block and a tail of two; no biases, no initial state; only
    /// the final state used (the output's gradient is absent).
    @Test func gradientsWithoutOptionalInputs() {
        checkGradient("lstm H 10", shapes: [[2, 3, 2], [2, 40], [10, 40]]) { i in
            Tensor.lstm(i[0] * 0.5, inputWeight: i[1] * 0.5, hiddenWeight: i[2] * 0.3).hidden
        }
        checkGradient("lstm cell only", shapes: [[2, 3, 2], [2, 12], [3, 12]]) { i in
            Tensor.lstm(i[0], inputWeight: i[1], hiddenWeight: i[2]).cell
        }
    }

    @Test func paddedStepsKeepTheStateAndOutputZero() {
        var g = Xoshiro256StarStar(seed: 3)
        let x = Tensor.randn([2, 5, 2], generator: &g)
        let (wi, wh) = (Tensor.randn([2, 12], generator: &g), Tensor.randn([3, 12], generator: &g))
        let h0 = Tensor.randn([2, 3], generator: &g), c0 = Tensor.randn([2, 3], generator: &g)
        for reversed in [false, true] {
            let y = Tensor.lstm(x, inputWeight: wi, hiddenWeight: wh, hidden: h0, cell: c0,
                                mask: .lengths([5, 2]), reversed: reversed)
            // Row 1 alone, cut to its 2 real steps.
            let alone = Tensor.lstm(x.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 0..<2), inputWeight: wi,
                                    hiddenWeight: wh, hidden: h0.slice(axis: 0, range: 1..<2),
                                    cell: c0.slice(axis: 0, range: 1..<2), reversed: reversed)
            expectClose(y.output.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 0..<2).data, alone.output.data)
            #expect(y.output.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 2...).data.allSatisfy { $0 == 0 })
            expectClose(y.hidden.slice(axis: 0, range: 1..<2).data, alone.hidden.data)
            expectClose(y.cell.slice(axis: 0, range: 1..<2).data, alone.cell.data)
            // A length-0 sequence keeps its initial state.
            let empty = Tensor.lstm(x, inputWeight: wi, hiddenWeight: wh, hidden: h0, cell: c0,
                                    mask: .lengths([0, 5]), reversed: reversed)
            expectClose(empty.hidden.slice(axis: 0, range: 0..<1).data, h0.slice(axis: 0, range: 0..<1).data)
            // A prefix mask given as flags is the same as lengths.
            let flags = Tensor.lstm(x, inputWeight: wi, hiddenWeight: wh, hidden: h0, cell: c0,
                                    mask: SequenceMask(Tensor([1, 1, 1, 1, 1, 1, 1, 0, 0, 0], shape: [2, 5])),
                                    reversed: reversed)
            expectClose(flags.output.data, y.output.data, tolerance: 0)
        }
    }

    @Test func reversedReadsTheSequenceBackwards() {
        var g = Xoshiro256StarStar(seed: 4)
        let x = Tensor.randn([2, 4, 3], generator: &g)
        let (wi, wh) = (Tensor.randn([3, 8], generator: &g), Tensor.randn([2, 8], generator: &g))
        let flipped = Tensor.concatenate((0..<4).reversed().map { x.slice(axis: 1, range: $0..<($0 + 1)) }, axis: 1)
        let a = Tensor.lstm(x, inputWeight: wi, hiddenWeight: wh, reversed: true)
        let b = Tensor.lstm(flipped, inputWeight: wi, hiddenWeight: wh)
        expectClose(a.hidden.data, b.hidden.data)
        expectClose(a.output.slice(axis: 1, range: 0..<1).data, b.output.slice(axis: 1, range: 3..<4).data)
    }

    /// No graph under `noGrad`; a second backward through a retained graph gives the same gradient.
    @Test func graphSemantics() {
        var g = Xoshiro256StarStar(seed: 5)
        let x = Tensor.randn([2, 3, 2], generator: &g)
        let wi = Tensor(Tensor.randn([2, 8], generator: &g).data, shape: [2, 8], requiresGrad: true)
        let wh = Tensor(Tensor.randn([2, 8], generator: &g).data, shape: [2, 8], requiresGrad: true)
        let constant = Tensor.noGrad { Tensor.lstm(x, inputWeight: wi, hiddenWeight: wh) }
        #expect(!constant.output.requiresGrad && !constant.hidden.requiresGrad)
        let y = Tensor.lstm(x, inputWeight: wi, hiddenWeight: wh)
        let loss = y.output.sum() + y.cell.sum()
        loss.backward(retainGraph: true)
        let first = wh.grad!
        wh.zeroGrad()
        loss.backward()
        expectClose(wh.grad!, first, tolerance: 0)
    }
}
