import Randomness

extension Tensor {
    /// The reparameterisation trick of a variational autoencoder (Kingma & Welling 2014, §2.4):
    /// a sample `z = μ + σ ⊙ ε` of `N(μ, diag σ²)` with `σ = exp(½·logσ²)` and `ε ~ N(0, I)` drawn
    /// from `generator` (`Tensor.randn`, in row-major order), so that `z` is differentiable in
    /// `mean` and `logVariance`: `∂μ = g`, `∂logσ² = ½·g ⊙ σ ⊙ ε`. `mean` and `logVariance` have
    /// one shape (typically `[B, latent]`). Composite over
    /// ``reparameterize(mean:logVariance:noise:)``; at evaluation time a model usually takes
    /// `z = μ` instead.
    public static func reparameterize(mean: Tensor, logVariance: Tensor,
                                      generator: inout Xoshiro256StarStar) -> Tensor {
        reparameterize(mean: mean, logVariance: logVariance,
                       noise: Tensor.randn(mean.shape, generator: &generator))
    }

    /// `z = μ + exp(½·logσ²) ⊙ ε` for a given standard-normal `noise` `ε` of `mean`'s shape (a
    /// constant: it gets no gradient). Composite.
    public static func reparameterize(mean: Tensor, logVariance: Tensor, noise: Tensor) -> Tensor {
        precondition(mean.shape == logVariance.shape && mean.shape == noise.shape,
                     "reparameterize: mean \(mean.shape), logVariance \(logVariance.shape) and noise \(noise.shape) differ")
        return mean + (logVariance * 0.5).exp() * noise.detached()
    }
}
