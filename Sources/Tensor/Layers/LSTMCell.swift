import Randomness

/// Long short-term memory (Hochreiter & Schmidhuber 1997) with PyTorch's gate layout and
/// initialisation (every weight and bias `U(−1/√H, 1/√H)`):
///
///     [i f g o] = x·Wₓ + h·Wₕ + b        (each block H wide)
///     c′ = σ(f)⊙c + σ(i)⊙tanh(g),   h′ = σ(o)⊙tanh(c′)
///
/// State-dict names: `input_weight` (`[input, 4H]`, the transpose of PyTorch's `weight_ih`),
/// `hidden_weight` (`[H, 4H]`), `bias` (PyTorch's `bias_ih + bias_hh`).
///
/// A step and a whole sequence run through the fused kernel of ``LSTM``
/// (``Tensor/lstm(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:cell:mask:reversed:)``),
/// so the cell is also a ``RecurrentLayer`` over `[B, T, F]`; it differs from ``LSTM`` only in
/// its single bias and its step-wise interface.
public final class LSTMCell: RecurrentLayer {
    public let inputWeight: Tensor    // [input, 4H]
    public let hiddenWeight: Tensor   // [H, 4H]
    public let bias: Tensor           // [4H]
    public let hiddenSize: Int
    public var isTraining = true
    public var inputSize: Int { inputWeight.shape[0] }
    public var hasCellState: Bool { true }

    public init(_ inputSize: Int, _ hiddenSize: Int, generator: inout Xoshiro256StarStar) {
        self.hiddenSize = hiddenSize
        let h4 = 4 * hiddenSize
        func draw(_ n: Int) -> [Scalar] { Initializers.kaimingUniform(count: n, fanIn: hiddenSize, generator: &generator) }
        inputWeight = Tensor(draw(inputSize * h4), shape: [inputSize, h4], requiresGrad: true)
        hiddenWeight = Tensor(draw(hiddenSize * h4), shape: [hiddenSize, h4], requiresGrad: true)
        bias = Tensor(draw(h4), shape: [h4], requiresGrad: true)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("input_weight", inputWeight), ("hidden_weight", hiddenWeight), ("bias", bias)]
    }

    /// One step: `(h, c) → (h′, c′)`.
    /// One step `(h, c) → (h′, c′)` of `x` `[B, input]`.
    public func step(_ x: Tensor, hidden h: Tensor, cell c: Tensor) -> (hidden: Tensor, cell: Tensor) {
        precondition(x.rank == 2, "LSTMCell.step: input [B, \(inputSize)] expected, got \(x.shape)")
        let y = Tensor.lstm(x.reshaped([x.shape[0], 1, x.shape[1]]), inputWeight: inputWeight,
                            hiddenWeight: hiddenWeight, inputBias: bias, hidden: h, cell: c)
        return (y.hidden, y.cell)
    }

    public func callAsFunction(_ x: Tensor, initialState: RecurrentState?, mask: SequenceMask?,
                               reversed: Bool) -> (output: Tensor, state: RecurrentState) {
        checkInitialState(initialState, batch: x.shape[0])
        let y = Tensor.lstm(x, inputWeight: inputWeight, hiddenWeight: hiddenWeight, inputBias: bias,
                            hidden: initialState?.hidden, cell: initialState?.cell, mask: mask, reversed: reversed)
        return (y.output, RecurrentState(hidden: y.hidden, cell: y.cell))
    }
}
