import Randomness

/// How a ``Linear`` layer (or any `[fanIn, fanOut]` weight) is initialised.
public enum WeightInitialization: Sendable, Equatable {
    /// Glorot & Bengio (2010): `W ~ U(−a, a)`, `a = gain·√(6 / (fanIn + fanOut))`; bias 0.
    case xavierUniform(gain: Scalar = 1)
    /// PyTorch's `nn.Linear` default (`kaiming_uniform_(a=√5)`): `W ~ U(−1/√fanIn, 1/√fanIn)`,
    /// and the bias likewise `U(−1/√fanIn, 1/√fanIn)`.
    case kaimingUniform
}

/// Weight-initialisation formulas, each drawing from an explicit generator.
public enum Initializers {
    /// `fanIn·fanOut` values `~ U(−a, a)` with `a = gain·√(6 / (fanIn + fanOut))` (Xavier/Glorot).
    public static func xavierUniform(fanIn: Int, fanOut: Int, gain: Scalar = 1,
                                     generator: inout Xoshiro256StarStar) -> [Scalar] {
        let a = gain * (6 / Scalar(fanIn + fanOut)).squareRoot()
        return Tensor.uniform([fanIn * fanOut], low: -a, high: a, generator: &generator).data
    }

    /// `count` values `~ U(−1/√fanIn, 1/√fanIn)`: PyTorch's default for `nn.Linear` weights
    /// (Kaiming-uniform with `a = √5`) and biases.
    public static func kaimingUniform(count: Int, fanIn: Int, generator: inout Xoshiro256StarStar) -> [Scalar] {
        let a = 1 / Scalar(Swift.max(fanIn, 1)).squareRoot()
        return Tensor.uniform([count], low: -a, high: a, generator: &generator).data
    }
}
