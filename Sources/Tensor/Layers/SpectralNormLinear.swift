import Randomness

/// A ``Linear`` layer whose weight is divided by its largest singular value (Miyato et al.
/// 2018), estimated by power iteration as in PyTorch's `spectral_norm`: with `W: [in, out]` and
/// persistent unit vectors `u ∈ ℝⁱⁿ`, `v ∈ ℝᵒᵘᵗ`, each training forward pass first repeats
/// `powerIterations` times `v ← Wᵀu/‖Wᵀu‖, u ← Wv/‖Wv‖` (no gradient), then uses
/// `σ = uᵀWv` and `y = x·(W/σ) + b`; the gradient flows through `σ` with `u`, `v` fixed.
/// Evaluation mode reuses the stored `u`, `v`. State-dict names: `linear.weight`, `linear.bias`,
/// and the buffers `u`, `v` (so a checkpoint resumes the power iteration where it stopped).
public final class SpectralNormLinear: Layer {
    public let linear: Linear
    public let powerIterations: Int
    /// Buffers: the persistent power-iteration vectors.
    public let u: Tensor
    public let v: Tensor
    public var isTraining = true

    public init(_ linear: Linear, powerIterations: Int = 1, generator: inout Xoshiro256StarStar) {
        precondition(powerIterations >= 1, "SpectralNormLinear: at least one power iteration")
        self.linear = linear
        self.powerIterations = powerIterations
        let (rows, columns) = (linear.weight.shape[0], linear.weight.shape[1])
        u = Tensor(Self.normalized(Tensor.randn([rows], generator: &generator).data), shape: [rows])
        v = Tensor(Self.normalized(Tensor.randn([columns], generator: &generator).data), shape: [columns])
    }

    public var children: [(name: String, module: any Module)] { [("linear", linear)] }
    public var ownBuffers: [(name: String, tensor: Tensor)] { [("u", u), ("v", v)] }

    static func normalized(_ x: [Scalar]) -> [Scalar] {
        let norm = Swift.max(x.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        return x.map { $0 / norm }
    }

    /// The current estimate `σ = uᵀWv` (a constant; refreshes `u`, `v` first when `update`).
    public func sigma(update: Bool = false) -> Scalar {
        let w = linear.weight.detached()
        let (rows, columns) = (w.shape[0], w.shape[1])
        if update {
            for _ in 0..<powerIterations {
                v.data = Self.normalized(Tensor(u.data, shape: [1, rows]).matmul(w).data)
                u.data = Self.normalized(w.matmul(Tensor(v.data, shape: [columns, 1])).data)
            }
        }
        return Tensor(u.data, shape: [1, rows]).matmul(w).matmul(Tensor(v.data, shape: [columns, 1])).item
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        if isTraining { _ = sigma(update: true) }
        let w = linear.weight
        let (rows, columns) = (w.shape[0], w.shape[1])
        let sigma = Tensor(u.data, shape: [1, rows]).matmul(w).matmul(Tensor(v.data, shape: [columns, 1])).reshaped([])
        let y = x.matmul(w / sigma)
        return linear.bias.map { y + $0 } ?? y
    }
}
