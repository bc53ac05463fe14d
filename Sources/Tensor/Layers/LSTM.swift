import Randomness

/// A long short-term memory layer over batches of sequences `[B, T, F]` (batch first), PyTorch's
/// `torch.nn.LSTM(F, H, batch_first=True)` for one layer and one direction (two directions:
/// ``Bidirectional``): gate order `i f g o`, every weight and bias initialised `U(−1/√H, 1/√H)`.
///
///     [aᵢ a_f a_g aₒ] = xₜ·W_ih + b_ih + hₜ₋₁·W_hh + b_hh
///     cₜ = σ(a_f)⊙cₜ₋₁ + σ(aᵢ)⊙tanh(a_g),   hₜ = σ(aₒ)⊙tanh(cₜ)
///
/// `let (output, state) = lstm(x, initialState:, mask:)` gives `output` `[B, T, H]` and the final
/// state `state.hidden`, `state.cell` `[B, H]`; see ``RecurrentLayer`` for masks and reversed
/// reading. The whole pass is one primitive with a hand-written backpropagation through time
/// (``Tensor/lstm(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:cell:mask:reversed:)``).
///
/// State-dict names and PyTorch's (weights are stored transposed, `[in, out]` like ``Linear``,
/// so that each product is a `gemm` without a transposed copy):
///
/// | here            | shape     | PyTorch                     |
/// |-----------------|-----------|-----------------------------|
/// | `input_weight`  | `[F, 4H]` | `weight_ih_l0` `[4H, F]`, transposed |
/// | `hidden_weight` | `[H, 4H]` | `weight_hh_l0` `[4H, H]`, transposed |
/// | `input_bias`    | `[4H]`    | `bias_ih_l0`                |
/// | `hidden_bias`   | `[4H]`    | `bias_hh_l0`                |
///
/// In a ``Bidirectional`` layer the names gain the prefix `forward.` or `backward.` (PyTorch's
/// suffix `_reverse` for the latter).
public final class LSTM: RecurrentLayer {
    public let inputWeight: Tensor    // [F, 4H]
    public let hiddenWeight: Tensor   // [H, 4H]
    public let inputBias: Tensor?     // [4H]
    public let hiddenBias: Tensor?    // [4H]
    public let inputSize: Int
    public let hiddenSize: Int
    public var isTraining = true
    public var hasCellState: Bool { true }

    /// - Parameters:
    ///   - bias: with `b_ih` and `b_hh` (PyTorch's `bias=True`), or without either.
    ///   - generator: draws `W_ih`, `W_hh`, `b_ih`, `b_hh` in this order, each `U(−1/√H, 1/√H)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, generator: inout Xoshiro256StarStar) {
        precondition(inputSize >= 0 && hiddenSize > 0, "LSTM: sizes \(inputSize), \(hiddenSize)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let weights = RecurrentWeights(inputSize: inputSize, hiddenSize: hiddenSize, gates: 4, bias: bias, generator: &generator)
        (inputWeight, hiddenWeight) = (weights.input, weights.hidden)
        (inputBias, hiddenBias) = (weights.inputBias, weights.hiddenBias)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        RecurrentWeights.named(inputWeight, hiddenWeight, inputBias, hiddenBias)
    }

    /// The pass over `x` `[B, T, F]`; an initial state without a cell starts the cell at zero.
    public func callAsFunction(_ x: Tensor, initialState: RecurrentState?, mask: SequenceMask?,
                               reversed: Bool) -> (output: Tensor, state: RecurrentState) {
        precondition(x.rank == 3 && x.shape[2] == inputSize, "LSTM: input [B, T, \(inputSize)] expected, got \(x.shape)")
        checkInitialState(initialState, batch: x.shape[0])
        let y = Tensor.lstm(x, inputWeight: inputWeight, hiddenWeight: hiddenWeight,
                            inputBias: inputBias, hiddenBias: hiddenBias,
                            hidden: initialState?.hidden, cell: initialState?.cell, mask: mask, reversed: reversed)
        return (y.output, RecurrentState(hidden: y.hidden, cell: y.cell))
    }
}
