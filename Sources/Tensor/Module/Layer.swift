/// A module with one tensor in and one tensor out, so it can be chained in ``Sequential``.
public protocol Layer: Module {
    /// The forward pass, in the mode of ``Module/isTraining``.
    func callAsFunction(_ x: Tensor) -> Tensor
}
