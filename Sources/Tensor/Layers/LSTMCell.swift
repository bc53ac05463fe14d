import Randomness

/// Long short-term memory (Hochreiter & Schmidhuber 1997) with PyTorch's gate layout and
/// initialisation (every weight and bias `U(−1/√H, 1/√H)`):
///
///     [i f g o] = x·Wₓ + h·Wₕ + b        (each block H wide)
///     c′ = σ(f)⊙c + σ(i)⊙tanh(g),   h′ = σ(o)⊙tanh(c′)
///
/// State-dict names: `input_weight` (`[input, 4H]`, the transpose of PyTorch's `weight_ih`),
/// `hidden_weight` (`[H, 4H]`), `bias` (PyTorch's `bias_ih + bias_hh`).
public final class LSTMCell: RecurrentCell {
    public let inputWeight: Tensor    // [input, 4H]
    public let hiddenWeight: Tensor   // [H, 4H]
    public let bias: Tensor           // [4H]
    public let hiddenSize: Int
    public var isTraining = true

    public init(_ inputSize: Int, _ hiddenSize: Int, generator: inout Xoshiro256StarStar) {
        self.hiddenSize = hiddenSize
        let h4 = 4 * hiddenSize
        func draw(_ n: Int) -> [Float] { Initializers.kaimingUniform(count: n, fanIn: hiddenSize, generator: &generator) }
        inputWeight = Tensor(draw(inputSize * h4), shape: [inputSize, h4], requiresGrad: true)
        hiddenWeight = Tensor(draw(hiddenSize * h4), shape: [hiddenSize, h4], requiresGrad: true)
        bias = Tensor(draw(h4), shape: [h4], requiresGrad: true)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("input_weight", inputWeight), ("hidden_weight", hiddenWeight), ("bias", bias)]
    }

    /// One step: `(h, c) → (h′, c′)`.
    public func step(_ x: Tensor, hidden h: Tensor, cell c: Tensor) -> (hidden: Tensor, cell: Tensor) {
        let n = hiddenSize
        let gates = x.matmul(inputWeight) + h.matmul(hiddenWeight) + bias
        let i = gates.sliceColumns(0..<n).sigmoid()
        let f = gates.sliceColumns(n..<(2 * n)).sigmoid()
        let g = gates.sliceColumns((2 * n)..<(3 * n)).tanh()
        let o = gates.sliceColumns((3 * n)..<(4 * n)).sigmoid()
        let c2 = f * c + i * g
        return (o * c2.tanh(), c2)
    }

    public func callAsFunction(_ sequence: [Tensor]) -> [Tensor] {
        guard let first = sequence.first else { return [] }
        var h = Tensor.zeros([first.shape[0], hiddenSize]), c = h
        return sequence.map { x in
            (h, c) = step(x, hidden: h, cell: c)
            return h
        }
    }
}
