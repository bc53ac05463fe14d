/// Whether differentiable ops record a graph. Task-local, so a `noGrad` scope in one task does
/// not affect another; the default is enabled.
///
/// ```swift
/// let scores = Tensor.noGrad { model(x) }   // no graph, no parents kept
/// ```
public enum GradMode {
    @TaskLocal static var enabled: Bool = true

    /// `true` unless inside a ``Tensor/noGrad(_:)`` scope.
    public static var isEnabled: Bool { enabled }
}

extension Tensor {
    /// Runs `body` with graph recording disabled: every op result is a constant leaf, so
    /// inference allocates no backward closures and keeps no inputs alive.
    public static func noGrad<R>(_ body: () throws -> R) rethrows -> R {
        try GradMode.$enabled.withValue(false) { try body() }
    }
}
