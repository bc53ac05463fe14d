/// `min(max(x, low), high)`; the derivative is 1 on `[low, high]` (bounds included), else 0.
struct ClampKernel: UnaryKernel {
    let low: Scalar, high: Scalar
    @inline(__always) func forward(_ x: Scalar) -> Scalar { x < low ? low : (x > high ? high : x) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { x >= low && x <= high ? 1 : 0 }
}

extension Tensor {
    /// Each element limited to `[min, max]` (either bound may be omitted), like `torch.clamp`:
    /// `y = min(max(x, min), max)`. `∂x = g` where `min ≤ x ≤ max` (bounds included, as in
    /// PyTorch), 0 where the value was clipped. NaN stays NaN. Requires `min ≤ max`.
    public func clamped(min: Scalar? = nil, max: Scalar? = nil) -> Tensor {
        let (low, high) = (min ?? -.infinity, max ?? .infinity)
        precondition(low <= high, "clamped: min \(low) > max \(high)")
        return unary(ClampKernel(low: low, high: high))
    }
}
