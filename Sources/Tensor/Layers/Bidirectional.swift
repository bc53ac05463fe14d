import Randomness

/// Two recurrent layers over the same sequences, one reading them forwards and one backwards,
/// with their outputs side by side: PyTorch's `bidirectional=True`. For `x` `[B, T, F]` the
/// output is `[B, T, H→ + H←]` where `output[:, t]` is `[h→ₜ, h←ₜ]`, `h→ₜ` having read steps
/// `0…t` and `h←ₜ` steps `T−1…t`; the final state is both final states side by side
/// (`hidden[:, ..<H→]` the forward direction's after the last step, `hidden[:, H→...]` the
/// backward direction's after step 0), and an initial state is split the same way.
///
/// Two ``LSTM`` layers run as one primitive that computes both directions at the same time, on
/// two threads, when OpenBLAS may use two (``Tensor/bidirectionalLSTM(_:forward:backward:mask:)``).
///
/// With a ``SequenceMask`` both directions skip the padded steps, so the backward direction starts
/// at each sequence's last real step, as PyTorch's packed sequences do.
///
/// State-dict names: the two layers' under `forward.` and `backward.` (`forward.input_weight`,
/// `backward.hidden_bias`, …), PyTorch's `weight_ih_l0` and `weight_ih_l0_reverse`, etc.; see
/// ``LSTM`` and ``GRU`` for the correspondence.
///
/// A VRAE encoder: `let encoder = Bidirectional.lstm(1, 128, generator: &g)`, then
/// `let (_, state) = encoder(x, mask: .lengths(lengths))` and `state.hidden` `[B, 256]`.
public final class Bidirectional: RecurrentLayer {
    public let forward: any RecurrentLayer
    public let backward: any RecurrentLayer
    public var isTraining = true

    /// Two layers with the same input size (usually of one kind and size; any two are allowed).
    public init(forward: any RecurrentLayer, backward: any RecurrentLayer) {
        precondition(forward.inputSize == backward.inputSize,
                     "Bidirectional: input sizes differ, \(forward.inputSize) and \(backward.inputSize)")
        self.forward = forward
        self.backward = backward
    }

    /// Two ``LSTM`` layers `inputSize → hiddenSize` (the forward one drawn first).
    public static func lstm(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true,
                            generator: inout Xoshiro256StarStar) -> Bidirectional {
        let ahead = LSTM(inputSize, hiddenSize, bias: bias, generator: &generator)
        return Bidirectional(forward: ahead, backward: LSTM(inputSize, hiddenSize, bias: bias, generator: &generator))
    }

    /// Two ``GRU`` layers `inputSize → hiddenSize` (the forward one drawn first).
    public static func gru(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true,
                           generator: inout Xoshiro256StarStar) -> Bidirectional {
        let ahead = GRU(inputSize, hiddenSize, bias: bias, generator: &generator)
        return Bidirectional(forward: ahead, backward: GRU(inputSize, hiddenSize, bias: bias, generator: &generator))
    }

    public var children: [(name: String, module: any Module)] { [("forward", forward), ("backward", backward)] }
    public var inputSize: Int { forward.inputSize }
    /// `H→ + H←`.
    public var hiddenSize: Int { forward.hiddenSize + backward.hiddenSize }
    /// Both directions have a cell state.
    public var hasCellState: Bool { forward.hasCellState && backward.hasCellState }

    /// Both passes (`reversed` swaps their reading directions; the output keeps the forward
    /// layer's columns first).
    public func callAsFunction(_ x: Tensor, initialState: RecurrentState?, mask: SequenceMask?,
                               reversed: Bool) -> (output: Tensor, state: RecurrentState) {
        checkInitialState(initialState, batch: x.shape[0])
        let split = forward.hiddenSize
        func half(_ t: Tensor, _ first: Bool) -> Tensor {
            first ? t.slice(axis: 1, range: ..<split) : t.slice(axis: 1, range: split...)
        }
        func part(_ t: Tensor?, _ first: Bool) -> Tensor? { t.map { half($0, first) } }
        if !reversed, let f = forward as? LSTM, let b = backward as? LSTM {
            // Two LSTMs: one primitive that runs both directions at once (two cores).
            precondition(x.rank == 3 && x.shape[2] == inputSize, "LSTM: input [B, T, \(inputSize)] expected, got \(x.shape)")
            let cellOf = { (first: Bool) in part(initialState?.cell, first) }
            let both = Tensor.bidirectionalLSTM(
                x, forward: LSTMDirection(inputWeight: f.inputWeight, hiddenWeight: f.hiddenWeight, inputBias: f.inputBias,
                                          hiddenBias: f.hiddenBias, hidden: part(initialState?.hidden, true), cell: cellOf(true)),
                backward: LSTMDirection(inputWeight: b.inputWeight, hiddenWeight: b.hiddenWeight, inputBias: b.inputBias,
                                        hiddenBias: b.hiddenBias, hidden: part(initialState?.hidden, false), cell: cellOf(false)),
                mask: mask)
            return (Tensor.concatenate([both[0].output, both[1].output], axis: 2),
                    RecurrentState(hidden: Tensor.concatenate([both[0].hidden, both[1].hidden], axis: 1),
                                   cell: Tensor.concatenate([both[0].cell, both[1].cell], axis: 1)))
        }
        let ahead = forward(x, initialState: initialState.map { RecurrentState(hidden: half($0.hidden, true), cell: part($0.cell, true)) },
                            mask: mask, reversed: reversed)
        let behind = backward(x, initialState: initialState.map { RecurrentState(hidden: half($0.hidden, false), cell: part($0.cell, false)) },
                              mask: mask, reversed: !reversed)
        var cell: Tensor?
        if let a = ahead.state.cell, let b = behind.state.cell { cell = Tensor.concatenate([a, b], axis: 1) }
        return (Tensor.concatenate([ahead.output, behind.output], axis: 2),
                RecurrentState(hidden: Tensor.concatenate([ahead.state.hidden, behind.state.hidden], axis: 1), cell: cell))
    }
}
