@testable import TensorFloat64
import Testing

/// The fused LSTM and GRU primitives: the input, the initial state and every weight, with and
/// without padding (lengths, a general mask), in both reading directions, and with the fused row
/// loops split into parts that run in parallel.
@Suite struct RecurrentGradientTests {
    static let (batch, steps, features, hidden) = (3, 4, 2, 3)
    static let masks: [SequenceMask?] = [nil, .lengths([4, 2, 1]), .valid([true, false, true, true,
                                                                           false, false, false, false,
                                                                           true, true, false, true])]

    @Test(arguments: masks, [false, true])
    func lstm(mask: SequenceMask?, reversed: Bool) {
        let (b, t, f, h) = (Self.batch, Self.steps, Self.features, Self.hidden)
        checkGradient("lstm mask \(String(describing: mask)) reversed \(reversed)",
                      shapes: [[b, t, f], [f, 4 * h], [h, 4 * h], [4 * h], [4 * h], [b, h], [b, h]]) { i in
            let y = Tensor.lstm(i[0], inputWeight: i[1], hiddenWeight: i[2], inputBias: i[3], hiddenBias: i[4],
                                hidden: i[5], cell: i[6], mask: mask, reversed: reversed)
            return Tensor.concatenate([y.output.reshaped([b, t * h]), y.hidden, y.cell], axis: 1)
        }
    }

    @Test(arguments: masks, [false, true])
    func gru(mask: SequenceMask?, reversed: Bool) {
        let (b, t, f, h) = (Self.batch, Self.steps, Self.features, Self.hidden)
        checkGradient("gru mask \(String(describing: mask)) reversed \(reversed)",
                      shapes: [[b, t, f], [f, 3 * h], [h, 3 * h], [3 * h], [3 * h], [b, h]]) { i in
            let y = Tensor.gru(i[0], inputWeight: i[1], hiddenWeight: i[2], inputBias: i[3], hiddenBias: i[4],
                               hidden: i[5], mask: mask, reversed: reversed)
            return Tensor.concatenate([y.output.reshaped([b, t * h]), y.hidden], axis: 1)
        }
    }

    /// H = 10: one full eight-lane block and a tail of two; no biases, no initial state; only one
    /// of the results used (the others' gradients are absent).
    @Test func withoutOptionalInputs() {
        checkGradient("lstm H 10", shapes: [[2, 3, 2], [2, 40], [10, 40]]) { i in
            Tensor.lstm(i[0] * 0.5, inputWeight: i[1] * 0.5, hiddenWeight: i[2] * 0.3).hidden
        }
        checkGradient("lstm cell only", shapes: [[2, 3, 2], [2, 12], [3, 12]]) { i in
            Tensor.lstm(i[0], inputWeight: i[1], hiddenWeight: i[2]).cell
        }
        checkGradient("lstm output only", shapes: [[2, 3, 2], [2, 12], [3, 12], [12]]) { i in
            Tensor.lstm(i[0], inputWeight: i[1], hiddenWeight: i[2], hiddenBias: i[3]).output
        }
        checkGradient("gru H 10", shapes: [[2, 3, 2], [2, 30], [10, 30]]) { i in
            Tensor.gru(i[0] * 0.5, inputWeight: i[1] * 0.5, hiddenWeight: i[2] * 0.3).hidden
        }
        checkGradient("gru output only", shapes: [[2, 3, 2], [2, 9], [3, 9], [9]]) { i in
            Tensor.gru(i[0], inputWeight: i[1], hiddenWeight: i[2], inputBias: i[3]).output
        }
    }

    /// A batch large enough for the fused passes to split their rows into two parts run
    /// concurrently, each with its own bias-gradient row summed at the end (`rowParts`: at least
    /// 16 384 gate values a part; the split is forced with `RowParts.limit`, which otherwise follows
    /// the BLAS thread count). A sample of each tensor's elements is checked, with `h = 1e-5`: the
    /// loss sums 3·10⁴ outputs, whose rounding would make the error of `h = 1e-6` about 2e-7.
    @Test func rowsSplitIntoParts() {
        let (b, t, f) = (256, 2, 2)
        let lengths = (0..<b).map { $0 % 3 }   // 0, 1 or 2 real steps
        RowParts.$limit.withValue(2) {
            #expect(rowParts(rows: b, width: 4 * 32) == 2 && rowParts(rows: b, width: 3 * 48) == 2)
            checkGradient("lstm in two parts", shapes: [[b, t, f], [f, 128], [32, 128], [128], [128], [b, 32], [b, 32]],
                          step: 1e-5, sample: 6) { i in
                let y = Tensor.lstm(i[0], inputWeight: i[1], hiddenWeight: i[2] * 0.3, inputBias: i[3], hiddenBias: i[4],
                                    hidden: i[5], cell: i[6], mask: .lengths(lengths))
                return Tensor.concatenate([y.output.reshaped([b, t * 32]), y.hidden, y.cell], axis: 1)
            }
            checkGradient("gru in two parts", shapes: [[b, t, f], [f, 144], [48, 144], [144], [144], [b, 48]],
                          step: 1e-5, sample: 6) { i in
                let y = Tensor.gru(i[0], inputWeight: i[1], hiddenWeight: i[2] * 0.3, inputBias: i[3], hiddenBias: i[4],
                                   hidden: i[5], mask: .lengths(lengths), reversed: true)
                return Tensor.concatenate([y.output.reshaped([b, t * 48]), y.hidden], axis: 1)
            }
        }
    }

    /// The same weights used at two places of one graph (AMAD's real and resembled blocks).
    @Test func sharedWeights() {
        checkGradient("lstm twice with the same weights", shapes: [[2, 3, 2], [2, 3, 2], [2, 12], [3, 12], [12]]) { i in
            let first = Tensor.lstm(i[0], inputWeight: i[2], hiddenWeight: i[3], inputBias: i[4])
            let second = Tensor.lstm(i[1], inputWeight: i[2], hiddenWeight: i[3], inputBias: i[4],
                                     hidden: first.hidden, cell: first.cell)
            return Tensor.concatenate([first.hidden, second.output.reshaped([2, 9])], axis: 1)
        }
    }
}
