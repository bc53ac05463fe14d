/// Stochastic gradient descent with optional momentum, PyTorch `torch.optim.SGD` formulas:
/// `g ← ∇ + λ·p`; with momentum `μ > 0`: `v ← g` on the first step, then
/// `v ← μ·v + (1 − dampening)·g`, and `g ← g + μ·v` (Nesterov) or `g ← v`; finally `p ← p − η·g`,
/// with η and λ of the parameter's group (``ParameterGroup``).
public final class SGD: Optimizer {
    public var groups: [ParameterGroup]
    public let parameters: [Tensor]
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    private let groupOf: [Int]
    private var velocity: [[Float]?]

    public convenience init(_ parameters: [Tensor], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
                            weightDecay: Float = 0, nesterov: Bool = false) {
        self.init(groups: [ParameterGroup(parameters, learningRate: learningRate, weightDecay: weightDecay)],
                  momentum: momentum, dampening: dampening, nesterov: nesterov)
    }

    public init(groups: [ParameterGroup], momentum: Float = 0, dampening: Float = 0, nesterov: Bool = false) {
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
            guard let grad = p.grad else { continue }
            var v = velocity[k] ?? []
            let first = v.isEmpty
            if first && momentum != 0 { v = [Float](repeating: 0, count: p.count) }
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
