import DataIO
import Randomness
import Tensor
#if canImport(Glibc)
import Glibc
#endif

/// DAGMM, the deep autoencoding Gaussian mixture model (Zong et al., ICLR 2018), with the
/// paper's KDD architecture and hyperparameters:
/// - compression network: encoder d→60→30→10→1 (tanh, linear code z_c), mirrored decoder
///   (tanh, linear output x′);
/// - z = [z_c, ‖x − x′‖/‖x‖, cos(x, x′)] (3 values);
/// - estimation network: 3→10 tanh → Dropout(0.5) → K = 4 softmax memberships γ;
/// - per batch, φ_k = mean γ_k, μ_k = Σγz/Σγ, Σ_k = Σγ(z − μ_k)(z − μ_k)ᵀ/Σγ + 10⁻⁶I;
/// - energy E(z) = −log Σ_k φ_k exp(−½(z − μ_k)ᵀΣ_k⁻¹(z − μ_k)) / √|2πΣ_k| (log-sum-exp;
///   LU inverse and log-determinant as autodiff primitives);
/// - loss = mean ‖x − x′‖² + λ₁ mean E + λ₂ Σ_k Σ_j 1/Σ_k[jj], λ₁ = 0.1, λ₂ = 0.005; Adam
///   lr 10⁻⁴, 200 epochs of batches of 1024.
/// After training φ, μ, Σ are estimated once on all training rows; score = E(z).
public struct DAGMMDetector: Detector, ReportsTraining, @unchecked Sendable {
    public var hidden: [Int]
    public var latent: Int
    public var components: Int
    public var lambdaEnergy: Double
    public var lambdaCovariance: Double
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var onEpoch: (@Sendable (Int, Int, Double) -> Void)?
    private var model: Model?

    final class Model: Module {
        let encoder: Sequential
        let decoder: Sequential
        let estimation: Sequential
        var isTraining = true
        var phi: Tensor = Tensor.zeros([1])
        var mu: Tensor = Tensor.zeros([1])
        var covariances: [Tensor] = []
        init(encoder: Sequential, decoder: Sequential, estimation: Sequential) {
            self.encoder = encoder
            self.decoder = decoder
            self.estimation = estimation
        }
        var children: [(name: String, module: any Module)] {
            [("encoder", encoder), ("decoder", decoder), ("estimation", estimation)]
        }
    }

    public enum Parameter {
        public static let hidden = DetectorParameter(layers: "hidden", default: [60, 30, 10],
                                                     help: "compression encoder sizes (the decoder mirrors them)")
        public static let latent = DetectorParameter(integer: "latent", default: 1, range: 1...1000, help: "code size z_c")
        public static let components = DetectorParameter(integer: "components", default: 4, range: 1...100, help: "mixture components K")
        public static let lambdaEnergy = DetectorParameter(number: "lambda1", default: 0.1, range: 0...1e6, help: "weight of the mean energy")
        public static let lambdaCovariance = DetectorParameter(number: "lambda2", default: 0.005, range: 0...1e6,
                                                               help: "weight of the covariance-diagonal penalty")
        public static let epochs = DetectorParameter(integer: "epochs", default: 200, range: 1...1_000_000, help: "training epochs")
        public static let batchSize = DetectorParameter(integer: "batch", default: 1024, range: 2...1_000_000, help: "mini-batch size")
        public static let learningRate = DetectorParameter(number: "lr", default: 1e-4, range: 1e-9...10, help: "Adam learning rate")
    }

    public init(hidden: [Int] = Parameter.hidden.defaultValue, latent: Int = Parameter.latent.defaultValue,
                components: Int = Parameter.components.defaultValue, lambdaEnergy: Double = Parameter.lambdaEnergy.defaultValue,
                lambdaCovariance: Double = Parameter.lambdaCovariance.defaultValue, epochs: Int = Parameter.epochs.defaultValue,
                batchSize: Int = Parameter.batchSize.defaultValue, learningRate: Double = Parameter.learningRate.defaultValue) {
        self.hidden = hidden
        self.latent = latent
        self.components = components
        self.lambdaEnergy = lambdaEnergy
        self.lambdaCovariance = lambdaCovariance
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    public static let info = DetectorInfo(
        name: "dagmm", summary: "DAGMM: compression autoencoder + Gaussian mixture energy (paper's KDD settings)",
        defaultScaling: .standard,
        parameters: [Parameter.hidden.info, Parameter.latent.info, Parameter.components.info, Parameter.lambdaEnergy.info,
                     Parameter.lambdaCovariance.info, Parameter.epochs.info, Parameter.batchSize.info, Parameter.learningRate.info],
        reproducibility: .machineDependent,
        make: { p in
            DAGMMDetector(hidden: try p.value(Parameter.hidden), latent: try p.value(Parameter.latent),
                          components: try p.value(Parameter.components), lambdaEnergy: try p.value(Parameter.lambdaEnergy),
                          lambdaCovariance: try p.value(Parameter.lambdaCovariance), epochs: try p.value(Parameter.epochs),
                          batchSize: try p.value(Parameter.batchSize), learningRate: try p.value(Parameter.learningRate))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let sizes = [train.columns] + hidden + [latent]
        var encoderLayers: [any Layer] = [], decoderLayers: [any Layer] = []
        for (index, (a, b)) in zip(sizes, sizes.dropFirst()).enumerated() {
            encoderLayers.append(Linear(a, b, generator: &generator))
            if index < sizes.count - 2 { encoderLayers.append(Activation(.tanh)) }
        }
        let reversed = Array(sizes.reversed())
        for (index, (a, b)) in zip(reversed, reversed.dropFirst()).enumerated() {
            decoderLayers.append(Linear(a, b, generator: &generator))
            if index < reversed.count - 2 { decoderLayers.append(Activation(.tanh)) }
        }
        let features = latent + 2
        let estimation = Sequential([Linear(features, 10, generator: &generator), Activation(.tanh),
                                     Dropout(0.5, seed: generator.next()), Linear(10, components, generator: &generator)])
        let model = Model(encoder: Sequential(encoderLayers), decoder: Sequential(decoderLayers), estimation: estimation)
        let optimizer = Adam(model.parameters, learningRate: Float(learningRate))
        var batches = Xoshiro256StarStar(seed: generator.next())
        let trainer = Trainer(TrainingConfiguration(epochs: epochs, batchSize: batchSize),
                              hooks: trainingHooks)
        let (lambda1, lambda2) = (Float(lambdaEnergy), Float(lambdaCovariance))
        let k = components
        model.train()
        let step = TrainingStep<MiniBatch>(optimizer: optimizer) { batch in
            let (z, reconstruction) = Self.compress(model, batch.x)
            let gamma = model.estimation(z).softmax()
            let (phi, mu, covariances) = Self.mixture(z, gamma, components: k)
            let energy = Self.energy(z, phi: phi, mu: mu, covariances: covariances)
            var penalty = Tensor(scalar: 0)
            for sigma in covariances {
                let diagonal = (sigma * Self.identity(features)).sum(axis: 1)
                penalty = penalty + (1 / diagonal).sum()
            }
            let error = reconstruction - batch.x
            return (error * error).sum(axis: 1).mean() + lambda1 * energy.mean() + lambda2 * penalty
        }
        trainer.fit(DenseRows(train.tensor()), steps: [step], generator: &batches)
        // The mixture of the whole training set, with the trained networks.
        model.eval()
        Tensor.noGrad {
            let (z, _) = Self.compress(model, train.tensor())
            let gamma = model.estimation(z).softmax()
            (model.phi, model.mu, model.covariances) = Self.mixture(z, gamma, components: k)
        }
        self.model = model
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        guard let model else { throw DataError(.internal, "dagmm: not fitted") }
        return blockScores(x) { part in
            let (z, _) = Self.compress(model, part)
            return Self.energy(z, phi: model.phi, mu: model.mu, covariances: model.covariances).data
        }
    }

    /// z = [z_c, relative Euclidean error, cosine similarity] and the reconstruction x′.
    static func compress(_ model: Model, _ x: Tensor) -> (Tensor, Tensor) {
        let code = model.encoder(x)
        let reconstruction = model.decoder(code)
        let norm = x.l2Norm(keepDims: true), normReconstruction = reconstruction.l2Norm(keepDims: true)
        let relative = (x - reconstruction).l2Norm(keepDims: true) / norm
        let cosine = (x * reconstruction).sum(axis: 1, keepDims: true) / (norm * normReconstruction)
        return (Tensor.concatColumns([code, relative, cosine]), reconstruction)
    }

    /// φ [K], μ [K, f] and the K covariance matrices [f, f] of memberships γ [n, K] over z [n, f].
    static func mixture(_ z: Tensor, _ gamma: Tensor, components: Int) -> (Tensor, Tensor, [Tensor]) {
        let n = Float(z.shape[0]), f = z.shape[1]
        let totals = gamma.sum(axis: 0)                  // [K]
        let phi = totals / n
        let weights = gamma / totals                      // [n, K], columns sum to 1
        let mu = weights.transposed().matmul(z)           // [K, f]
        var covariances: [Tensor] = []
        for k in 0..<components {
            let difference = z - mu.gatherRows([k])       // [n, f]
            let weighted = difference * weights.sliceColumns(k..<(k + 1))
            covariances.append(weighted.transposed().matmul(difference) + identity(f) * 1e-6)
        }
        return (phi, mu, covariances)
    }

    /// E(z) per row.
    static func energy(_ z: Tensor, phi: Tensor, mu: Tensor, covariances: [Tensor]) -> Tensor {
        let f = Float(z.shape[1])
        var terms: [Tensor] = []
        for (k, sigma) in covariances.enumerated() {
            let difference = z - mu.gatherRows([k])
            let mahalanobis = (difference.matmul(sigma.inverse()) * difference).sum(axis: 1, keepDims: true)   // [n, 1]
            let logWeight = phi.reshaped([1, covariances.count]).sliceColumns(k..<(k + 1)).log()               // [1, 1]
            let logNormaliser = (sigma.logDet() + f * Float(log(2 * Double.pi))) * 0.5
            terms.append(logWeight - mahalanobis * 0.5 - logNormaliser)
        }
        return -Tensor.concatColumns(terms).logSumExp()
    }

    static func identity(_ f: Int) -> Tensor {
        var values = [Float](repeating: 0, count: f * f)
        for i in 0..<f { values[i * f + i] = 1 }
        return Tensor(values, shape: [f, f])
    }
}
