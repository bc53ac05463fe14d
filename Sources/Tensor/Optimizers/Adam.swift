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
/// `p ← p − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v̂ + ε)`, with βᵗ kept as running products in ``Scalar``.
/// The two agree but for ε's weight early in training.
///
/// **Row-sparse gradients** (a table's ``Tensor/sparseGrad``, from ``Embedding`` with
/// `sparse: true`) get a **lazy** update: only the rows listed are touched, so
///
///     for each touched row r:  g ← ∇ᵣ + λ·pᵣ,  mᵣ ← β₁·mᵣ + (1 − β₁)·g,  vᵣ ← β₂·vᵣ + (1 − β₂)·g²,
///                              v̂ᵣ ← max(v̂ᵣ, vᵣ) if AMSGrad,  pᵣ ← pᵣ − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · mᵣ / (√v̂ᵣ + ε)
///
/// and the moments and values of the other rows stay as they are (dense Adam would decay their
/// moments and keep moving them by `m/√v`). `t` is the parameter's step count (every step in
/// which it had a gradient, dense or sparse), not a per-row count, so a row first seen late gets
/// a small first update (`(1 − β₁)·g` with almost no bias correction). With the `.pytorch`
/// convention this is exactly `torch.optim.SparseAdam` (the same arithmetic, in its order:
/// `m ← m + (g − m)·(1 − β₁)`, and ε **after** the bias correction, unlike dense `torch.optim.Adam`;
/// bias corrections in Double as Python's); SparseAdam has no weight decay or AMSGrad, which are
/// applied here to the touched rows only. With `.tensorflow` it is TF1's `LazyAdamOptimizer`
/// (TF1's plain `AdamOptimizer` decays every row even for an `IndexedSlices` gradient: for that,
/// use a dense gradient). Dense gradients are updated exactly as before.
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
    public let beta1: Scalar
    public let beta2: Scalar
    public let epsilon: Scalar
    public let amsgrad: Bool
    public let convention: Convention
    private let groupOf: [Int]
    private var m: [[Scalar]]
    private var v: [[Scalar]]
    private var vMax: [[Scalar]]
    private var steps: [Int]
    /// β₁ᵗ and β₂ᵗ as running products (the TensorFlow convention).
    private var powers: [(Scalar, Scalar)]
    /// TF1's accumulators shared with other optimizers, and how many `minimize` calls this
    /// optimizer's step stands for (``init(groups:beta1:beta2:epsilon:amsgrad:convention:sharing:calls:)``).
    public let sharing: SharedAdamPowers?
    public let calls: Int

    public convenience init(_ parameters: [Tensor], learningRate: Scalar = 1e-3, beta1: Scalar = 0.9, beta2: Scalar = 0.999,
                            epsilon: Scalar = 1e-8, weightDecay: Scalar = 0, amsgrad: Bool = false,
                            convention: Convention = .pytorch, sharing: SharedAdamPowers? = nil, calls: Int = 1) {
        self.init(groups: [ParameterGroup(parameters, learningRate: learningRate, weightDecay: weightDecay)],
                  beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad, convention: convention,
                  sharing: sharing, calls: calls)
    }

    /// With `sharing`, the TensorFlow convention's bias correction uses `sharing`'s β powers
    /// instead of this optimizer's own: a step uses their current values, as every parameter of
    /// the step does, then advances them `calls` times (the training ops built from one TF1
    /// optimizer object that this step stands for). See ``SharedAdamPowers``.
    public init(groups: [ParameterGroup], beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8,
                amsgrad: Bool = false, convention: Convention = .pytorch, sharing: SharedAdamPowers? = nil, calls: Int = 1) {
        precondition(sharing == nil || (convention == .tensorflow && sharing!.beta1 == beta1 && sharing!.beta2 == beta2 && calls >= 1),
                     "Adam(sharing:): TF1's shared accumulators are for the .tensorflow convention, the same betas and calls >= 1")
        self.sharing = sharing
        self.calls = calls
        let layout = GroupLayout(groups)
        self.groups = groups
        self.parameters = layout.parameters
        self.groupOf = layout.group
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        self.convention = convention
        m = parameters.map { [Scalar](repeating: 0, count: $0.count) }
        v = m
        vMax = amsgrad ? m : parameters.map { _ in [] }
        steps = [Int](repeating: 0, count: parameters.count)
        powers = [(Scalar, Scalar)](repeating: (1, 1), count: parameters.count)
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
            let zeros = [Scalar](repeating: 0, count: parameters[k].count)
            m[k] = state.arrays["exp_avg"] ?? zeros
            v[k] = state.arrays["exp_avg_sq"] ?? zeros
            if amsgrad { vMax[k] = state.arrays["max_exp_avg_sq"] ?? zeros }
            steps[k] = state.counters["step"] ?? 0
            powers[k] = (1, 1)
            for _ in 0..<steps[k] { powers[k] = (powers[k].0 * beta1, powers[k].1 * beta2) }
        }
    }

    public func step() {
        let shared = sharing.map { ($0.beta1Power, $0.beta2Power) }
        defer { sharing?.advance(calls) }
        for (k, p) in parameters.enumerated() {
            if let sparse = p.sparseGrad {
                lazyStep(k, p, sparse, shared: shared)
                continue
            }
            guard let grad = p.denseGrad else { continue }
            steps[k] += 1
            let t = Scalar(steps[k])
            let group = groups[groupOf[k]]
            powers[k] = (powers[k].0 * beta1, powers[k].1 * beta2)
            let (power1, power2) = shared ?? powers[k]
            let stepSize: Scalar, correction2: Scalar
            switch convention {
            case .pytorch:
                stepSize = group.learningRate / (1 - LibM.pow(beta1, t))
                correction2 = (1 - LibM.pow(beta2, t)).squareRoot()
            case .tensorflow:
                stepSize = group.learningRate * (1 - power2).squareRoot() / (1 - power1)
                correction2 = 1
            }
            let (b1, b2, eps, wd) = (beta1, beta2, epsilon, group.weightDecay)
            p.data.withUnsafeMutableBufferPointer { w in
                m[k].withUnsafeMutableBufferPointer { mb in
                    v[k].withUnsafeMutableBufferPointer { vb in
                        vMax[k].withUnsafeMutableBufferPointer { hb in
                            grad.withUnsafeBufferPointer { gb in
                                // Plain loops, the AMSGrad test outside them: the optimizer
                                // vectorizes them in release builds, and debug builds (which
                                // `toolkit check` runs in CI) stay fast, unlike SIMD types.
                                if amsgrad {
                                    for i in 0..<w.count {
                                        let g = gb[i] + wd * w[i]
                                        mb[i] = b1 * mb[i] + (1 - b1) * g
                                        vb[i] = b2 * vb[i] + (1 - b2) * g * g
                                        hb[i] = Swift.max(hb[i], vb[i])
                                        w[i] -= stepSize * mb[i] / (hb[i].squareRoot() / correction2 + eps)
                                    }
                                } else {
                                    for i in 0..<w.count {
                                        let g = gb[i] + wd * w[i]
                                        mb[i] = b1 * mb[i] + (1 - b1) * g
                                        vb[i] = b2 * vb[i] + (1 - b2) * g * g
                                        w[i] -= stepSize * mb[i] / (vb[i].squareRoot() / correction2 + eps)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The lazy update of the rows of a row-sparse gradient (see the type's documentation).
    private func lazyStep(_ k: Int, _ p: Tensor, _ sparse: RowSparseGradient, shared: (Scalar, Scalar)?) {
        steps[k] += 1
        let t = Double(steps[k])
        let group = groups[groupOf[k]]
        powers[k] = (powers[k].0 * beta1, powers[k].1 * beta2)
        let stepSize: Scalar
        switch convention {
        case .pytorch:
            // torch.optim.SparseAdam: step_size = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) in Python floats.
            let correction1 = 1 - pow(Double(beta1), t), correction2 = 1 - pow(Double(beta2), t)
            stepSize = Scalar(Double(group.learningRate) * correction2.squareRoot() / correction1)
        case .tensorflow:
            let (power1, power2) = shared ?? powers[k]
            stepSize = group.learningRate * (1 - power2).squareRoot() / (1 - power1)
        }
        let kernel = LazyAdamRow(b1: beta1, b2: beta2, eps: epsilon, wd: group.weightDecay, stepSize: stepSize,
                                 torchOrder: convention == .pytorch, amsgrad: amsgrad)
        let d = sparse.width
        p.data.withUnsafeMutableBufferPointer { w in
            m[k].withUnsafeMutableBufferPointer { mb in
                v[k].withUnsafeMutableBufferPointer { vb in
                    vMax[k].withUnsafeMutableBufferPointer { hb in
                        sparse.values.withUnsafeBufferPointer { gb in
                            guard let w0 = w.baseAddress, let m0 = mb.baseAddress, let v0 = vb.baseAddress,
                                  let g0 = gb.baseAddress else { return }
                            let h0 = hb.baseAddress ?? v0   // unused without AMSGrad
                            for (r, row) in sparse.rows.enumerated() {
                                let base = row * d
                                kernel.update(w0 + base, m0 + base, v0 + base, h0 + base, g0 + r * d, d)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Lazy Adam's update of one row, eight lanes at a time (each lane does exactly the scalar
/// arithmetic, so the result does not depend on the width).
private struct LazyAdamRow {
    let b1: Scalar, b2: Scalar, eps: Scalar, wd: Scalar, stepSize: Scalar
    /// SparseAdam's order (`m ← m + (g − m)·(1 − β₁)`, `p ← p − s·(m/(√v + ε))`) rather than the
    /// dense one (`m ← β₁·m + (1 − β₁)·g`, `p ← p − s·m/(√v + ε)`).
    let torchOrder: Bool
    let amsgrad: Bool

    @inline(__always)
    func update(_ w: UnsafeMutablePointer<Scalar>, _ m: UnsafeMutablePointer<Scalar>, _ v: UnsafeMutablePointer<Scalar>,
                _ h: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ d: Int) {
        typealias F8 = SIMD8<Scalar>
        var j = 0
        while j + 8 <= d {
            let wj = UnsafeMutableRawPointer(w + j), mj = UnsafeMutableRawPointer(m + j)
            let vj = UnsafeMutableRawPointer(v + j), hj = UnsafeMutableRawPointer(h + j)
            let weight = wj.loadUnaligned(as: F8.self)
            let grad = UnsafeRawPointer(g + j).loadUnaligned(as: F8.self) + wd * weight
            var first = mj.loadUnaligned(as: F8.self), second = vj.loadUnaligned(as: F8.self)
            if torchOrder {
                first += (grad - first) * (1 - b1)
                second += (grad * grad - second) * (1 - b2)
            } else {
                first = b1 * first + (1 - b1) * grad
                second = b2 * second + (1 - b2) * grad * grad
            }
            mj.storeBytes(of: first, as: F8.self)
            vj.storeBytes(of: second, as: F8.self)
            if amsgrad {
                second = pointwiseMax(hj.loadUnaligned(as: F8.self), second)
                hj.storeBytes(of: second, as: F8.self)
            }
            let denominator = second.squareRoot() + eps
            let step = torchOrder ? stepSize * (first / denominator) : stepSize * first / denominator
            wj.storeBytes(of: weight - step, as: F8.self)
            j += 8
        }
        while j < d {
            let grad = g[j] + wd * w[j]
            if torchOrder {
                m[j] += (grad - m[j]) * (1 - b1)
                v[j] += (grad * grad - v[j]) * (1 - b2)
            } else {
                m[j] = b1 * m[j] + (1 - b1) * grad
                v[j] = b2 * v[j] + (1 - b2) * grad * grad
            }
            var second = v[j]
            if amsgrad { h[j] = Swift.max(h[j], v[j]); second = h[j] }
            if torchOrder {
                w[j] -= stepSize * (m[j] / (second.squareRoot() + eps))
            } else {
                w[j] -= stepSize * m[j] / (second.squareRoot() + eps)
            }
            j += 1
        }
    }
}
