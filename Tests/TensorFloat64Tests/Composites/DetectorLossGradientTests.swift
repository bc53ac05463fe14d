import Foundation
import Randomness
import TensorFloat64
import Testing

/// The training losses of the neural detectors in miniature, every parameter checked: the same
/// chains of ops as in Sources/Detectors (DAGMM.swift, VRAENetwork.swift, AMADNetwork.swift,
/// ALADNetworks.swift, Toll.swift), written again here over the Float64 module (the detectors
/// link the Float32 one), with small sizes, fixed noise and no dropout (checked on its own).
@Suite struct DetectorLossGradientTests {
    /// DAGMM: the compression network's features `[code, relative error, cosine]`, the mixture's
    /// φ, μ, Σ from the estimation network's memberships, the sample energy (inverse, log-det,
    /// log-sum-exp) and the covariance penalty.
    @Test func dagmm() {
        var g = Xoshiro256StarStar(seed: 31)
        let encoder = Sequential([Linear(4, 3, generator: &g), Activation(.tanh), Linear(3, 1, generator: &g)])
        let decoder = Sequential([Linear(1, 3, generator: &g), Activation(.tanh), Linear(3, 4, generator: &g)])
        let estimation = Sequential([Linear(3, 5, generator: &g), Activation(.tanh), Linear(5, 2, generator: &g)])
        checkGradient("DAGMM loss", encoder, decoder, estimation, shapes: [[10, 4]]) { i in
            let x = i[0]
            let code = encoder(x)
            let reconstruction = decoder(code)
            let norm = x.l2Norm(keepDims: true), normReconstruction = reconstruction.l2Norm(keepDims: true)
            let relative = (x - reconstruction).l2Norm(keepDims: true) / norm
            let cosine = (x * reconstruction).sum(axis: 1, keepDims: true) / (norm * normReconstruction)
            let z = Tensor.concatColumns([code, relative, cosine])
            let gamma = estimation(z).softmax()
            let (n, f, k) = (Double(z.shape[0]), z.shape[1], 2)
            let totals = gamma.sum(axis: 0)
            let phi = totals / n
            let weights = gamma / totals
            let mu = weights.transposed().matmul(z)
            var covariances: [Tensor] = [], terms: [Tensor] = []
            for c in 0..<k {
                let difference = z - mu.gatherRows([c])
                let weighted = difference * weights.sliceColumns(c..<(c + 1))
                covariances.append(weighted.transposed().matmul(difference) + eye(f) * 1e-6)
            }
            var penalty = Tensor(scalar: 0)
            for (c, sigma) in covariances.enumerated() {
                let difference = z - mu.gatherRows([c])
                let mahalanobis = (difference.matmul(sigma.inverse()) * difference).sum(axis: 1, keepDims: true)
                let logWeight = phi.reshaped([1, k]).sliceColumns(c..<(c + 1)).log()
                let logNormaliser = (sigma.logDet() + Double(f) * log(2 * Double.pi)) * 0.5
                terms.append(logWeight - mahalanobis * 0.5 - logNormaliser)
                penalty = penalty + (1 / (sigma * eye(f)).sum(axis: 1)).sum()
            }
            let energy = -Tensor.concatColumns(terms).logSumExp()
            let error = reconstruction - x
            return (error * error).sum(axis: 1).mean() + 0.1 * energy.mean() + 0.005 * penalty
        }
    }

    /// DAGMM's sample energy in batched form (rank-3 broadcasting, batched transpose, matmul,
    /// inverse and log-det), as TensorTests' `mixtureEnergy`: z `[N, d]`, mixture logits `[N, K]`.
    @Test func batchedMixtureEnergy() {
        checkGradient("DAGMM energy, batched", shapes: [[6, 2], [6, 3]]) { i in
            let (z, logits) = (i[0], i[1])
            let (n, d, k) = (z.shape[0], z.shape[1], logits.shape[1])
            let gamma = logits.softmax()
            let mass = gamma.sum(axis: 0)
            let phi = mass / Double(n)
            let mu = gamma.transposed().matmul(z) / mass.reshaped([k, 1])
            let diff = z.reshaped([1, n, d]) - mu.reshaped([k, 1, d])
            let weighted = diff * gamma.transposed().reshaped([k, n, 1])
            let cov = weighted.transposed().matmul(diff) / mass.reshaped([k, 1, 1]) + eye(d, 0.1)
            let maha = (diff.matmul(cov.inverse()) * diff).sum(axis: 2)
            let logp = phi.log().reshaped([k, 1]) - 0.5 * maha - 0.5 * cov.logDet().reshaped([k, 1])
            return -logp.transposed().logSumExp()
        }
    }

    /// The reparameterisation `μ + e^{½·log σ²}·ε`, with the noise given and drawn from a generator
    /// (seeded anew for every evaluation, so the same ε).
    @Test func reparameterize() {
        var g = Xoshiro256StarStar(seed: 11)
        let noise = Tensor.randn([3, 2], generator: &g)
        checkGradient("reparameterize", shapes: [[3, 2], [3, 2]]) {
            Tensor.reparameterize(mean: $0[0], logVariance: $0[1], noise: noise)
        }
        checkGradient("reparameterize with a generator", shapes: [[3, 2], [3, 2]]) {
            var generator = Xoshiro256StarStar(seed: 12)
            return Tensor.reparameterize(mean: $0[0], logVariance: $0[1], generator: &generator)
        }
    }

    /// VRAE: a bidirectional LSTM encoder with scaled dot-product self-attention over its states,
    /// the reparameterised codes (fixed noise), a bidirectional LSTM decoder over the repeated
    /// code and the contexts, the Laplace likelihood and both KL terms.
    @Test func vrae() {
        var g = Xoshiro256StarStar(seed: 32)
        let (b, t, f, hidden, latent, attention) = (2, 3, 2, 2, 2, 2)
        let encoder = Bidirectional.lstm(f, hidden, generator: &g)
        let zMean = Linear(2 * hidden, latent, generator: &g), zLogVariance = Linear(2 * hidden, latent, generator: &g)
        let cMean = Linear(2 * hidden, attention, generator: &g), cLogVariance = Linear(2 * hidden, attention, generator: &g)
        let decoder = Bidirectional.lstm(latent + attention, hidden, generator: &g)
        let xLocation = Linear(2 * hidden, f, generator: &g), xScale = Linear(2 * hidden, f, generator: &g)
        let zNoise = Tensor.randn([b, latent], generator: &g), cNoise = Tensor.randn([b, t, attention], generator: &g)
        checkGradient("VRAE loss", encoder, zMean, zLogVariance, cMean, cLogVariance, decoder, xLocation, xScale,
                      shapes: [[b, t, f]]) { i in
            let x = i[0]
            let (states, final) = encoder(x)
            let scores = states.matmul(states.transposed(1, 2)) * (1 / Double(2 * hidden).squareRoot())
            let context = scores.softmax(axis: 2).matmul(states)
            let (zm, zv) = (zMean(final.hidden), zLogVariance(final.hidden))
            let (cm, cv) = (cMean(context), cLogVariance(context))
            let z = Tensor.reparameterize(mean: zm, logVariance: zv, noise: zNoise)
            let c = Tensor.reparameterize(mean: cm, logVariance: cv, noise: cNoise)
            let repeated = z.reshaped([b, 1, latent]).expanded(to: [b, t, latent])
            let (decoded, _) = decoder(Tensor.concatenate([repeated, c], axis: 2))
            let (location, scale) = (xLocation(decoded), xScale(decoded).softplus() + 1e-4)
            let log2 = 0.6931471805599453
            let nll = ((x - location).abs() / scale + scale.log() + log2).reshaped([b, t * f]).sum(axis: 1).mean()
            let kl = Loss.gaussianKL(mean: zm, logVariance: zv)
            let attentionKL = Loss.gaussianKL(mean: cm.reshaped([b, t * attention]), logVariance: cv.reshaped([b, t * attention]))
            return nll + kl * 0.5 + attentionKL * 0.1
        }
    }

    /// AMAD: padded id lists through a sparse embedding, attention pooling over each attribute's
    /// ids and over the attributes, batch normalisation, the instance autoencoder with leaky ReLUs
    /// and noise, the block LSTM over real and resembled instances (the latter through a
    /// stop-gradient copy of its weights), and the generator's and discriminators' losses.
    @Test func amad() {
        var g = Xoshiro256StarStar(seed: 33)
        let (streams, t, attributes, d, code, hidden) = (2, 2, 2, 3, 2, 2)
        let b = streams * t
        let embedding = Embedding(7, d, paddingIndex: 0, sparse: true, generator: &g)
        let featureAttention = AttentionPooling(d, generator: &g), selfAttention = AttentionPooling(d, generator: &g)
        let batchNorm = BatchNorm1d(d)
        let encoder = Linear(d, code, generator: &g), decoder = Linear(code, d, generator: &g)
        let blockRNN = LSTM(d, hidden, generator: &g)
        let instanceDiscriminator = Linear(d, 1, generator: &g), blockDiscriminator = Linear(hidden, 1, generator: &g)
        let lists: [[Int]] = [[1, 2], [3], [4, 5], [], [6], [1, 6], [2], [3, 4]]
        let noise = Tensor.randn([b, d], std: 0.1, generator: &g)
        // The resembled block runs through a stop-gradient copy of the block LSTM's weights: for the
        // finite differences that copy is a constant (taken once here), as it is for the gradient.
        let frozen = (blockRNN.inputWeight.detached(), blockRNN.hiddenWeight.detached(),
                      blockRNN.inputBias?.detached(), blockRNN.hiddenBias?.detached())
        func crossEntropy(_ z: Tensor, _ y: Tensor) -> Tensor { z.relu() - z * y + (-z.abs()).softplus() }
        func discriminatorLoss(_ discriminator: Linear, real: Tensor, resembled: Tensor) -> Tensor {
            ((-discriminator(real)).softplus() + discriminator(resembled).softplus()).reshaped([real.shape[0]])
        }
        checkGradient("AMAD losses", embedding, featureAttention, selfAttention, batchNorm, encoder, decoder, blockRNN,
                      instanceDiscriminator, blockDiscriminator, shapes: [[streams, hidden], [streams, hidden]]) { i in
            let (vectors, valid) = embedding.padded(lists)
            let length = vectors.shape[1]
            let attributeVectors = featureAttention(vectors.reshaped([b * attributes, length, d]), valid: valid)
                .reshaped([b, attributes, d])
            let all = [Bool](repeating: true, count: b * attributes)
            let weights = selfAttention.weights(attributeVectors, valid: all)
            let instance = batchNorm(weights.reshaped([b, 1, attributes]).matmul(attributeVectors).reshaped([b, d]))
            let resembled = decoder(encoder(instance.leakyRelu() + noise).leakyRelu()).leakyRelu() - noise
            let real = Tensor.lstm(instance.leakyRelu().reshaped([streams, t, d]), inputWeight: blockRNN.inputWeight,
                                   hiddenWeight: blockRNN.hiddenWeight, inputBias: blockRNN.inputBias,
                                   hiddenBias: blockRNN.hiddenBias, hidden: i[0], cell: i[1])
            let fake = Tensor.lstm(resembled.leakyRelu().reshaped([streams, t, d]), inputWeight: frozen.0,
                                   hiddenWeight: frozen.1, inputBias: frozen.2, hiddenBias: frozen.3, hidden: i[0], cell: i[1])
            let generator = crossEntropy(resembled, instance.sigmoid()).mean(axis: 1).mean()
                + crossEntropy(fake.hidden, real.hidden.sigmoid()).sum(axis: 1).mean()
            let discriminators = discriminatorLoss(instanceDiscriminator, real: instance, resembled: resembled).mean()
                + discriminatorLoss(blockDiscriminator, real: real.hidden, resembled: fake.hidden).mean()
            return generator + discriminators
        }
    }

    /// ALAD: the joint discriminator D_xz over concatenated feature paths (batch normalisation,
    /// leaky ReLU), D_xx and D_zz over concatenated pairs, with binary cross-entropy on logits.
    @Test func alad() {
        var g = Xoshiro256StarStar(seed: 34)
        let lrelu = Activation.Kind.leakyRelu(slope: 0.2)
        let xzX = Sequential([Linear(4, 3, generator: &g), BatchNorm1d(3, momentum: 0.01, epsilon: 1e-3), Activation(lrelu)])
        let xzZ = Sequential([Linear(2, 3, generator: &g), Activation(lrelu)])
        let xzJoint = Sequential([Linear(6, 3, generator: &g), Activation(lrelu)])
        let xzOut = Linear(3, 1, generator: &g)
        let xxFeatures = Sequential([Linear(8, 3, generator: &g), Activation(lrelu)]), xxOut = Linear(3, 1, generator: &g)
        let zzFeatures = Sequential([Linear(4, 3, generator: &g), Activation(lrelu)]), zzOut = Linear(3, 1, generator: &g)
        func bce(_ logits: Tensor, _ label: Double) -> Tensor { Loss.binaryCrossEntropyWithLogits(logits, Tensor(scalar: label)) }
        checkGradient("ALAD discriminator loss", xzX, xzZ, xzJoint, xzOut, xxFeatures, xxOut, zzFeatures, zzOut,
                      shapes: [[5, 4], [5, 2], [5, 4], [5, 2]]) { i in
            let (x, z, reconstruction, code) = (i[0], i[1], i[2], i[3])
            let real = xzOut(xzJoint(Tensor.concatColumns([xzX(x), xzZ(code)])))
            let fake = xzOut(xzJoint(Tensor.concatColumns([xzX(reconstruction), xzZ(z)])))
            let xx = xxOut(xxFeatures(Tensor.concatColumns([x, reconstruction])))
            let zz = zzOut(zzFeatures(Tensor.concatColumns([z, code])))
            return bce(real, 1) + bce(fake, 0) + bce(xx, 1) + bce(zz, 0)
        }
    }

    /// Toll et al.'s deep autoencoder: blocks of Linear, BatchNorm1d, ReLU and the loss
    /// `mean ‖decoder(z) − x‖ + β·mean ‖z‖`.
    @Test func toll() {
        var g = Xoshiro256StarStar(seed: 35)
        let encoder = Sequential([Linear(4, 5, generator: &g), BatchNorm1d(5), Activation(.relu), Linear(5, 2, generator: &g)])
        let decoder = Sequential([Linear(2, 5, generator: &g), BatchNorm1d(5), Activation(.relu), Linear(5, 4, generator: &g)])
        checkGradient("Toll loss", encoder, decoder, shapes: [[6, 4]]) { i in
            let z = encoder(i[0])
            return (decoder(z) - i[0]).l2Norm().mean() + 0.1 * z.l2Norm().mean()
        }
    }
}
