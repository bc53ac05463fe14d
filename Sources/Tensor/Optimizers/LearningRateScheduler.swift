/// Sets an optimizer's learning rates from a ``Schedule`` of factors, as PyTorch's
/// `LambdaLR`: each group's rate is its rate when the scheduler was made times
/// `schedule.value(at: t)`, where `t` counts the calls to ``step()`` (call it once per epoch, or
/// per batch, from a ``TrainingHooks`` hook). `StepDecay(every: 30, gamma: 0.1)` is `StepLR`,
/// `CosineAnnealing(steps: T)` is `CosineAnnealingLR`, `LinearRamp(from: 0, to: 1, steps: w)`
/// a linear warm-up.
public final class LearningRateScheduler {
    public let optimizer: any Optimizer
    public let schedule: any Schedule
    /// Each group's learning rate when the scheduler was made.
    public let baseRates: [Scalar]
    /// Calls to ``step()`` so far.
    public private(set) var steps = 0

    /// Applies the schedule's value at step 0 at once.
    public init(_ optimizer: any Optimizer, schedule: any Schedule) {
        self.optimizer = optimizer
        self.schedule = schedule
        baseRates = optimizer.groups.map(\.learningRate)
        apply()
    }

    /// Advances one step and sets the rates.
    public func step() {
        steps += 1
        apply()
    }

    func apply() {
        let factor = schedule.value(at: steps)
        for (k, base) in baseRates.enumerated() where k < optimizer.groups.count {
            optimizer.groups[k].learningRate = base * factor
        }
    }
}
