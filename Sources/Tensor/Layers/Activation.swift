/// An elementwise nonlinearity as a layer (no parameters), for use in ``Sequential``.
public final class Activation: Layer {
    public enum Kind: Sendable, Equatable {
        case identity, relu, tanh, sigmoid, softplus
        /// `x` for `x > 0`, else `slope·x`.
        case leakyRelu(slope: Scalar)
    }

    public let kind: Kind
    public var isTraining = true
    public init(_ kind: Kind) { self.kind = kind }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch kind {
        case .identity: return x
        case .relu: return x.relu()
        case .tanh: return x.tanh()
        case .sigmoid: return x.sigmoid()
        case .softplus: return x.softplus()
        case .leakyRelu(let slope): return x.leakyRelu(slope: slope)
        }
    }
}
