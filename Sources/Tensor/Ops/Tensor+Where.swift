extension Tensor {
    /// `yᵢ = conditionᵢ ? aᵢ : bᵢ` (like `torch.where`), with `a` and `b` broadcast to their
    /// common shape `s` and `condition` holding one flag per element of `s`, row-major: masked
    /// attention scores, `Tensor.where(valid, scores, Tensor(scalar: -1e9))`. `∂a = Σ_broadcast
    /// g·[condition]`, `∂b = Σ_broadcast g·[¬condition]`; the condition gets no gradient.
    public static func `where`(_ condition: [Bool], _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = broadcastResultShape(a.shape, b.shape)
        precondition(condition.count == shape.reduce(1, *),
                     "where: \(condition.count) flags for the shape \(shape) of \(a.shape) and \(b.shape)")
        return select(condition.map { $0 ? 1 : 0 }, a.expanded(to: shape), b.expanded(to: shape), shape)
    }

    /// `yᵢ = maskᵢ ≠ 0 ? aᵢ : bᵢ` with `mask`, `a` and `b` broadcast to one shape (a mask
    /// `[B, 1, L]` over scores `[B, L, L]`, a scalar fill). The mask is a constant: it gets no
    /// gradient even if it requires one. Gradients as for the `[Bool]` condition.
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = broadcastResultShape(mask.shape, broadcastResultShape(a.shape, b.shape))
        let flags = BroadcastPlan(mask.shape, shape).expand(mask.data).map { $0 != 0 ? Scalar(1) : 0 }
        return select(flags, a.expanded(to: shape), b.expanded(to: shape), shape)
    }

    /// The primitive behind both `where`s: `a`, `b` and `flags` (1 or 0) of one shape.
    private static func select(_ flags: [Scalar], _ a: Tensor, _ b: Tensor, _ shape: [Int]) -> Tensor {
        let y = makeBuffer(flags.count) { out in
            flags.withUnsafeBufferPointer { pf in
                a.data.withUnsafeBufferPointer { pa in
                    b.data.withUnsafeBufferPointer { pb in
                        guard let z = out.baseAddress, let f = pf.baseAddress, let x = pa.baseAddress,
                              let w = pb.baseAddress else { return }
                        for i in 0..<pf.count { z[i] = f[i] != 0 ? x[i] : w[i] }
                    }
                }
            }
        }
        return primitive(y, shape: shape, parents: [a, b]) { g in
            if a.requiresGrad { a.accumulateGrad(elementwise(MulKernel(), g, flags)) }
            if b.requiresGrad { b.accumulateGrad(elementwise(MulKernel(), g, flags.map { 1 - $0 })) }
        }
    }
}
