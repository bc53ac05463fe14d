/// `max(a, b)`, propagating NaN from either side (as `torch.maximum`).
struct MaximumKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { (a >= b || a != a) ? a : b }
}
/// `min(a, b)`, propagating NaN from either side (as `torch.minimum`).
struct MinimumKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { (a <= b || a != a) ? a : b }
}
/// The share of the gradient of `max(a, b)` that goes to `a`: 1, ½ on a tie, 0.
struct MaximumShareKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { a > b ? 1 : (a == b ? 0.5 : 0) }
}
/// The share of the gradient of `min(a, b)` that goes to `a`: 1, ½ on a tie, 0.
struct MinimumShareKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { a < b ? 1 : (a == b ? 0.5 : 0) }
}

extension Tensor {
    /// Elementwise `max(a, b)` with broadcasting (like `torch.maximum`). The gradient goes to the
    /// larger input; on a tie `a == b` each input gets half of it (PyTorch's rule, the mean of
    /// the two one-sided derivatives); where either input is NaN the result is NaN and neither
    /// gets a gradient. `∂a = Σ_broadcast g·[a > b] + ½g·[a = b]`, likewise for `b`.
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
        extremum(a, b, MaximumKernel(), MaximumShareKernel())
    }

    /// Elementwise `min(a, b)` with broadcasting (like `torch.minimum`): the gradient goes to
    /// the smaller input, halves on a tie, none where either input is NaN (see
    /// ``maximum(_:_:)``).
    public static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        extremum(a, b, MinimumKernel(), MinimumShareKernel())
    }

    /// `maximum(a, constant)`.
    public static func maximum(_ a: Tensor, _ b: Scalar) -> Tensor { maximum(a, Tensor(scalar: b)) }
    /// `minimum(a, constant)`.
    public static func minimum(_ a: Tensor, _ b: Scalar) -> Tensor { minimum(a, Tensor(scalar: b)) }

    private static func extremum<V: BinaryKernel, S: BinaryKernel>(_ a: Tensor, _ b: Tensor,
                                                                   _ value: V, _ share: S) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        return primitive(plan.apply(value, a.data, b.data), shape: plan.shape, parents: [a, b]) { g in
            if a.requiresGrad {
                let ga = elementwise(MulKernel(), g, plan.apply(share, a.data, b.data))
                a.accumulateGrad(plan.reduce(ga, toFirst: true, count: a.count))
            }
            if b.requiresGrad {
                let swapped = BroadcastPlan(b.shape, a.shape)
                let gb = elementwise(MulKernel(), g, swapped.apply(share, b.data, a.data))
                b.accumulateGrad(plan.reduce(gb, toFirst: false, count: b.count))
            }
        }
    }
}
