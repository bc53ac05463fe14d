/// Updates parameters in place from their accumulated ``Tensor/grad`` (dense) or
/// ``Tensor/sparseGrad`` (row-sparse, from a sparse ``Embedding``: see each optimizer for how it
/// treats one). Parameters without a gradient are skipped (and keep their state), as in PyTorch.
///
/// Its per-parameter state (moments, step counts) is ``HasParameterState``, which a
/// ``Checkpoint`` saves and restores, so training resumes exactly where it stopped.
public protocol Optimizer: HasParameterState {
    /// Every parameter, group after group.
    var parameters: [Tensor] { get }
    /// The parameter groups with their learning rates and weight decay (one group unless the
    /// optimizer was made with several).
    var groups: [ParameterGroup] { get set }
    /// The first group's learning rate; setting it sets every group's.
    var learningRate: Scalar { get set }
    /// One update from the current gradients.
    func step()
}

extension Optimizer {
    public var learningRate: Scalar {
        get { groups.first?.learningRate ?? 0 }
        set { for k in groups.indices { groups[k].learningRate = newValue } }
    }

    /// Clears every parameter's gradient, dense or row-sparse (call before each backward pass).
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}
