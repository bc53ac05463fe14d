import Randomness
import Tensor

/// The variational recurrent autoencoder with variational self-attention (Pereira & Silveira,
/// ICMLA 2018), as the two reimplementations in `reference/detectors.md` §5 agree on it:
///
///     H = BiLSTM_enc(x)                                      [B, T, 2h]   (all steps)
///     q(z | x) = N(μ_z, σ_z²),  μ_z, log σ_z² = Linear(h_T)  [B, d_z]     (h_T: both final states)
///     S = H·Hᵀ / √(2h),  C = softmax_rows(S)·H               [B, T, 2h]
///     q(c_t | x) = N(μ_c, σ_c²),  μ_c, log σ_c² = Linear(C_t) [B, T, d_c]
///     D = BiLSTM_dec([repeat(z, T) ‖ c])                     [B, T, 2h]
///     p(x_t | z, c) = Laplace(μ_x, b),  μ_x = Linear(D_t),  b = softplus(Linear(D_t)) + 10⁻⁴
///
/// State-dict names: `encoder.forward.input_weight`, …, `z_mean.weight`, `z_log_variance.bias`,
/// `c_mean.*`, `c_log_variance.*`, `decoder.*`, `x_location.*`, `x_scale.*`.
final class VRAENetwork: Module {
    let encoder: Bidirectional
    let zMean: Linear, zLogVariance: Linear
    let cMean: Linear, cLogVariance: Linear
    let decoder: Bidirectional
    let xLocation: Linear, xScale: Linear
    let features: Int, latent: Int, attention: Int, hidden: Int
    var isTraining = true

    init(features: Int, hidden: Int, latent: Int, attention: Int, generator: inout Xoshiro256StarStar) {
        self.features = features
        self.hidden = hidden
        self.latent = latent
        self.attention = attention
        encoder = .lstm(features, hidden, generator: &generator)
        zMean = Linear(2 * hidden, latent, generator: &generator)
        zLogVariance = Linear(2 * hidden, latent, generator: &generator)
        cMean = Linear(2 * hidden, attention, generator: &generator)
        cLogVariance = Linear(2 * hidden, attention, generator: &generator)
        decoder = .lstm(latent + attention, hidden, generator: &generator)
        xLocation = Linear(2 * hidden, features, generator: &generator)
        xScale = Linear(2 * hidden, features, generator: &generator)
    }

    var children: [(name: String, module: any Module)] {
        [("encoder", encoder), ("z_mean", zMean), ("z_log_variance", zLogVariance),
         ("c_mean", cMean), ("c_log_variance", cLogVariance), ("decoder", decoder),
         ("x_location", xLocation), ("x_scale", xScale)]
    }

    /// The encoder's posterior parameters for `x` `[B, T, F]`.
    struct Posterior {
        let zMean: Tensor, zLogVariance: Tensor   // [B, d_z]
        let cMean: Tensor, cLogVariance: Tensor   // [B, T, d_c]
    }

    func encode(_ x: Tensor) -> Posterior {
        let (states, final) = encoder(x)
        let scores = states.matmul(states.transposed(1, 2)) * (1 / Float(2 * hidden).squareRoot())
        let context = scores.softmax(axis: 2).matmul(states)
        return Posterior(zMean: zMean(final.hidden), zLogVariance: zLogVariance(final.hidden),
                         cMean: cMean(context), cLogVariance: cLogVariance(context))
    }

    /// The output distribution's location and scale `[B, T, F]` for codes `z` `[B, d_z]` and
    /// contexts `c` `[B, T, d_c]`.
    func decode(z: Tensor, c: Tensor) -> (location: Tensor, scale: Tensor) {
        let (b, t) = (c.shape[0], c.shape[1])
        let repeated = z.reshaped([b, 1, latent]).expanded(to: [b, t, latent])
        let (states, _) = decoder(Tensor.concatenate([repeated, c], axis: 2))
        return (xLocation(states), xScale(states).softplus() + 1e-4)
    }

    /// `−log p(x | location, scale)` of the Laplace distribution, summed over steps and
    /// features: one value per sequence `[B]`.
    static func laplaceNegativeLogLikelihood(_ x: Tensor, location: Tensor, scale: Tensor) -> Tensor {
        let log2: Float = 0.6931472
        let b = x.shape[0]
        return ((x - location).abs() / scale + scale.log() + log2).reshaped([b, x.count / b]).sum(axis: 1)
    }
}
