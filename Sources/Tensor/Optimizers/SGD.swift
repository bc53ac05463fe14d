/// Stochastic gradient descent with optional momentum, PyTorch `torch.optim.SGD` formulas:
/// `g ← ∇ + λ·p`; with momentum `μ > 0`: `v ← g` on the first step, then
/// `v ← μ·v + (1 − dampening)·g`, and `g ← g + μ·v` (Nesterov) or `g ← v`; finally `p ← p − η·g`,
/// with η and λ of the parameter's group (``ParameterGroup``).
///
/// A row-sparse gradient (``Tensor/sparseGrad``) gives the same result as its dense form, as in
/// PyTorch (whose SGD accepts sparse gradients): without momentum and weight decay only the
/// touched rows move, `pᵣ ← pᵣ − η·∇ᵣ`, and nothing else is touched; with either, every row can
/// move, so the gradient is densified and the dense update runs.
public final class SGD: Optimizer {
    public var groups: [ParameterGroup]
    public let parameters: [Tensor]
    public let momentum: Scalar
    public let dampening: Scalar
    public let nesterov: Bool
    private let groupOf: [Int]
    private var velocity: [[Scalar]?]

    public convenience init(_ parameters: [Tensor], learningRate: Scalar, momentum: Scalar = 0, dampening: Scalar = 0,
                            weightDecay: Scalar = 0, nesterov: Bool = false) {
        self.init(groups: [ParameterGroup(parameters, learningRate: learningRate, weightDecay: weightDecay)],
                  momentum: momentum, dampening: dampening, nesterov: nesterov)
    }

    public init(groups: [ParameterGroup], momentum: Scalar = 0, dampening: Scalar = 0, nesterov: Bool = false) {
        let layout = GroupLayout(groups)
        self.groups = groups
        self.parameters = layout.parameters
        self.groupOf = layout.group
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        velocity = Array(repeating: nil, count: parameters.count)
    }

    public func parameterStates() -> [ParameterState] {
        velocity.map { v in v.map { ParameterState(arrays: ["momentum_buffer": $0]) } ?? ParameterState() }
    }

    public func loadParameterStates(_ states: [ParameterState]) throws(StateDictError) {
        try validate(states, arrays: ["momentum_buffer"], counters: [])
        velocity = states.map { $0.arrays["momentum_buffer"] }
    }

    public func step() {
        for (k, p) in parameters.enumerated() {
            if let sparse = p.sparseGrad, momentum == 0, groups[groupOf[k]].weightDecay == 0 {
                let (learningRate, d) = (groups[groupOf[k]].learningRate, sparse.width)
                p.data.withUnsafeMutableBufferPointer { w in
                    sparse.values.withUnsafeBufferPointer { g in
                        for (r, row) in sparse.rows.enumerated() {
                            for j in 0..<d { w[row * d + j] -= learningRate * g[r * d + j] }
                        }
                    }
                }
                continue
            }
            guard let grad = p.denseGrad ?? p.sparseGrad?.densified() else { continue }
            var v = velocity[k] ?? []
            let first = v.isEmpty
            if first && momentum != 0 { v = [Scalar](repeating: 0, count: p.count) }
            let (learningRate, weightDecay) = (groups[groupOf[k]].learningRate, groups[groupOf[k]].weightDecay)
            p.data.withUnsafeMutableBufferPointer { w in
                v.withUnsafeMutableBufferPointer { vb in
                    for i in 0..<w.count {
                        var g = grad[i] + weightDecay * w[i]
                        if momentum != 0 {
                            vb[i] = first ? g : momentum * vb[i] + (1 - dampening) * g
                            g = nesterov ? g + momentum * vb[i] : vb[i]
                        }
                        w[i] -= learningRate * g
                    }
                }
            }
            if momentum != 0 { velocity[k] = v }
        }
    }
}
