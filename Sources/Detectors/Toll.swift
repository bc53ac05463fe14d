import DataIO
import Randomness
import Tensor

/// Toll, the targeted-collapse regularised autoencoder (Ghafourian et al., IEEE TNNLS 2024),
/// as its reference code: encoder d→256→128→z and decoder z→128→256→d, each hidden layer
/// Linear + BatchNorm1d + ReLU, linear latent and output; PyTorch's default initialisation.
/// Loss = meanᵢ ‖x̂ᵢ − xᵢ‖₂ + β · meanᵢ ‖zᵢ‖₂ (unsquared norms) with Adam; `iterations`
/// mini-batches, each drawn at random without replacement from the training rows. Score =
/// ‖x̂ − x‖₂ + β‖z‖₂, the loss's form, in evaluation mode (BatchNorm running statistics).
/// The reference code also keeps the checkpoint with the best F1 on a labelled validation set
/// every 20 iterations; that uses anomaly labels and is not done here.
public struct TollDetector: Detector, ReportsTraining, @unchecked Sendable {
    public var latent: Int
    public var beta: Double
    public var iterations: Int
    public var batchSize: Int
    public var learningRate: Double
    public var onEpoch: (@Sendable (Int, Int, Double) -> Void)?
    private var encoder: Sequential?
    private var decoder: Sequential?

    public enum Parameter {
        public static let latent = DetectorParameter(integer: "latent", default: 16, range: 1...100_000, help: "latent size z")
        public static let beta = DetectorParameter(number: "beta", default: 10, range: 0...1e9, help: "weight of the latent norm")
        public static let iterations = DetectorParameter(integer: "iterations", default: 2000, range: 1...100_000_000,
                                                         help: "training mini-batches")
        public static let batchSize = DetectorParameter(integer: "batch", default: 100, range: 2...1_000_000, help: "mini-batch size")
        public static let learningRate = DetectorParameter(number: "lr", default: 1e-3, range: 1e-9...10, help: "Adam learning rate")
    }

    public init(latent: Int = Parameter.latent.defaultValue, beta: Double = Parameter.beta.defaultValue,
                iterations: Int = Parameter.iterations.defaultValue, batchSize: Int = Parameter.batchSize.defaultValue,
                learningRate: Double = Parameter.learningRate.defaultValue) {
        self.latent = latent
        self.beta = beta
        self.iterations = iterations
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    public static let info = DetectorInfo(
        name: "toll", summary: "Toll: targeted-collapse autoencoder, score = ‖x̂ − x‖ + β‖z‖",
        defaultScaling: .none,
        parameters: [Parameter.latent.info, Parameter.beta.info, Parameter.iterations.info, Parameter.batchSize.info,
                     Parameter.learningRate.info],
        reproducibility: .machineDependent,
        make: { p in
            TollDetector(latent: try p.value(Parameter.latent), beta: try p.value(Parameter.beta),
                         iterations: try p.value(Parameter.iterations), batchSize: try p.value(Parameter.batchSize),
                         learningRate: try p.value(Parameter.learningRate))
        })

    private static func block(_ a: Int, _ b: Int, _ generator: inout Xoshiro256StarStar) -> [any Layer] {
        [Linear(a, b, generator: &generator), BatchNorm1d(b), Activation(.relu)]
    }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        // Batch norm in training needs two rows a batch.
        guard train.rows >= 2 else { throw DataError(.usage, "toll: needs at least 2 training rows (batch norm), got \(train.rows)") }
        let d = train.columns
        let encoder = Sequential(Self.block(d, 256, &generator) + Self.block(256, 128, &generator) + [Linear(128, latent, generator: &generator)])
        let decoder = Sequential(Self.block(latent, 128, &generator) + Self.block(128, 256, &generator) + [Linear(256, d, generator: &generator)])
        let optimizer = Adam(encoder.parameters + decoder.parameters, learningRate: Float(learningRate))
        let n = train.rows, size = min(batchSize, n)
        let beta = Float(self.beta)
        // Batches without replacement: a fresh permutation each epoch, its remainder dropped,
        // until `iterations` batches (as the reference code draws them).
        let perEpoch = n / size
        let trainer = Trainer(TrainingConfiguration(epochs: (iterations + perEpoch - 1) / perEpoch, batchSize: size,
                                                    dropLast: true, maxBatches: iterations),
                              hooks: trainingHooks)
        encoder.train()
        decoder.train()
        trainer.fit(DenseRows(train.tensor()), steps: [TrainingStep(optimizer: optimizer) { batch in
            let z = encoder(batch.x)
            return (decoder(z) - batch.x).l2Norm().mean() + beta * z.l2Norm().mean()
        }], generator: &generator)
        encoder.eval()
        decoder.eval()
        self.encoder = encoder
        self.decoder = decoder
    }

    /// The fitted encoder and decoder (nil before `fit`), for tests that check the score's definition.
    var trainedNetworks: (encoder: Sequential, decoder: Sequential)? {
        guard let encoder, let decoder else { return nil }
        return (encoder, decoder)
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        guard let encoder, let decoder else { throw DataError(.internal, "toll: not fitted") }
        let beta = Float(self.beta)
        return blockScores(x) { part in
            let z = encoder(part)
            return ((decoder(z) - part).l2Norm() + beta * z.l2Norm()).data
        }
    }
}
