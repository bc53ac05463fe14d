import Randomness

/// Masked additive attention pooling of a padded set or sequence of vectors (Yang et al. 2016,
/// "Hierarchical Attention Networks"): for `x: [batch, length, d]`,
///
///     uₗ = tanh(W·xₗ + b),   sₗ = uₗ·q,
///     αₗ = e^{sₗ} / Σ_{valid k} e^{sₖ}  (softmax over the valid positions only),
///     y  = Σₗ αₗ·xₗ                      → [batch, d]
///
/// Padding positions get score `−10⁹` before the softmax, so their weight is exactly 0; a row
/// with no valid position pools to the zero vector. Composite of primitives. State-dict names:
/// `projection.weight`, `projection.bias`, `query`.
public final class AttentionPooling: Module {
    public let projection: Linear
    /// The learned query `q`, `[attentionSize, 1]`.
    public let query: Tensor
    public var isTraining = true

    public init(_ dimension: Int, attentionSize: Int? = nil, generator: inout Xoshiro256StarStar) {
        let a = attentionSize ?? dimension
        projection = Linear(dimension, a, initialization: .xavierUniform(gain: 1), generator: &generator)
        query = Tensor(Initializers.xavierUniform(fanIn: a, fanOut: 1, generator: &generator), shape: [a, 1],
                       requiresGrad: true)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] { [("query", query)] }
    public var children: [(name: String, module: any Module)] { [("projection", projection)] }

    /// The attention weights `α`, `[batch, length]`.
    public func weights(_ x: Tensor, valid: [Bool]) -> Tensor {
        precondition(x.rank == 3 && valid.count == x.shape[0] * x.shape[1], "AttentionPooling: x [B, L, d] and B·L flags")
        let (b, l, d) = (x.shape[0], x.shape[1], x.shape[2])
        let scores = projection(x.reshaped([b * l, d])).tanh().matmul(query).reshaped([b, l])
        let mask = Tensor(valid.map { $0 ? 0 : -1e9 }, shape: [b, l])
        return (scores + mask).softmax()
    }

    /// The pooled vectors `[batch, d]`.
    public func callAsFunction(_ x: Tensor, valid: [Bool]) -> Tensor {
        let (b, l, d) = (x.shape[0], x.shape[1], x.shape[2])
        let alpha = weights(x, valid: valid).reshaped([b, 1, l])
        let pooled = alpha.matmul(x).reshaped([b, d])
        let anyValid = (0..<b).map { row in valid[(row * l)..<((row + 1) * l)].contains(true) ? Scalar(1) : 0 }
        if anyValid.allSatisfy({ $0 == 1 }) { return pooled }
        return pooled * Tensor(anyValid, shape: [b, 1])
    }
}
