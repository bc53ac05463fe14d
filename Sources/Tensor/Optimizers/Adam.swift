#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam (Kingma & Ba 2015) and, with `amsgrad: true`, AMSGrad (Reddi et al. 2018), with
/// PyTorch `torch.optim.Adam` formulas and defaults (η = 1e-3, β = (0.9, 0.999), ε = 1e-8):
///
///     g ← ∇ + λ·p                       (L2 weight decay, coupled as in Adam, not AdamW)
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     v̂ ← max(v̂, v) if AMSGrad else v
///     p ← p − η/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
///
/// `t` counts the steps in which the parameter had a gradient; η and λ are the parameter's
/// group's (``ParameterGroup``).
///
/// With `convention: .tensorflow`, the update is TF1's `tf.train.AdamOptimizer` (the ALAD and
/// AMAD authors' code), whose ε is added after the bias correction ("ε̂" of the paper's §2):
/// `p ← p − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v̂ + ε)`, with βᵗ kept as running Float32 products.
/// The two agree but for ε's weight early in training.
public final class Adam: Optimizer {
    /// Where ε enters the update.
    public enum Convention: Sendable, Equatable {
        /// `torch.optim.Adam`: `m̂ / (√v̂_corrected + ε)`.
        case pytorch
        /// TF1 `AdamOptimizer` / Keras: `η_t = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)`, `m / (√v + ε)`.
        case tensorflow
    }

    public var groups: [ParameterGroup]
    public let parameters: [Tensor]
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let amsgrad: Bool
    public let convention: Convention
    private let groupOf: [Int]
    private var m: [[Float]]
    private var v: [[Float]]
    private var vMax: [[Float]]
    private var steps: [Int]
    /// β₁ᵗ and β₂ᵗ as running products (the TensorFlow convention).
    private var powers: [(Float, Float)]

    public convenience init(_ parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                            epsilon: Float = 1e-8, weightDecay: Float = 0, amsgrad: Bool = false,
                            convention: Convention = .pytorch) {
        self.init(groups: [ParameterGroup(parameters, learningRate: learningRate, weightDecay: weightDecay)],
                  beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad, convention: convention)
    }

    public init(groups: [ParameterGroup], beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                amsgrad: Bool = false, convention: Convention = .pytorch) {
        let layout = GroupLayout(groups)
        self.groups = groups
        self.parameters = layout.parameters
        self.groupOf = layout.group
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        self.convention = convention
        m = parameters.map { [Float](repeating: 0, count: $0.count) }
        v = m
        vMax = amsgrad ? m : parameters.map { _ in [] }
        steps = [Int](repeating: 0, count: parameters.count)
        powers = [(Float, Float)](repeating: (1, 1), count: parameters.count)
    }

    public func parameterStates() -> [ParameterState] {
        parameters.indices.map { k in
            guard steps[k] > 0 else { return ParameterState() }
            var arrays = ["exp_avg": m[k], "exp_avg_sq": v[k]]
            if amsgrad { arrays["max_exp_avg_sq"] = vMax[k] }
            return ParameterState(arrays: arrays, counters: ["step": steps[k]])
        }
    }

    public func loadParameterStates(_ states: [ParameterState]) throws(StateDictError) {
        try validate(states, arrays: ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"], counters: ["step"])
        for (k, state) in states.enumerated() {
            let zeros = [Float](repeating: 0, count: parameters[k].count)
            m[k] = state.arrays["exp_avg"] ?? zeros
            v[k] = state.arrays["exp_avg_sq"] ?? zeros
            if amsgrad { vMax[k] = state.arrays["max_exp_avg_sq"] ?? zeros }
            steps[k] = state.counters["step"] ?? 0
            powers[k] = (1, 1)
            for _ in 0..<steps[k] { powers[k] = (powers[k].0 * beta1, powers[k].1 * beta2) }
        }
    }

    public func step() {
        for (k, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            steps[k] += 1
            let t = Float(steps[k])
            let group = groups[groupOf[k]]
            powers[k] = (powers[k].0 * beta1, powers[k].1 * beta2)
            let stepSize: Float, correction2: Float
            switch convention {
            case .pytorch:
                stepSize = group.learningRate / (1 - powf(beta1, t))
                correction2 = (1 - powf(beta2, t)).squareRoot()
            case .tensorflow:
                stepSize = group.learningRate * (1 - powers[k].1).squareRoot() / (1 - powers[k].0)
                correction2 = 1
            }
            let (b1, b2, eps, wd, ams) = (beta1, beta2, epsilon, group.weightDecay, amsgrad)
            p.data.withUnsafeMutableBufferPointer { w in
                m[k].withUnsafeMutableBufferPointer { mb in
                    v[k].withUnsafeMutableBufferPointer { vb in
                        vMax[k].withUnsafeMutableBufferPointer { hb in
                            grad.withUnsafeBufferPointer { gb in
                                for i in 0..<w.count {
                                    let g = gb[i] + wd * w[i]
                                    mb[i] = b1 * mb[i] + (1 - b1) * g
                                    vb[i] = b2 * vb[i] + (1 - b2) * g * g
                                    var second = vb[i]
                                    if ams { hb[i] = Swift.max(hb[i], vb[i]); second = hb[i] }
                                    w[i] -= stepSize * mb[i] / (second.squareRoot() / correction2 + eps)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
