import DataIO
import Randomness
import Tensor

/// A plain fully connected autoencoder: encoder layers `hidden` (e.g. 64,32) with ReLU, a
/// mirrored decoder, a linear output; trained with MSE by Adam on the training rows; score =
/// the row's squared reconstruction error ‖x − x̂‖².
public struct AutoencoderDetector: Detector, ReportsTraining, @unchecked Sendable {
    public var hidden: [Int]
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var onEpoch: (@Sendable (Int, Int, Double) -> Void)?
    private var network: Sequential?

    public enum Parameter {
        public static let hidden = DetectorParameter(layers: "hidden", default: [64, 32],
                                                     help: "encoder layer sizes (the decoder mirrors them)")
        public static let epochs = DetectorParameter(integer: "epochs", default: 50, range: 1...1_000_000, help: "training epochs")
        public static let batchSize = DetectorParameter(integer: "batch", default: 256, range: 1...1_000_000, help: "mini-batch size")
        public static let learningRate = DetectorParameter(number: "lr", default: 1e-3, range: 1e-9...10, help: "Adam learning rate")
    }

    public init(hidden: [Int] = Parameter.hidden.defaultValue, epochs: Int = Parameter.epochs.defaultValue,
                batchSize: Int = Parameter.batchSize.defaultValue, learningRate: Double = Parameter.learningRate.defaultValue) {
        self.hidden = hidden
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    public static let info = DetectorInfo(
        name: "ae", summary: "Autoencoder, ReLU MLP, score = squared reconstruction error",
        defaultScaling: .standard,
        parameters: [Parameter.hidden.info, Parameter.epochs.info, Parameter.batchSize.info, Parameter.learningRate.info],
        reproducibility: .machineDependent,
        make: { p in
            AutoencoderDetector(hidden: try p.value(Parameter.hidden), epochs: try p.value(Parameter.epochs),
                                batchSize: try p.value(Parameter.batchSize), learningRate: try p.value(Parameter.learningRate))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let sizes = [train.columns] + hidden
        var layers: [any Layer] = []
        for (a, b) in zip(sizes, sizes.dropFirst()) {
            layers += [Linear(a, b, generator: &generator), Activation(.relu)]
        }
        let reversed = Array(sizes.reversed())
        for (index, (a, b)) in zip(reversed, reversed.dropFirst()).enumerated() {
            layers.append(Linear(a, b, generator: &generator))
            if index < reversed.count - 2 { layers.append(Activation(.relu)) }
        }
        let network = Sequential(layers)
        let optimizer = Adam(network.parameters, learningRate: Float(learningRate))
        var batches = Xoshiro256StarStar(seed: generator.next())
        let trainer = Trainer(TrainingConfiguration(epochs: epochs, batchSize: batchSize),
                              hooks: trainingHooks)
        network.train()
        trainer.fit(DenseRows(train.tensor()), steps: [TrainingStep(optimizer: optimizer) { batch in
            Loss.mse(network(batch.x), batch.x)
        }], generator: &batches)
        network.eval()
        self.network = network
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        guard let network else { throw DataError(.internal, "ae: not fitted") }
        return blockScores(x) { part in
            let difference = network(part) - part
            return (difference * difference).sum(axis: 1).data
        }
    }
}
