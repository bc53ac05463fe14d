/// What a ``Trainer``'s hooks see, and what they may change.
public struct TrainingState {
    /// The current epoch, 0-based, and the number configured.
    public internal(set) var epoch: Int
    public let epochs: Int
    /// Batches trained on so far, and the budget (``TrainingConfiguration/maxBatches``).
    public internal(set) var batches: Int
    public let maxBatches: Int?
    /// The losses of the last batch, by step name (steps that did not run on it are absent).
    public internal(set) var lastLosses: [String: Double]
    /// The epoch's mean losses so far, by step name.
    public internal(set) var epochLosses: [String: Double]
    /// The examples the next epochs draw from; `nil` = all of them. An epoch hook sets it to
    /// re-select a training subset (as the clustering-driven autoencoder does every r epochs).
    public var subset: [Int]?
    /// Set by a hook to end training after the current batch or epoch.
    public var stop = false
}

/// Callbacks of a ``Trainer``, each optional.
public struct TrainingHooks {
    /// Before each epoch (re-select ``TrainingState/subset``, set a schedule's value).
    public var epochStart: ((inout TrainingState) -> Void)?
    /// After each batch's steps (an EMA update, KL annealing per batch, progress per batch).
    public var batchEnd: ((inout TrainingState) -> Void)?
    /// After each epoch, after validation (re-selection, logging).
    public var epochEnd: ((inout TrainingState) -> Void)?
    /// Called after every epoch inside `Tensor.noGrad`; lower is better; monitored for early stopping.
    public var validation: (() -> Double)?
    /// Progress: after every epoch with `(epoch, epochs, first step's mean loss)` (1-based epoch),
    /// or, with ``TrainingConfiguration/maxBatches``, about every 1% of the batches with
    /// `(batches, maxBatches, mean first-step loss since the last report)`. Detectors draw their
    /// progress bar from it.
    public var progress: ((Int, Int, Double) -> Void)?

    public init(epochStart: ((inout TrainingState) -> Void)? = nil, batchEnd: ((inout TrainingState) -> Void)? = nil,
                epochEnd: ((inout TrainingState) -> Void)? = nil, validation: (() -> Double)? = nil,
                progress: ((Int, Int, Double) -> Void)? = nil) {
        self.epochStart = epochStart
        self.batchEnd = batchEnd
        self.epochEnd = epochEnd
        self.validation = validation
        self.progress = progress
    }
}
