/// Settings of a ``Trainer``.
public struct TrainingConfiguration: Sendable, Equatable {
    /// Passes over the training examples (or over the current subset, see ``TrainingState/subset``).
    public var epochs: Int
    public var batchSize: Int
    /// Shuffle the examples every epoch (with the generator given to ``Trainer/fit(_:steps:generator:)``);
    /// otherwise batches follow index order.
    public var shuffle: Bool
    /// Drop the last batch of an epoch when it has fewer than `batchSize` examples.
    public var dropLast: Bool
    /// Stop after this many batches in all, possibly within an epoch (a budget in iterations, as
    /// Toll's); `nil`: run every epoch.
    public var maxBatches: Int?
    /// Stop after this many consecutive epochs without improvement of the monitored value (the
    /// validation value if a validation closure is given, else the epoch's mean loss of the first
    /// step); `nil` never stops early.
    public var patience: Int?
    /// An epoch improves when `value < best − minDelta`.
    public var minDelta: Double
    /// After an early stop, put back the state of the best epoch (the model's state dict when a
    /// model is given to the trainer, else the optimizers' parameters).
    public var restoreBest: Bool

    public init(epochs: Int, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false, maxBatches: Int? = nil,
                patience: Int? = nil, minDelta: Double = 0, restoreBest: Bool = true) {
        precondition(epochs >= 0 && batchSize > 0, "TrainingConfiguration: epochs ≥ 0 and batchSize > 0")
        precondition(maxBatches.map { $0 >= 0 } ?? true, "TrainingConfiguration: maxBatches ≥ 0")
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.maxBatches = maxBatches
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBest = restoreBest
    }
}

/// What happened during ``Trainer/fit(_:steps:generator:)``.
public struct TrainingHistory: Sendable, Equatable {
    /// Per epoch, each step's mean loss (weighted by batch size), by step name.
    public var losses: [[String: Double]] = []
    /// Validation value per epoch (empty without a validation closure).
    public var validationLoss: [Double] = []
    /// Epoch (0-based) with the best monitored value, when early stopping is on.
    public var bestEpoch: Int?
    public var stoppedEarly = false
    /// Batches trained on (each runs every step due on it).
    public var batches = 0

    /// The first step's mean loss per epoch (the only one for single-loss training).
    public func loss(of step: String) -> [Double] { losses.compactMap { $0[step] } }
}
