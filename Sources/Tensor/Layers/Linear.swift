import Randomness

/// Affine map `y = x·W + b` for `x: [batch, in]`, `W: [in, out]`, `b: [out]` (broadcast over rows).
///
/// `W` is stored `[in, out]` (the transpose of PyTorch's `[out, in]`) so the forward pass is one
/// `gemm` without a transpose. State-dict names: `weight` (`[in, out]`), `bias`.
public final class Linear: Layer {
    public let weight: Tensor
    public let bias: Tensor?
    public var isTraining = true

    /// - Parameters:
    ///   - initialization: `.kaimingUniform` (PyTorch default) or `.xavierUniform(gain:)`.
    ///   - generator: draws the weights (then the bias, for Kaiming).
    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true,
                initialization: WeightInitialization = .kaimingUniform,
                generator: inout Xoshiro256StarStar) {
        let w: [Scalar], b: [Scalar]
        switch initialization {
        case .xavierUniform(let gain):
            w = Initializers.xavierUniform(fanIn: inputSize, fanOut: outputSize, gain: gain, generator: &generator)
            b = [Scalar](repeating: 0, count: outputSize)
        case .kaimingUniform:
            w = Initializers.kaimingUniform(count: inputSize * outputSize, fanIn: inputSize, generator: &generator)
            b = bias ? Initializers.kaimingUniform(count: outputSize, fanIn: inputSize, generator: &generator) : []
        }
        weight = Tensor(w, shape: [inputSize, outputSize], requiresGrad: true)
        self.bias = bias ? Tensor(b, shape: [outputSize], requiresGrad: true) : nil
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let y = x.matmul(weight)
        return bias.map { y + $0 } ?? y
    }
}
