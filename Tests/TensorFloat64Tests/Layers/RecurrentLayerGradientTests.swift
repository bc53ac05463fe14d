import Randomness
import TensorFloat64
import Testing

/// The recurrent layers' parameters: the cells (one step with a given state, and unrolled), LSTM
/// and GRU layers with an initial state and masks in both directions, and bidirectional layers
/// (two LSTMs run as one primitive; two GRUs, or cells, as two passes).
@Suite struct RecurrentLayerGradientTests {
    /// The output, final hidden and (if any) cell state side by side, `[B, T·H + H (+ H)]`.
    static func everything(_ y: (output: Tensor, state: RecurrentState)) -> Tensor {
        let b = y.output.shape[0]
        return Tensor.concatenate([y.output.reshaped([b, y.output.count / b]), y.state.hidden]
                                  + (y.state.cell.map { [$0] } ?? []), axis: 1)
    }

    static let masks: [SequenceMask?] = [nil, .lengths([3, 1]), .valid([false, true, true, true, false, true])]

    @Test func cells() {
        var g = Xoshiro256StarStar(seed: 4)
        let lstm = LSTMCell(3, 2, generator: &g)
        checkGradient("lstm cell step", lstm, shapes: [[2, 3], [2, 2], [2, 2]]) { i in
            let y = lstm.step(i[0], hidden: i[1], cell: i[2])
            return Tensor.concatenate([y.hidden, y.cell], axis: 1)
        }
        checkGradient("lstm cell unrolled", lstm, shapes: [[2, 3], [2, 3], [2, 3]]) { Tensor.concatenate(lstm($0), axis: 1) }
        let gru = GRUCell(3, 2, generator: &g)
        checkGradient("gru cell step", gru, shapes: [[2, 3], [2, 2]]) { gru.step($0[0], hidden: $0[1]) }
        checkGradient("gru cell unrolled", gru, shapes: [[2, 3], [2, 3], [2, 3]]) { Tensor.concatenate(gru($0), axis: 1) }
        checkGradient("lstm cell as a layer", lstm, shapes: [[2, 3, 3], [2, 2], [2, 2]]) { i in
            Self.everything(lstm(i[0], initialState: RecurrentState(hidden: i[1], cell: i[2]), mask: .lengths([3, 2]),
                                 reversed: true))
        }
    }

    @Test(arguments: masks, [false, true])
    func layers(mask: SequenceMask?, reversed: Bool) {
        var g = Xoshiro256StarStar(seed: 2)
        let lstm = LSTM(2, 3, generator: &g)
        checkGradient("LSTM mask \(String(describing: mask)) reversed \(reversed)", lstm,
                      shapes: [[2, 3, 2], [2, 3], [2, 3]]) { i in
            Self.everything(lstm(i[0], initialState: RecurrentState(hidden: i[1], cell: i[2]), mask: mask, reversed: reversed))
        }
        let gru = GRU(2, 3, generator: &g)
        checkGradient("GRU mask \(String(describing: mask)) reversed \(reversed)", gru, shapes: [[2, 3, 2], [2, 3]]) { i in
            Self.everything(gru(i[0], initialState: RecurrentState(hidden: i[1]), mask: mask, reversed: reversed))
        }
    }

    @Test func layersWithoutBiasOrState() {
        var g = Xoshiro256StarStar(seed: 12)
        let lstm = LSTM(2, 3, bias: false, generator: &g)
        checkGradient("LSTM without bias or state", lstm, shapes: [[2, 3, 2]]) { Self.everything(lstm($0[0])) }
        let gru = GRU(2, 3, bias: false, generator: &g)
        checkGradient("GRU without bias or state", gru, shapes: [[2, 3, 2]]) { Self.everything(gru($0[0])) }
    }

    @Test(arguments: masks)
    func bidirectional(mask: SequenceMask?) {
        var g = Xoshiro256StarStar(seed: 9)
        let lstm = Bidirectional.lstm(2, 3, generator: &g)
        checkGradient("bidirectional LSTM mask \(String(describing: mask))", lstm,
                      shapes: [[2, 3, 2], [2, 6], [2, 6]]) { i in
            Self.everything(lstm(i[0], initialState: RecurrentState(hidden: i[1], cell: i[2]), mask: mask))
        }
        checkGradient("bidirectional LSTM reversed mask \(String(describing: mask))", lstm, shapes: [[2, 3, 2]]) { i in
            Self.everything(lstm(i[0], initialState: nil, mask: mask, reversed: true))
        }
        let gru = Bidirectional.gru(2, 2, generator: &g)
        checkGradient("bidirectional GRU mask \(String(describing: mask))", gru, shapes: [[2, 3, 2], [2, 4]]) { i in
            Self.everything(gru(i[0], initialState: RecurrentState(hidden: i[1]), mask: mask))
        }
    }

    @Test func bidirectionalCells() {
        var g = Xoshiro256StarStar(seed: 8)
        let cells = Bidirectional(forward: GRUCell(2, 3, generator: &g), backward: GRUCell(2, 2, generator: &g))
        checkGradient("bidirectional cells", cells, shapes: [[1, 2], [1, 2], [1, 2]]) { Tensor.concatenate(cells($0), axis: 1) }
        let mixed = Bidirectional(forward: LSTM(2, 2, generator: &g), backward: LSTMCell(2, 3, generator: &g))
        checkGradient("bidirectional LSTM and LSTMCell", mixed, shapes: [[2, 3, 2], [2, 5], [2, 5]]) { i in
            Self.everything(mixed(i[0], initialState: RecurrentState(hidden: i[1], cell: i[2]), mask: .lengths([2, 3])))
        }
    }
}
