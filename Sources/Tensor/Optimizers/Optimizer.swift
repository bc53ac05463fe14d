/// Updates parameters in place from their accumulated ``Tensor/grad``. Parameters without a
/// gradient are skipped (and keep their state), as in PyTorch.
public protocol Optimizer: AnyObject {
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
