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
    }

    public func step() {
        for (k, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            for i in 0..<p.count {
                let g = grad[i] + weightDecay * p.data[i]
                square[k][i] = alpha * square[k][i] + (1 - alpha) * g * g
                var denominator: Float
                if centered {
                    average[k][i] = alpha * average[k][i] + (1 - alpha) * g
                    denominator = (square[k][i] - average[k][i] * average[k][i]).squareRoot() + epsilon
                } else {
                    denominator = square[k][i].squareRoot() + epsilon
                }
                if momentum > 0 {
                    buffer[k][i] = momentum * buffer[k][i] + g / denominator
                    p.data[i] -= learningRate * buffer[k][i]
                } else {
                    p.data[i] -= learningRate * g / denominator
                }
            }
        }
    }
}
