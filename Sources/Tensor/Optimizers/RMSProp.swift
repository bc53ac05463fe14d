/// RMSProp with PyTorch `torch.optim.RMSprop` formulas and defaults (η = 1e-2, α = 0.99,
/// ε = 1e-8): `g ← ∇ + λ·p`, `s ← α·s + (1 − α)·g²`; centred: `ḡ ← α·ḡ + (1 − α)·g`,
/// `d = √(s − ḡ²) + ε`, else `d = √s + ε`; with momentum `μ > 0`: `b ← μ·b + g/d`, `p ← p − η·b`,
/// else `p ← p − η·g/d`. η and λ are the parameter's group's (``ParameterGroup``).
///
/// With `convention: .tensorflow1`, the update is TF1's `tf.train.RMSPropOptimizer` (the AMAD
/// authors' framework; its defaults are α = 0.9, ε = 1e-10): `s` starts at **1**, not 0, and ε
/// goes inside the root, `d = √(s + ε)` (centred: `√(s − ḡ² + ε)`); the momentum buffer
/// accumulates `η·g/d` and `p ← p − b` (the same as PyTorch's for a constant η). The first steps
/// are then much smaller than PyTorch's.
///
/// **Row-sparse gradients** (a table's ``Tensor/sparseGrad``, from ``Embedding`` with
/// `sparse: true`) get a **lazy** update: the formulas above, in the same arithmetic, applied to
/// the touched rows only (`g`, `s`, `ḡ`, `b` and `p` of those rows); every other row keeps its
/// mean square, average and momentum buffer and does not move (dense RMSProp would move a row
/// with zero gradient by its momentum `μ·b`, and weight decay would pull on it). With
/// `.tensorflow1` this is TF1's `RMSPropOptimizer` on an `IndexedSlices` gradient (an
/// `embedding_lookup`'s), its `SparseApplyRMSProp` kernel, which the AMAD authors' framework
/// used; PyTorch's `RMSprop` refuses sparse gradients, so `.pytorch` here means PyTorch's
/// formulas on the touched rows. A touched row gets bit-for-bit the update the dense optimizer
/// would give it in the same step.
public final class RMSProp: Optimizer {
    /// Where the state starts and where ε enters.
    public enum Convention: Sendable, Equatable {
        /// `torch.optim.RMSprop`: `s₀ = 0`, `d = √s + ε`.
        case pytorch
        /// TF1 `RMSPropOptimizer`: `s₀ = 1`, `d = √(s + ε)`.
        case tensorflow1
    }

    public var groups: [ParameterGroup]
    public let parameters: [Tensor]
    public let alpha: Scalar
    public let epsilon: Scalar
    public let momentum: Scalar
    public let centered: Bool
    public let convention: Convention
    private let groupOf: [Int]
    private var square: [[Scalar]]
    private var average: [[Scalar]]
    private var buffer: [[Scalar]]
    /// Whether a parameter has had a step (its state is saved only then, as PyTorch's).
    private var started: [Bool]

    public convenience init(_ parameters: [Tensor], learningRate: Scalar = 1e-2, alpha: Scalar = 0.99, epsilon: Scalar = 1e-8,
                            weightDecay: Scalar = 0, momentum: Scalar = 0, centered: Bool = false,
                            convention: Convention = .pytorch) {
        self.init(groups: [ParameterGroup(parameters, learningRate: learningRate, weightDecay: weightDecay)],
                  alpha: alpha, epsilon: epsilon, momentum: momentum, centered: centered, convention: convention)
    }

    public init(groups: [ParameterGroup], alpha: Scalar = 0.99, epsilon: Scalar = 1e-8, momentum: Scalar = 0,
                centered: Bool = false, convention: Convention = .pytorch) {
        let layout = GroupLayout(groups)
        self.groups = groups
        self.parameters = layout.parameters
        self.groupOf = layout.group
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        self.convention = convention
        let initial: Scalar = convention == .tensorflow1 ? 1 : 0
        square = parameters.map { [Scalar](repeating: initial, count: $0.count) }
        average = parameters.map { [Scalar](repeating: 0, count: $0.count) }
        buffer = average
        started = [Bool](repeating: false, count: parameters.count)
    }

    public func parameterStates() -> [ParameterState] {
        parameters.indices.map { k in
            guard started[k] else { return ParameterState() }
            var arrays = ["square_avg": square[k]]
            if centered { arrays["grad_avg"] = average[k] }
            if momentum > 0 { arrays["momentum_buffer"] = buffer[k] }
            return ParameterState(arrays: arrays)
        }
    }

    public func loadParameterStates(_ states: [ParameterState]) throws(StateDictError) {
        try validate(states, arrays: ["square_avg", "grad_avg", "momentum_buffer"], counters: [])
        for (k, state) in states.enumerated() {
            let zeros = [Scalar](repeating: 0, count: parameters[k].count)
            square[k] = state.arrays["square_avg"] ?? [Scalar](repeating: convention == .tensorflow1 ? 1 : 0, count: parameters[k].count)
            average[k] = state.arrays["grad_avg"] ?? zeros
            buffer[k] = state.arrays["momentum_buffer"] ?? zeros
            started[k] = !state.isEmpty
        }
    }

    public func step() {
        let (a, eps, mu, isCentered, tf) = (alpha, epsilon, momentum, centered, convention == .tensorflow1)
        for (k, p) in parameters.enumerated() {
            let sparse = p.sparseGrad
            guard let grad = sparse?.values ?? p.denseGrad else { continue }
            // The elements updated: all (dense), or the touched rows' (`rows[r]·d + j` for the
            // gradient's element `r·d + j`).
            let (rows, d) = (sparse?.rows ?? [0], sparse?.width ?? p.count)
            started[k] = true
            let (lr, wd) = (groups[groupOf[k]].learningRate, groups[groupOf[k]].weightDecay)
            p.data.withUnsafeMutableBufferPointer { wb in
                square[k].withUnsafeMutableBufferPointer { sb in
                    average[k].withUnsafeMutableBufferPointer { ab in
                        buffer[k].withUnsafeMutableBufferPointer { bb in
                            grad.withUnsafeBufferPointer { gradient in
                                guard let w0 = wb.baseAddress, let s0 = sb.baseAddress, let a0 = ab.baseAddress,
                                      let b0 = bb.baseAddress, let g0 = gradient.baseAddress else { return }
                                for (r, row) in rows.enumerated() {
                                    let (w, s, avg, b, gb) = (w0 + row * d, s0 + row * d, a0 + row * d, b0 + row * d, g0 + r * d)
                                    for i in 0..<d {
                                        let g = gb[i] + wd * w[i]
                                        s[i] = a * s[i] + (1 - a) * g * g
                                        let denominator: Scalar
                                        if isCentered {
                                            avg[i] = a * avg[i] + (1 - a) * g
                                            let variance = s[i] - avg[i] * avg[i]
                                            denominator = tf ? (variance + eps).squareRoot() : variance.squareRoot() + eps
                                        } else {
                                            denominator = tf ? (s[i] + eps).squareRoot() : s[i].squareRoot() + eps
                                        }
                                        if tf {
                                            b[i] = mu * b[i] + lr * g / denominator
                                            w[i] -= b[i]
                                        } else if mu > 0 {
                                            b[i] = mu * b[i] + g / denominator
                                            w[i] -= lr * b[i]
                                        } else {
                                            w[i] -= lr * g / denominator
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
