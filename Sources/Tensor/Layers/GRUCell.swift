import Randomness

/// Gated recurrent unit (Cho et al. 2014) with PyTorch's formulation and initialisation
/// (every weight and bias `U(−1/√H, 1/√H)`):
///
///     r = σ(x·Wₓᵣ + bₓᵣ + h·Wₕᵣ + bₕᵣ),   z = σ(x·Wₓ𝓏 + bₓ𝓏 + h·Wₕ𝓏 + bₕ𝓏)
///     n = tanh(x·Wₓₙ + bₓₙ + r ⊙ (h·Wₕₙ + bₕₙ)),   h′ = (1 − z)⊙n + z⊙h
///
/// A step and a whole sequence run through the fused kernel of ``GRU``
/// (``Tensor/gru(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:mask:reversed:)``), so
/// the cell is also a ``RecurrentLayer`` over `[B, T, F]` (the same computation as ``GRU``, with
/// a step-wise interface).
public final class GRUCell: RecurrentLayer {
    public let inputWeight: Tensor    // [input, 3H], blocks r z n
    public let hiddenWeight: Tensor   // [H, 3H]
    public let inputBias: Tensor      // [3H]
    public let hiddenBias: Tensor     // [3H]
    public let hiddenSize: Int
    public var isTraining = true
    public var inputSize: Int { inputWeight.shape[0] }
    public var hasCellState: Bool { false }

    public init(_ inputSize: Int, _ hiddenSize: Int, generator: inout Xoshiro256StarStar) {
        self.hiddenSize = hiddenSize
        let h3 = 3 * hiddenSize
        func draw(_ n: Int) -> [Scalar] { Initializers.kaimingUniform(count: n, fanIn: hiddenSize, generator: &generator) }
        inputWeight = Tensor(draw(inputSize * h3), shape: [inputSize, h3], requiresGrad: true)
        hiddenWeight = Tensor(draw(hiddenSize * h3), shape: [hiddenSize, h3], requiresGrad: true)
        inputBias = Tensor(draw(h3), shape: [h3], requiresGrad: true)
        hiddenBias = Tensor(draw(h3), shape: [h3], requiresGrad: true)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("input_weight", inputWeight), ("hidden_weight", hiddenWeight), ("input_bias", inputBias), ("hidden_bias", hiddenBias)]
    }

    /// One step `h → h′`.
    /// One step `h → h′` of `x` `[B, input]`.
    public func step(_ x: Tensor, hidden h: Tensor) -> Tensor {
        precondition(x.rank == 2, "GRUCell.step: input [B, \(inputSize)] expected, got \(x.shape)")
        return Tensor.gru(x.reshaped([x.shape[0], 1, x.shape[1]]), inputWeight: inputWeight, hiddenWeight: hiddenWeight,
                          inputBias: inputBias, hiddenBias: hiddenBias, hidden: h).hidden
    }

    public func callAsFunction(_ x: Tensor, initialState: RecurrentState?, mask: SequenceMask?,
                               reversed: Bool) -> (output: Tensor, state: RecurrentState) {
        checkInitialState(initialState, batch: x.shape[0])
        let y = Tensor.gru(x, inputWeight: inputWeight, hiddenWeight: hiddenWeight, inputBias: inputBias,
                           hiddenBias: hiddenBias, hidden: initialState?.hidden, mask: mask, reversed: reversed)
        return (y.output, RecurrentState(hidden: y.hidden))
    }
}
