import Randomness

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

/// The four parameters of a PyTorch-style recurrent layer with `gates` gates per unit (GRU 3,
/// LSTM 4): `W_ih [F, gH]`, `W_hh [H, gH]` and, with `bias`, `b_ih [gH]`, `b_hh [gH]`, drawn in
/// that order from `U(−1/√H, 1/√H)`.
struct RecurrentWeights {
    let input: Tensor
    let hidden: Tensor
    let inputBias: Tensor?
    let hiddenBias: Tensor?

    init(inputSize: Int, hiddenSize: Int, gates: Int, bias: Bool, generator: inout Xoshiro256StarStar) {
        let w = gates * hiddenSize
        func draw(_ shape: [Int]) -> Tensor {
            Tensor(Initializers.kaimingUniform(count: shape.reduce(1, *), fanIn: hiddenSize, generator: &generator),
                   shape: shape, requiresGrad: true)
        }
        input = draw([inputSize, w])
        hidden = draw([hiddenSize, w])
        inputBias = bias ? draw([w]) : nil
        hiddenBias = bias ? draw([w]) : nil
    }

    /// Their state-dict names: `input_weight`, `hidden_weight`, then the biases when present.
    static func named(_ input: Tensor, _ hidden: Tensor, _ inputBias: Tensor?, _ hiddenBias: Tensor?) -> [(name: String, tensor: Tensor)] {
        var out: [(name: String, tensor: Tensor)] = [("input_weight", input), ("hidden_weight", hidden)]
        if let inputBias { out.append(("input_bias", inputBias)) }
        if let hiddenBias { out.append(("hidden_bias", hiddenBias)) }
        return out
    }
}
