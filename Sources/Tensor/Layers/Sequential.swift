/// Layers applied in order, `y = fₙ(…f₂(f₁(x)))`; parameters are the concatenation of theirs.
public final class Sequential: Layer {
    public let layers: [any Layer]

    public init(_ layers: [any Layer]) { self.layers = layers }

    public var parameters: [Tensor] { layers.flatMap(\.parameters) }

    public func callAsFunction(_ x: Tensor, training: Bool) -> Tensor {
        layers.reduce(x) { $1($0, training: training) }
    }
}
