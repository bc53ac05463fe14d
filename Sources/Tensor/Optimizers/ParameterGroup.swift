/// Parameters that share hyperparameters within one optimizer, as PyTorch's `param_groups`:
/// `Adam(groups: [ParameterGroup(encoder.parameters, learningRate: 1e-3), ParameterGroup(decoder.parameters, learningRate: 1e-4)])`.
/// A ``LearningRateScheduler`` scales each group's learning rate from its own initial value.
public struct ParameterGroup {
    public var parameters: [Tensor]
    public var learningRate: Scalar
    /// L2 weight decay added to the gradient (`g + λ·p`), per group.
    public var weightDecay: Scalar

    public init(_ parameters: [Tensor], learningRate: Scalar, weightDecay: Scalar = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }
}

/// The groups' parameters flattened, with each one's group: what the optimizers iterate over
/// (state arrays are indexed by the flat position).
struct GroupLayout {
    let parameters: [Tensor]
    let group: [Int]

    init(_ groups: [ParameterGroup]) {
        parameters = groups.flatMap(\.parameters)
        group = groups.enumerated().flatMap { index, g in [Int](repeating: index, count: g.parameters.count) }
    }
}
