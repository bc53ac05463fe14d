import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct BidirectionalTests {
    @Test func concatenatesForwardAndReversedPasses() {
        var g = Xoshiro256StarStar(seed: 8)
        let ahead = GRUCell(2, 3, generator: &g), behind = GRUCell(2, 3, generator: &g)
        let bi = Bidirectional(forward: ahead, backward: behind)
        let xs = (0..<4).map { _ in Tensor.randn([2, 2], generator: &g) }
        let out = bi(xs)
        #expect(out.count == 4 && out[0].shape == [2, 6] && bi.hiddenSize == 6)
        // the backward half at t = 0 has read the whole sequence in reverse
        let reversedLast = behind(Array(xs.reversed())).last!
        expectClose(out[0].sliceColumns(3..<6).data, reversedLast.data)
        expectClose(out[3].sliceColumns(0..<3).data, ahead(xs).last!.data)
        checkGradient("bidirectional", shapes: [[1, 2], [1, 2]]) { bi($0)[0] }
    }

    /// Output `[h→, h←]` per step, final states side by side, an initial state split the same
    /// way, and padding: the backward direction starts at each sequence's last real step.
    @Test func sequencesStatesAndLengths() {
        var g = Xoshiro256StarStar(seed: 9)
        let bi = Bidirectional.lstm(3, 4, generator: &g)
        #expect(bi.namedParameters.map(\.name) == [
            "forward.input_weight", "forward.hidden_weight", "forward.input_bias", "forward.hidden_bias",
            "backward.input_weight", "backward.hidden_weight", "backward.input_bias", "backward.hidden_bias"])
        let (ahead, behind) = (bi.forward as! LSTM, bi.backward as! LSTM)
        let x = Tensor.randn([3, 5, 3], generator: &g)
        let h0 = Tensor.randn([3, 8], generator: &g), c0 = Tensor.randn([3, 8], generator: &g)
        let lengths = [5, 2, 4]
        let (output, state) = bi(x, initialState: RecurrentState(hidden: h0, cell: c0), mask: .lengths(lengths))
        #expect(output.shape == [3, 5, 8] && state.hidden.shape == [3, 8] && state.cell?.shape == [3, 8])
        let first = RecurrentState(hidden: h0.sliceColumns(0..<4), cell: c0.sliceColumns(0..<4))
        let second = RecurrentState(hidden: h0.sliceColumns(4..<8), cell: c0.sliceColumns(4..<8))
        let a = ahead(x, initialState: first, mask: .lengths(lengths))
        let b = behind(x, initialState: second, mask: .lengths(lengths), reversed: true)
        expectClose(output.data, Tensor.concatenate([a.output, b.output], axis: 2).data, tolerance: 0)
        expectClose(state.hidden.data, Tensor.concatenate([a.state.hidden, b.state.hidden], axis: 1).data, tolerance: 0)
        // Sequence 1 (length 2) on its own: the backward direction reads steps 1, 0 only.
        let alone = x.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 0..<2)
        let single = behind(alone, initialState: RecurrentState(hidden: second.hidden.slice(axis: 0, range: 1..<2),
                                                                cell: second.cell!.slice(axis: 0, range: 1..<2)),
                            mask: nil, reversed: true)
        expectClose(state.hidden.slice(axis: 0, range: 1..<2).sliceColumns(4..<8).data, single.state.hidden.data)
        expectClose(output.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 0..<2).slice(axis: 2, range: 4...).data,
                    single.output.data)
        #expect(output.slice(axis: 0, range: 1..<2).slice(axis: 1, range: 2...).data.allSatisfy { $0 == 0 })
        checkGradient("bidirectional lstm", shapes: [[2, 3, 3], [2, 8], [2, 8]]) { i in
            let (y, s) = bi(i[0], initialState: RecurrentState(hidden: i[1], cell: i[2]), mask: .lengths([3, 1]))
            return Tensor.concatenate([y.reshaped([2, 24]), s.hidden, s.cell!], axis: 1)
        }
    }

    /// Forward values, final states and gradients against `torch.nn.LSTM`/`GRU` with
    /// `bidirectional=True`, with and without lengths and initial states.
    @Test(arguments: RNNReference.cases("lstm", bidirectional: true) + RNNReference.cases("gru", bidirectional: true))
    func matchesPyTorch(_ c: RNNReference.Case) {
        let e = RNNReference.run(c)
        print("BidirectionalTests \(c.name): max abs error \(e)")
        #expect(e.output < 1e-6 && e.state < 1e-6, "\(e)")
        #expect(e.inputGrad < 5e-6 && e.stateGrad < 5e-6 && e.parameterGrad < 5e-6, "\(e)")
    }
}
