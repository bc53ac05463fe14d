import Randomness

/// Gated recurrent unit (Cho et al. 2014) with PyTorch's formulation and initialisation
/// (every weight and bias `U(−1/√H, 1/√H)`):
///
///     r = σ(x·Wₓᵣ + bₓᵣ + h·Wₕᵣ + bₕᵣ),   z = σ(x·Wₓ𝓏 + bₓ𝓏 + h·Wₕ𝓏 + bₕ𝓏)
///     n = tanh(x·Wₓₙ + bₓₙ + r ⊙ (h·Wₕₙ + bₕₙ)),   h′ = (1 − z)⊙n + z⊙h
public final class GRUCell: RecurrentCell {
    public let inputWeight: Tensor    // [input, 3H], blocks r z n
    public let hiddenWeight: Tensor   // [H, 3H]
    public let inputBias: Tensor      // [3H]
    public let hiddenBias: Tensor     // [3H]
    public let hiddenSize: Int
    public var isTraining = true

    public init(_ inputSize: Int, _ hiddenSize: Int, generator: inout Xoshiro256StarStar) {
        self.hiddenSize = hiddenSize
        let h3 = 3 * hiddenSize
        func draw(_ n: Int) -> [Float] { Initializers.kaimingUniform(count: n, fanIn: hiddenSize, generator: &generator) }
        inputWeight = Tensor(draw(inputSize * h3), shape: [inputSize, h3], requiresGrad: true)
        hiddenWeight = Tensor(draw(hiddenSize * h3), shape: [hiddenSize, h3], requiresGrad: true)
        inputBias = Tensor(draw(h3), shape: [h3], requiresGrad: true)
        hiddenBias = Tensor(draw(h3), shape: [h3], requiresGrad: true)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("input_weight", inputWeight), ("hidden_weight", hiddenWeight), ("input_bias", inputBias), ("hidden_bias", hiddenBias)]
    }

    /// One step `h → h′`.
    public func step(_ x: Tensor, hidden h: Tensor) -> Tensor {
        let n = hiddenSize
        let gx = x.matmul(inputWeight) + inputBias
        let gh = h.matmul(hiddenWeight) + hiddenBias
        let r = (gx.sliceColumns(0..<n) + gh.sliceColumns(0..<n)).sigmoid()
        let z = (gx.sliceColumns(n..<(2 * n)) + gh.sliceColumns(n..<(2 * n))).sigmoid()
        let candidate = (gx.sliceColumns((2 * n)..<(3 * n)) + r * gh.sliceColumns((2 * n)..<(3 * n))).tanh()
        return (1 - z) * candidate + z * h
    }

    public func callAsFunction(_ sequence: [Tensor]) -> [Tensor] {
        guard let first = sequence.first else { return [] }
        var h = Tensor.zeros([first.shape[0], hiddenSize])
        return sequence.map { x in
            h = step(x, hidden: h)
            return h
        }
    }
}
