/// Layers applied in order, `y = fₙ(…f₂(f₁(x)))`; its children are named `0`, `1`, … as in
/// PyTorch's `nn.Sequential`, so parameter names read `2.weight`.
public final class Sequential: Layer {
    public let layers: [any Layer]
    public var isTraining = true

    public init(_ layers: [any Layer]) { self.layers = layers }

    public var children: [(name: String, module: any Module)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }
}
