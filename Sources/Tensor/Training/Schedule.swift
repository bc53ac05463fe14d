import Foundation

/// A value that changes with a step count (an epoch or a batch): a learning-rate factor for a
/// ``LearningRateScheduler``, a KL weight that anneals, a noise level. `value(at: 0)` is the
/// starting value.
public protocol Schedule: Sendable {
    func value(at step: Int) -> Scalar
}

/// The same value at every step.
public struct ConstantSchedule: Schedule {
    public let value: Scalar
    public init(_ value: Scalar) { self.value = value }
    public func value(at step: Int) -> Scalar { value }
}

/// `initial · γ^⌊step / every⌋` (PyTorch's `StepLR`).
public struct StepDecay: Schedule {
    public let initial: Scalar, every: Int, gamma: Scalar
    public init(initial: Scalar = 1, every: Int, gamma: Scalar) {
        precondition(every >= 1, "StepDecay: every ≥ 1")
        self.initial = initial
        self.every = every
        self.gamma = gamma
    }
    public func value(at step: Int) -> Scalar { initial * LibM.pow(gamma, Scalar(step / every)) }
}

/// `initial · γ^step` (PyTorch's `ExponentialLR`).
public struct ExponentialDecay: Schedule {
    public let initial: Scalar, gamma: Scalar
    public init(initial: Scalar = 1, gamma: Scalar) {
        self.initial = initial
        self.gamma = gamma
    }
    public func value(at step: Int) -> Scalar { initial * LibM.pow(gamma, Scalar(step)) }
}

/// Half a cosine from `initial` to `final` over `steps` steps, then `final` (PyTorch's
/// `CosineAnnealingLR` without restarts): `final + (initial − final)·(1 + cos(π·t/T))/2`.
public struct CosineAnnealing: Schedule {
    public let initial: Scalar, final: Scalar, steps: Int
    public init(initial: Scalar = 1, final: Scalar = 0, steps: Int) {
        precondition(steps >= 1, "CosineAnnealing: steps ≥ 1")
        self.initial = initial
        self.final = final
        self.steps = steps
    }
    public func value(at step: Int) -> Scalar {
        let t = Scalar(Swift.min(Swift.max(step, 0), steps)) / Scalar(steps)
        return final + (initial - final) * (1 + LibM.cos(.pi * t)) / 2
    }
}

/// `from` for `delay` steps, then a straight line to `to` over `steps` steps, then `to`: linear
/// warm-up of a learning rate, or KL annealing after a grace period (the VRAE code anneals the KL
/// weight from 1e-8 to 1e-2 over 25 epochs after 25: `LinearRamp(from: 1e-8, to: 1e-2, steps: 25, delay: 25)`).
public struct LinearRamp: Schedule {
    public let from: Scalar, to: Scalar, steps: Int, delay: Int
    public init(from: Scalar, to: Scalar, steps: Int, delay: Int = 0) {
        precondition(steps >= 1 && delay >= 0, "LinearRamp: steps ≥ 1, delay ≥ 0")
        self.from = from
        self.to = to
        self.steps = steps
        self.delay = delay
    }
    public func value(at step: Int) -> Scalar {
        let t = Scalar(Swift.min(Swift.max(step - delay, 0), steps)) / Scalar(steps)
        return from + (to - from) * t
    }
}
