import Synchronization

/// The β-power accumulators (`beta1_power`, `beta2_power`) of one TF1 `tf.train.AdamOptimizer`
/// object, shared by every training op built from it with `minimize`.
///
/// TF1 keeps βᵗ as two variables of the optimizer object, not of a training op: each op's update
/// uses their current values (η_t = η·√(1 − β₂ᵖ)/(1 − β₁ᵖ)) and then multiplies them by β once.
/// Code that builds several training ops from one object (ALAD's authors build five: three
/// critics, generator, encoder) therefore advances them several times per iteration, so the
/// bias correction fades that many times faster than the step count says (with β₂ = 0.999 and
/// five ops, the early steps are up to √5 ≈ 2.2 times larger than with separate optimizers).
///
/// ``Adam`` instances made with `sharing:` and the TensorFlow convention use these values and
/// advance them by their `calls` after each step. Like TF1's, they start at β (the first update
/// uses β¹). They are not part of ``Adam/parameterStates()``: a checkpoint restores each
/// optimizer's own step counts, not these.
public final class SharedAdamPowers: Sendable {
    public let beta1: Scalar
    public let beta2: Scalar
    private let powers: Mutex<(Scalar, Scalar)>

    public init(beta1: Scalar = 0.9, beta2: Scalar = 0.999) {
        self.beta1 = beta1
        self.beta2 = beta2
        powers = Mutex((beta1, beta2))
    }

    /// β₁ᵖ, the value the next update uses.
    public var beta1Power: Scalar { powers.withLock { $0.0 } }
    /// β₂ᵖ, the value the next update uses.
    public var beta2Power: Scalar { powers.withLock { $0.1 } }

    /// What `times` training ops' `_finish` does: multiply both by their β, `times` times.
    public func advance(_ times: Int) {
        let (b1, b2) = (beta1, beta2)
        powers.withLock { p in
            for _ in 0..<times { p = (p.0 * b1, p.1 * b2) }
        }
    }
}
