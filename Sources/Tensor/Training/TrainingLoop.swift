import Randomness

/// Settings of ``TrainingLoop``.
public struct TrainingConfiguration: Sendable, Equatable {
    public var epochs: Int
    public var batchSize: Int
    /// Shuffle the rows every epoch (seeded); otherwise batches follow row order.
    public var shuffle: Bool
    /// Drop the last batch of an epoch when it has fewer than `batchSize` rows.
    public var dropLast: Bool
    /// Stop after this many consecutive epochs without improvement of the monitored value
    /// (the validation value if a validation closure is given, else the epoch's training loss);
    /// `nil` never stops early.
    public var patience: Int?
    /// An epoch improves when `value < best − minDelta`.
    public var minDelta: Double
    /// After an early stop, put back the parameters of the best epoch.
    public var restoreBest: Bool
    /// Seeds the shuffling generator.
    public var seed: UInt64

    public init(epochs: Int, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false, patience: Int? = nil,
                minDelta: Double = 0, restoreBest: Bool = true, seed: UInt64) {
        precondition(epochs >= 0 && batchSize > 0, "TrainingConfiguration: epochs ≥ 0 and batchSize > 0")
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBest = restoreBest
        self.seed = seed
    }
}

/// The rows of one mini-batch: a constant `[b, d]` tensor and their row numbers in the data
/// (to look up labels, masks or other per-row inputs).
public struct MiniBatch {
    public let x: Tensor
    public let indices: [Int]
}

/// What happened during ``TrainingLoop/fit(_:optimizer:validation:progress:loss:)``.
public struct TrainingHistory: Sendable, Equatable {
    /// Mean batch loss per epoch (weighted by batch size).
    public var trainingLoss: [Double] = []
    /// Validation value per epoch (empty without a validation closure).
    public var validationLoss: [Double] = []
    /// Epoch (0-based) with the best monitored value, when early stopping is on.
    public var bestEpoch: Int?
    public var stoppedEarly = false
}

/// The one training template shared by the neural detectors (PyOD `base_dl.py` in spirit):
/// for each epoch, seeded shuffled mini-batches over the rows of an `[n, d]` matrix; per batch
/// `zeroGrad → loss(batch) → backward → step`; then optional validation, early stopping with
/// patience, and a progress callback `(epoch, totalEpochs, loss)` (1-based epoch) so the caller
/// can drive its own progress bar (this module stays free of I/O).
public struct TrainingLoop {
    public var configuration: TrainingConfiguration

    public init(_ configuration: TrainingConfiguration) { self.configuration = configuration }

    /// The batches of one epoch as row-index lists, in the order they are visited.
    public static func batches(rows n: Int, batchSize: Int, shuffle: Bool, dropLast: Bool,
                               generator: inout Xoshiro256StarStar) -> [[Int]] {
        var order = Array(0..<n)
        if shuffle { generator.shuffle(&order) }
        var result: [[Int]] = []
        var start = 0
        while start < n {
            let end = Swift.min(start + batchSize, n)
            if end - start < batchSize && dropLast { break }
            result.append(Array(order[start..<end]))
            start = end
        }
        return result
    }

    /// Trains `optimizer.parameters` on the rows of `data` (`[n, d]`).
    ///
    /// - Parameters:
    ///   - validation: called after every epoch inside `Tensor.noGrad`; lower is better.
    ///   - progress: called after every epoch with `(epoch, epochs, trainingLoss)`.
    ///   - loss: the scalar loss of a batch, built with gradients enabled.
    @discardableResult
    public func fit(_ data: Tensor, optimizer: any Optimizer, validation: (() -> Double)? = nil,
                    progress: ((Int, Int, Double) -> Void)? = nil,
                    loss: (MiniBatch) -> Tensor) -> TrainingHistory {
        precondition(data.rank == 2, "TrainingLoop: data must be [n, d], got \(data.shape)")
        let c = configuration
        var generator = Xoshiro256StarStar(seed: c.seed)
        var history = TrainingHistory()
        var best = Double.infinity
        var bestParameters: [[Float]]?
        var waited = 0
        for epoch in 0..<c.epochs {
            var total = 0.0, seen = 0
            let batches = Self.batches(rows: data.shape[0], batchSize: c.batchSize, shuffle: c.shuffle,
                                       dropLast: c.dropLast, generator: &generator)
            for indices in batches {
                let x = Tensor.noGrad { data.gatherRows(indices) }
                optimizer.zeroGrad()
                let value = loss(MiniBatch(x: x, indices: indices))
                value.backward()
                optimizer.step()
                total += Double(value.item) * Double(indices.count)
                seen += indices.count
            }
            let epochLoss = seen > 0 ? total / Double(seen) : .nan
            history.trainingLoss.append(epochLoss)
            var monitored = epochLoss
            if let validation {
                monitored = Tensor.noGrad { validation() }
                history.validationLoss.append(monitored)
            }
            progress?(epoch + 1, c.epochs, epochLoss)
            guard let patience = c.patience else { continue }
            if monitored < best - c.minDelta {
                best = monitored
                history.bestEpoch = epoch
                waited = 0
                if c.restoreBest { bestParameters = optimizer.parameters.map(\.data) }
            } else {
                waited += 1
                if waited >= patience {
                    history.stoppedEarly = true
                    break
                }
            }
        }
        if history.stoppedEarly, let bestParameters {
            for (p, values) in zip(optimizer.parameters, bestParameters) { p.data = values }
        }
        return history
    }
}
