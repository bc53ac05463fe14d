/// The state a recurrent layer carries from step to step: `hidden` (`hₜ`, `[B, H]`) and, for an
/// LSTM, `cell` (`cₜ`, `[B, H]`). A ``Bidirectional`` layer's state is its two directions' states
/// side by side (`[B, H→ + H←]`, the forward direction's columns first).
public struct RecurrentState {
    public var hidden: Tensor
    public var cell: Tensor?

    public init(hidden: Tensor, cell: Tensor? = nil) {
        self.hidden = hidden
        self.cell = cell
    }
}

/// A recurrent layer over a batch of sequences `[B, T, F]` (batch first), returning its output at
/// every step `[B, T, hiddenSize]` and its final state: ``LSTM``, ``GRU``, ``Bidirectional``
/// (and the step-wise cells ``LSTMCell`` and ``GRUCell``, which run through the same kernels).
///
/// Every layer takes an optional initial state (zeros when `nil`) and an optional
/// ``SequenceMask`` (padded steps keep the state and output zero; the final state is each
/// sequence's state after its last real step, as with PyTorch's packed sequences), and can read
/// the sequences backwards (`reversed`, from step `T − 1` to 0, with padding skipped, so the
/// backward direction starts at each sequence's last real step; the output stays aligned with
/// the input).
public protocol RecurrentLayer: RecurrentCell {
    /// `F`, the width of the input's last axis.
    var inputSize: Int { get }
    /// Whether the state has a ``RecurrentState/cell`` (an LSTM's).
    var hasCellState: Bool { get }
    /// The pass over `x` `[B, T, inputSize]`: `output` `[B, T, hiddenSize]` and the final state.
    func callAsFunction(_ x: Tensor, initialState: RecurrentState?, mask: SequenceMask?,
                        reversed: Bool) -> (output: Tensor, state: RecurrentState)
}

extension RecurrentLayer {
    /// The forward pass over `x` `[B, T, inputSize]`: `let (output, state) = lstm(x)`.
    public func callAsFunction(_ x: Tensor, initialState: RecurrentState? = nil,
                               mask: SequenceMask? = nil) -> (output: Tensor, state: RecurrentState) {
        self(x, initialState: initialState, mask: mask, reversed: false)
    }

    /// The steps `[B, F]` of one batch of sequences to the hidden states `[B, H]` after each
    /// (initial state zero): the steps are stacked into `[B, T, F]`, run through the layer, and
    /// its output taken apart again.
    public func callAsFunction(_ sequence: [Tensor]) -> [Tensor] {
        guard !sequence.isEmpty else { return [] }
        return self(Tensor.stack(sequence, axis: 1)).output.unstacked(axis: 1)
    }

    func checkInitialState(_ state: RecurrentState?, batch: Int) {
        guard let state else { return }
        precondition(state.hidden.shape == [batch, hiddenSize],
                     "\(Self.self): initial hidden state [\(batch), \(hiddenSize)] expected, got \(state.hidden.shape)")
        if let cell = state.cell {
            precondition(hasCellState, "\(Self.self): has no cell state, but an initial cell was given")
            precondition(cell.shape == [batch, hiddenSize],
                         "\(Self.self): initial cell state [\(batch), \(hiddenSize)] expected, got \(cell.shape)")
        }
    }
}
