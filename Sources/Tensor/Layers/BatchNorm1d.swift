/// Batch normalisation over the rows of `[batch, features]` (Ioffe & Szegedy 2015), with
/// PyTorch's conventions:
///
/// - training mode: `x̂ = (x − μ_B) / √(σ²_B + ε)` with the batch mean and **biased** batch
///   variance; running averages are updated as `r ← (1 − momentum)·r + momentum·stat`, using the
///   **unbiased** variance (`n/(n − 1)·σ²_B`) for `runningVariance`;
/// - evaluation mode: `x̂ = (x − runningMean) / √(runningVariance + ε)`;
/// - output `γ ⊙ x̂ + β` when `affine` (γ = 1, β = 0 initially).
///
/// State-dict names as PyTorch's: parameters `weight` (γ) and `bias` (β), buffers
/// `running_mean` and `running_var`.
public final class BatchNorm1d: Layer {
    public let gamma: Tensor?
    public let beta: Tensor?
    /// Buffers (no gradient), updated in place in training mode.
    public let runningMean: Tensor
    public let runningVariance: Tensor
    public let momentum: Scalar
    public let epsilon: Scalar
    public var isTraining = true

    public init(_ features: Int, momentum: Scalar = 0.1, epsilon: Scalar = 1e-5, affine: Bool = true) {
        gamma = affine ? Tensor.ones([features], requiresGrad: true) : nil
        beta = affine ? Tensor.zeros([features], requiresGrad: true) : nil
        runningMean = Tensor.zeros([features])
        runningVariance = Tensor.ones([features])
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public var ownParameters: [(name: String, tensor: Tensor)] {
        guard let gamma, let beta else { return [] }
        return [("weight", gamma), ("bias", beta)]
    }

    public var ownBuffers: [(name: String, tensor: Tensor)] {
        [("running_mean", runningMean), ("running_var", runningVariance)]
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let features = runningMean.count
        precondition(x.rank == 2 && x.shape[1] == features, "BatchNorm1d: expected [batch, \(features)], got \(x.shape)")
        let normalized: Tensor
        if isTraining {
            let n = x.shape[0]
            precondition(n > 1, "BatchNorm1d: training needs more than one row per batch")
            let batchMean = x.mean(axis: 0)
            let centered = x - batchMean
            let variance = (centered * centered).mean(axis: 0)
            normalized = centered / (variance + epsilon).sqrt()
            let mean = batchMean.data, biased = variance.data
            let unbiased = Scalar(n) / Scalar(n - 1)
            for j in 0..<features {
                runningMean.data[j] = (1 - momentum) * runningMean.data[j] + momentum * mean[j]
                runningVariance.data[j] = (1 - momentum) * runningVariance.data[j] + momentum * biased[j] * unbiased
            }
        } else {
            let scale = Tensor(runningVariance.data.map { 1 / ($0 + epsilon).squareRoot() }, shape: [features])
            normalized = (x - runningMean) * scale
        }
        guard let gamma, let beta else { return normalized }
        return normalized * gamma + beta
    }
}
