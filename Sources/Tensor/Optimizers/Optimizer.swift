/// Updates parameters in place from their accumulated ``Tensor/grad``. Parameters without a
/// gradient are skipped (and keep their state), as in PyTorch.
///
/// Its per-parameter state (moments, step counts) is ``HasParameterState``, which a
/// ``Checkpoint`` saves and restores, so training resumes exactly where it stopped.
public protocol Optimizer: HasParameterState {
    var parameters: [Tensor] { get }
    var learningRate: Float { get set }
    /// One update from the current gradients.
    func step()
}

extension Optimizer {
    /// Clears every parameter's gradient (call before each backward pass).
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }
}
