/// Loss functions, all composites of primitive ops (no backward code). Unless stated otherwise a
/// loss is the **mean over all elements** (PyTorch `reduction='mean'`) and returns a scalar `[]`.
public enum Loss {
    /// Mean squared error `mean((ŷ − y)²)`.
    public static func mse(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        (prediction - target).pow(2).mean()
    }

    /// Mean absolute error `mean(|ŷ − y|)` (subgradient 0 at equality).
    public static func l1(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        (prediction - target).abs().mean()
    }

    /// Binary cross-entropy on logits `z` with targets `y ∈ [0, 1]`:
    /// `mean(max(z, 0) − z·y + log(1 + e^{−|z|}))`, which equals
    /// `−mean(y·log σ(z) + (1 − y)·log(1 − σ(z)))` without overflow for any `z`.
    public static func binaryCrossEntropyWithLogits(_ logits: Tensor, _ target: Tensor) -> Tensor {
        (logits.relu() - logits * target + (-logits.abs()).softplus()).mean()
    }

    /// `KL(N(μ, diag σ²) ‖ N(0, I))` for rows of `mean` and `logVariance` (`[batch, latent]`),
    /// summed over the latent dimensions and averaged over the batch:
    /// `mean_rows(−½ Σⱼ (1 + log σ²ⱼ − μⱼ² − σ²ⱼ))` (Kingma & Welling 2014, appendix B).
    public static func gaussianKL(mean: Tensor, logVariance: Tensor) -> Tensor {
        let perElement = 1 + logVariance - mean * mean - logVariance.exp()
        let rows = mean.rank >= 2 ? mean.shape[0] : 1
        return perElement.sum() * (-0.5 / Scalar(rows))
    }

    /// Negative log-likelihood of `target` under a Laplace distribution with location
    /// `prediction` and scale `b = e^{logScale}` (broadcastable: a scalar, a `[d]` row or full):
    /// `mean(log 2b + |y − ŷ| / b) = mean(log 2 + logScale + |y − ŷ|·e^{−logScale})`.
    /// With a constant `logScale = 0` this is the L1 loss plus `log 2`.
    public static func laplaceNegativeLogLikelihood(_ prediction: Tensor, _ target: Tensor,
                                                    logScale: Tensor) -> Tensor {
        let log2: Scalar = 0.6931472
        return ((target - prediction).abs() * (-logScale).exp() + logScale + log2).mean()
    }
}
