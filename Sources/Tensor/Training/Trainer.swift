import Randomness

/// The one training template of the neural detectors (PyOD's `base_dl.py` in spirit, with what
/// GANs, VAEs and self-training need):
///
/// 1. per epoch, the examples (all, or the ``TrainingState/subset`` a hook chose) are shuffled
///    with the generator passed in and cut into mini-batches (``TrainingData/batch(_:)`` makes
///    each: dense rows, id lists, sequences, windows);
/// 2. per batch, every ``TrainingStep`` due runs in order: `zeroGrad → loss → backward →
///    beforeUpdate → step`, so alternating optimizers (discriminator, then generator) each get
///    their own loss's gradients;
/// 3. hooks run before and after each epoch and after each batch (annealing, re-selection, an
///    EMA update); optional validation, early stopping with patience and best-state restore;
///    progress reported through a callback (this module stays free of I/O);
/// 4. ``TrainingConfiguration/maxBatches`` stops after a number of batches, within an epoch if
///    need be.
///
/// All randomness is the generator's, so a run is reproducible from its seed.
public struct Trainer {
    public var configuration: TrainingConfiguration
    public var hooks: TrainingHooks
    /// Whose state early stopping saves and restores (its state dict, buffers included); without
    /// one, the parameters of the steps' optimizers.
    public var model: (any Module)?

    public init(_ configuration: TrainingConfiguration, hooks: TrainingHooks = TrainingHooks(), model: (any Module)? = nil) {
        self.configuration = configuration
        self.hooks = hooks
        self.model = model
    }

    /// The batches of one epoch over `examples`, as index lists in the order they are visited
    /// (a seeded Fisher-Yates shuffle of the list when `shuffle`).
    public static func batches(of examples: [Int], batchSize: Int, shuffle: Bool, dropLast: Bool,
                               generator: inout Xoshiro256StarStar) -> [[Int]] {
        var order = examples
        if shuffle { generator.shuffle(&order) }
        var result: [[Int]] = []
        var start = 0
        while start < order.count {
            let end = Swift.min(start + batchSize, order.count)
            if end - start < batchSize && dropLast { break }
            result.append(Array(order[start..<end]))
            start = end
        }
        return result
    }

    /// Trains with `steps` on mini-batches of `data`.
    @discardableResult
    public func fit<Data: TrainingData>(_ data: Data, steps: [TrainingStep<Data.Batch>],
                                        generator: inout Xoshiro256StarStar) -> TrainingHistory {
        precondition(!steps.isEmpty, "Trainer: at least one training step")
        let c = configuration
        let monitoredStep = steps[0].name
        var state = TrainingState(epoch: 0, epochs: c.epochs, batches: 0, maxBatches: c.maxBatches,
                                  lastLosses: [:], epochLosses: [:], subset: nil)
        var history = TrainingHistory()
        var best = Double.infinity
        var bestState: [[Scalar]]?
        var waited = 0
        let reportEvery = c.maxBatches.map { Swift.max($0 / 100, 1) }
        var recent = 0.0, recentCount = 0
        func budgetLeft() -> Bool { c.maxBatches.map { state.batches < $0 } ?? true }

        epochs: for epoch in 0..<c.epochs {
            guard budgetLeft() else { break }
            state.epoch = epoch
            state.epochLosses = [:]
            hooks.epochStart?(&state)
            if state.stop { break }
            let examples = state.subset ?? Array(0..<data.count)
            var totals: [String: Double] = [:], seen: [String: Int] = [:]
            for indices in Self.batches(of: examples, batchSize: c.batchSize, shuffle: c.shuffle, dropLast: c.dropLast,
                                        generator: &generator) {
                guard budgetLeft() else { break }
                let batch = data.batch(indices)
                state.lastLosses = [:]
                for step in steps where state.batches % step.every == 0 {
                    step.optimizer.zeroGrad()
                    let loss = step.loss(batch)
                    loss.backward()
                    step.beforeUpdate?(step.optimizer)
                    step.optimizer.step()
                    let value = Double(loss.item)
                    state.lastLosses[step.name] = value
                    totals[step.name, default: 0] += value * Double(indices.count)
                    seen[step.name, default: 0] += indices.count
                    state.epochLosses[step.name] = (totals[step.name] ?? 0) / Double(seen[step.name] ?? 1)
                }
                state.batches += 1
                history.batches = state.batches
                if let value = state.lastLosses[monitoredStep] {
                    recent += value
                    recentCount += 1
                }
                hooks.batchEnd?(&state)
                if let reportEvery, let limit = c.maxBatches, state.batches % reportEvery == 0 || state.batches == limit {
                    hooks.progress?(state.batches, limit, recentCount > 0 ? recent / Double(recentCount) : .nan)
                    recent = 0
                    recentCount = 0
                }
                if state.stop { break }
            }
            history.losses.append(state.epochLosses)
            var monitored = state.epochLosses[monitoredStep] ?? .nan
            if let validation = hooks.validation {
                monitored = Tensor.noGrad { validation() }
                history.validationLoss.append(monitored)
            }
            if c.maxBatches == nil { hooks.progress?(epoch + 1, c.epochs, state.epochLosses[monitoredStep] ?? .nan) }
            hooks.epochEnd?(&state)
            if state.stop { break epochs }
            guard let patience = c.patience else { continue }
            if monitored < best - c.minDelta {
                best = monitored
                history.bestEpoch = epoch
                waited = 0
                if c.restoreBest { bestState = snapshot(steps) }
            } else {
                waited += 1
                if waited >= patience {
                    history.stoppedEarly = true
                    break
                }
            }
        }
        if history.stoppedEarly, let bestState { restore(bestState, steps) }
        return history
    }

    /// The tensors early stopping saves: the model's state dict, else the optimizers' parameters.
    func tracked<Batch>(_ steps: [TrainingStep<Batch>]) -> [Tensor] {
        if let model { return model.stateDict().map(\.tensor) }
        var seen = Set<ObjectIdentifier>()
        return steps.flatMap(\.optimizer.parameters).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    func snapshot<Batch>(_ steps: [TrainingStep<Batch>]) -> [[Scalar]] { tracked(steps).map(\.data) }

    func restore<Batch>(_ values: [[Scalar]], _ steps: [TrainingStep<Batch>]) {
        for (tensor, data) in zip(tracked(steps), values) { tensor.data = data }
    }
}
