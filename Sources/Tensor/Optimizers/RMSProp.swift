/// RMSProp with PyTorch `torch.optim.RMSprop` formulas and defaults (η = 1e-2, α = 0.99,
/// ε = 1e-8): `g ← ∇ + λ·p`, `s ← α·s + (1 − α)·g²`; centred: `ḡ ← α·ḡ + (1 − α)·g`,
/// `d = √(s − ḡ²) + ε`, else `d = √s + ε`; with momentum `μ > 0`: `b ← μ·b + g/d`, `p ← p − η·b`,
/// else `p ← p − η·g/d`.
public final class RMSProp: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let alpha: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let momentum: Float
    public let centered: Bool
    private var square: [[Float]]
    private var average: [[Float]]
    private var buffer: [[Float]]
    /// Whether a parameter has had a step (its state is saved only then, as PyTorch's).
    private var started: [Bool]

    public init(_ parameters: [Tensor], learningRate: Float = 1e-2, alpha: Float = 0.99, epsilon: Float = 1e-8,
                weightDecay: Float = 0, momentum: Float = 0, centered: Bool = false) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        square = parameters.map { [Float](repeating: 0, count: $0.count) }
        average = square
        buffer = square
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
            square[k] = state.arrays["square_avg"] ?? zeros
            average[k] = state.arrays["grad_avg"] ?? zeros
            buffer[k] = state.arrays["momentum_buffer"] ?? zeros
            started[k] = !state.isEmpty
        }
    }

    public func step() {
        let (a, eps, wd, mu, lr, isCentered) = (alpha, epsilon, weightDecay, momentum, learningRate, centered)
        for (k, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            started[k] = true
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
                                        denominator = (s[i] - avg[i] * avg[i]).squareRoot() + eps
                                    } else {
                                        denominator = s[i].squareRoot() + eps
                                    }
                                    if mu > 0 {
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
