/// Batch normalisation over the rows of `[batch, features]` (Ioffe & Szegedy 2015), with
/// PyTorch's conventions:
///
/// - training: `x̂ = (x − μ_B) / √(σ²_B + ε)` with the batch mean and **biased** batch variance;
///   running averages are updated as `r ← (1 − momentum)·r + momentum·stat`, using the
///   **unbiased** variance (`n/(n − 1)·σ²_B`) for `runningVariance`;
/// - evaluation: `x̂ = (x − runningMean) / √(runningVariance + ε)`;
/// - output `γ ⊙ x̂ + β` when `affine` (γ = 1, β = 0 initially).
public final class BatchNorm1d: Layer {
    public let gamma: Tensor?
    public let beta: Tensor?
    public private(set) var runningMean: [Float]
    public private(set) var runningVariance: [Float]
    public let momentum: Float
    public let epsilon: Float

    public init(_ features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5, affine: Bool = true) {
        gamma = affine ? Tensor.ones([features], requiresGrad: true) : nil
        beta = affine ? Tensor.zeros([features], requiresGrad: true) : nil
        runningMean = [Float](repeating: 0, count: features)
        runningVariance = [Float](repeating: 1, count: features)
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public var parameters: [Tensor] { [gamma, beta].compactMap { $0 } }

    public func callAsFunction(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == runningMean.count, "BatchNorm1d: expected [batch, \(runningMean.count)], got \(x.shape)")
        let normalized: Tensor
        if training {
            let n = x.shape[0]
            precondition(n > 1, "BatchNorm1d: training needs more than one row per batch")
            let batchMean = x.mean(axis: 0)
            let centered = x - batchMean
            let variance = (centered * centered).mean(axis: 0)
            normalized = centered / (variance + epsilon).sqrt()
            let mean = batchMean.data
            let unbiased = Float(n) / Float(n - 1)
            for j in 0..<runningMean.count {
                runningMean[j] = (1 - momentum) * runningMean[j] + momentum * mean[j]
                runningVariance[j] = (1 - momentum) * runningVariance[j] + momentum * variance.data[j] * unbiased
            }
        } else {
            let mean = Tensor(runningMean, shape: [runningMean.count])
            let scale = Tensor(runningVariance.map { 1 / ($0 + epsilon).squareRoot() }, shape: [runningMean.count])
            normalized = (x - mean) * scale
        }
        guard let gamma, let beta else { return normalized }
        return normalized * gamma + beta
    }
}
