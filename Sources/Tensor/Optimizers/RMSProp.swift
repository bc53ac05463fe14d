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
    public let alpha: Float
    public let epsilon: Float
    public let momentum: Float
    public let centered: Bool
    public let convention: Convention
    private let groupOf: [Int]
    private var square: [[Float]]
    private var average: [[Float]]
    private var buffer: [[Float]]
    /// Whether a parameter has had a step (its state is saved only then, as PyTorch's).
    private var started: [Bool]

    public convenience init(_ parameters: [Tensor], learningRate: Float = 1e-2, alpha: Float = 0.99, epsilon: Float = 1e-8,
                            weightDecay: Float = 0, momentum: Float = 0, centered: Bool = false,
                            convention: Convention = .pytorch) {
        self.init(groups: [ParameterGroup(parameters, learningRate: learningRate, weightDecay: weightDecay)],
                  alpha: alpha, epsilon: epsilon, momentum: momentum, centered: centered, convention: convention)
    }

    public init(groups: [ParameterGroup], alpha: Float = 0.99, epsilon: Float = 1e-8, momentum: Float = 0,
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
        let initial: Float = convention == .tensorflow1 ? 1 : 0
        square = parameters.map { [Float](repeating: initial, count: $0.count) }
        average = parameters.map { [Float](repeating: 0, count: $0.count) }
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
            let zeros = [Float](repeating: 0, count: parameters[k].count)
            square[k] = state.arrays["square_avg"] ?? [Float](repeating: convention == .tensorflow1 ? 1 : 0, count: parameters[k].count)
            average[k] = state.arrays["grad_avg"] ?? zeros
            buffer[k] = state.arrays["momentum_buffer"] ?? zeros
            started[k] = !state.isEmpty
        }
    }

    public func step() {
        let (a, eps, mu, isCentered, tf) = (alpha, epsilon, momentum, centered, convention == .tensorflow1)
        for (k, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            started[k] = true
            let (lr, wd) = (groups[groupOf[k]].learningRate, groups[groupOf[k]].weightDecay)
            p.data.withUnsafeMutableBufferPointer { w in
                square[k].withUnsafeMutableBufferPointer { s in
                    average[k].withUnsafeMutableBufferPointer { avg in
                        buffer[k].withUnsafeMutableBufferPointer { b in
                            grad.withUnsafeBufferPointer { gb in
                                for i in 0..<w.count {
                                    let g = gb[i] + wd * w[i]
                                    s[i] = a * s[i] + (1 - a) * g * g
                                    let denominator: Float
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
