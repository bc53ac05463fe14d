import Randomness

extension Tensor {
    /// A rank-0 constant.
    public convenience init(scalar value: Scalar) {
        self.init([value], shape: [])
    }

    /// All zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(zeroBuffer(shape.reduce(1, *)), shape: shape, requiresGrad: requiresGrad)
    }

    /// All ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, value: 1, requiresGrad: requiresGrad)
    }

    /// Every element equal to `value`.
    public static func full(_ shape: [Int], value: Scalar, requiresGrad: Bool = false) -> Tensor {
        Tensor([Scalar](repeating: value, count: shape.reduce(1, *)), shape: shape, requiresGrad: requiresGrad)
    }

    /// A matrix `[rows.count, d]` from rows of equal length `d` (Double values are converted to ``Scalar``).
    public convenience init(rows: [[Double]], requiresGrad: Bool = false) {
        let d = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == d }, "Tensor(rows:): ragged rows")
        self.init(rows.flatMap { $0.map { Scalar($0) } }, shape: [rows.count, d], requiresGrad: requiresGrad)
    }

    /// i.i.d. normal values `mean + std·z`, `z ~ N(0, 1)` from `generator.standardNormal()`.
    public static func randn(_ shape: [Int], mean: Scalar = 0, std: Scalar = 1,
                             generator: inout Xoshiro256StarStar, requiresGrad: Bool = false) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Scalar](); values.reserveCapacity(n)
        for _ in 0..<n { values.append(mean + std * Scalar(generator.standardNormal())) }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// i.i.d. uniform values `low + (high − low)·u`, `u ~ U[0, 1)` from `generator.uniformUnit()`.
    public static func uniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1,
                               generator: inout Xoshiro256StarStar, requiresGrad: Bool = false) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Scalar](); values.reserveCapacity(n)
        let width = Double(high - low)
        for _ in 0..<n { values.append(low + Scalar(width * generator.uniformUnit())) }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }
}
