import Randomness

/// A ``Linear`` layer whose weight is divided by its largest singular value (Miyato et al.
/// 2018), estimated by power iteration as in PyTorch's `spectral_norm`: with `W: [in, out]` and
/// persistent unit vectors `u ∈ ℝⁱⁿ`, `v ∈ ℝᵒᵘᵗ`, each training forward pass first repeats
/// `powerIterations` times `v ← Wᵀu/‖Wᵀu‖, u ← Wv/‖Wv‖` (no gradient), then uses
/// `σ = uᵀWv` and `y = x·(W/σ) + b`; the gradient flows through `σ` with `u`, `v` fixed.
/// Evaluation reuses the stored `u`, `v`.
public final class SpectralNormLinear: Layer {
    public let linear: Linear
    public let powerIterations: Int
    public private(set) var u: [Float]
    public private(set) var v: [Float]

    public init(_ linear: Linear, powerIterations: Int = 1, generator: inout Xoshiro256StarStar) {
        precondition(powerIterations >= 1, "SpectralNormLinear: at least one power iteration")
        self.linear = linear
        self.powerIterations = powerIterations
        let (rows, columns) = (linear.weight.shape[0], linear.weight.shape[1])
        u = Self.normalized(Tensor.randn([rows], generator: &generator).data)
        v = Self.normalized(Tensor.randn([columns], generator: &generator).data)
    }

    public var parameters: [Tensor] { linear.parameters }

    static func normalized(_ x: [Float]) -> [Float] {
        let norm = Swift.max(x.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        return x.map { $0 / norm }
    }

    /// The current estimate `σ = uᵀWv` (a constant; refreshes `u`, `v` first when `update`).
    public func sigma(update: Bool = false) -> Float {
        let w = linear.weight.detached()
        let (rows, columns) = (w.shape[0], w.shape[1])
        if update {
            for _ in 0..<powerIterations {
                v = Self.normalized(Tensor(u, shape: [1, rows]).matmul(w).data)
                u = Self.normalized(w.matmul(Tensor(v, shape: [columns, 1])).data)
            }
        }
        return Tensor(u, shape: [1, rows]).matmul(w).matmul(Tensor(v, shape: [columns, 1])).item
    }

    public func callAsFunction(_ x: Tensor, training: Bool) -> Tensor {
        if training { _ = sigma(update: true) }
        let w = linear.weight
        let (rows, columns) = (w.shape[0], w.shape[1])
        let sigma = Tensor(u, shape: [1, rows]).matmul(w).matmul(Tensor(v, shape: [columns, 1])).reshaped([])
        let y = x.matmul(w / sigma)
        return linear.bias.map { y + $0 } ?? y
    }
}
