import Randomness

/// A gated recurrent unit layer over batches of sequences `[B, T, F]` (batch first), PyTorch's
/// `torch.nn.GRU(F, H, batch_first=True)` for one layer and one direction (two directions:
/// ``Bidirectional``): gate order `r z n`, every weight and bias initialised `U(−1/√H, 1/√H)`.
///
///     r = σ(xₜ·W_ir + b_ir + hₜ₋₁·W_hr + b_hr),   z = σ(xₜ·W_iz + b_iz + hₜ₋₁·W_hz + b_hz)
///     n = tanh(xₜ·W_in + b_in + r ⊙ (hₜ₋₁·W_hn + b_hn)),   hₜ = (1 − z)⊙n + z⊙hₜ₋₁
///
/// `let (output, state) = gru(x, initialState:, mask:)` gives `output` `[B, T, H]` and the final
/// state `state.hidden` `[B, H]`; see ``RecurrentLayer`` for masks and reversed reading. The whole
/// pass is one primitive with a hand-written backpropagation through time
/// (``Tensor/gru(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:mask:reversed:)``).
///
/// State-dict names and PyTorch's (weights stored transposed, `[in, out]` like ``Linear``):
///
/// | here            | shape     | PyTorch                     |
/// |-----------------|-----------|-----------------------------|
/// | `input_weight`  | `[F, 3H]` | `weight_ih_l0` `[3H, F]`, transposed |
/// | `hidden_weight` | `[H, 3H]` | `weight_hh_l0` `[3H, H]`, transposed |
/// | `input_bias`    | `[3H]`    | `bias_ih_l0`                |
/// | `hidden_bias`   | `[3H]`    | `bias_hh_l0`                |
///
/// In a ``Bidirectional`` layer the names gain the prefix `forward.` or `backward.` (PyTorch's
/// suffix `_reverse` for the latter).
public final class GRU: RecurrentLayer {
    public let inputWeight: Tensor    // [F, 3H]
    public let hiddenWeight: Tensor   // [H, 3H]
    public let inputBias: Tensor?     // [3H]
    public let hiddenBias: Tensor?    // [3H]
    public let inputSize: Int
    public let hiddenSize: Int
    public var isTraining = true
    public var hasCellState: Bool { false }

    /// - Parameters:
    ///   - bias: with `b_ih` and `b_hh` (PyTorch's `bias=True`), or without either.
    ///   - generator: draws `W_ih`, `W_hh`, `b_ih`, `b_hh` in this order, each `U(−1/√H, 1/√H)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, generator: inout Xoshiro256StarStar) {
        precondition(inputSize >= 0 && hiddenSize > 0, "GRU: sizes \(inputSize), \(hiddenSize)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let weights = RecurrentWeights(inputSize: inputSize, hiddenSize: hiddenSize, gates: 3, bias: bias, generator: &generator)
        (inputWeight, hiddenWeight) = (weights.input, weights.hidden)
        (inputBias, hiddenBias) = (weights.inputBias, weights.hiddenBias)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        RecurrentWeights.named(inputWeight, hiddenWeight, inputBias, hiddenBias)
    }

    public func callAsFunction(_ x: Tensor, initialState: RecurrentState?, mask: SequenceMask?,
                               reversed: Bool) -> (output: Tensor, state: RecurrentState) {
        precondition(x.rank == 3 && x.shape[2] == inputSize, "GRU: input [B, T, \(inputSize)] expected, got \(x.shape)")
        checkInitialState(initialState, batch: x.shape[0])
        let y = Tensor.gru(x, inputWeight: inputWeight, hiddenWeight: hiddenWeight,
                           inputBias: inputBias, hiddenBias: hiddenBias,
                           hidden: initialState?.hidden, mask: mask, reversed: reversed)
        return (y.output, RecurrentState(hidden: y.hidden))
    }
}
