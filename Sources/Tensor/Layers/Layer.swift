/// A differentiable building block: a composite of ``Tensor`` ops with trainable
/// ``parameters`` and no backward code of its own.
///
/// Layers are reference types (their parameters are updated in place by an ``Optimizer``, and
/// some keep state such as running statistics or a dropout generator); they are not `Sendable`.
public protocol Layer: AnyObject {
    /// The trainable tensors (`requiresGrad == true`), in a stable order.
    var parameters: [Tensor] { get }
    /// The forward pass. `training` selects batch statistics (``BatchNorm1d``) and random masks
    /// (``Dropout``); it must be `false` for inference.
    func callAsFunction(_ x: Tensor, training: Bool) -> Tensor
}

extension Layer {
    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}
