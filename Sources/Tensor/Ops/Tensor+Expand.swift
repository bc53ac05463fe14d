extension Tensor {
    /// The shape that `a` and `b` broadcast to (NumPy rules, see `BroadcastPlan`): right-aligned,
    /// each dimension pair equal or containing a 1. Stops with a message when incompatible.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        broadcastResultShape(a, b)
    }

    /// This tensor repeated along its length-1 axes (and along new leading axes) to `shape`, like
    /// PyTorch's `expand` followed by `contiguous()`: `[3, 1] → [3, 4]`, `[4] → [2, 3, 4]`,
    /// `[B, 1, F] → [B, T, F]`. The broadcast rules are those of the arithmetic ops; an axis
    /// whose length is neither 1 nor the target's stops the program with a message.
    ///
    /// The result is a new contiguous buffer (there are no strided views), filled by `memcpy`
    /// of contiguous runs. `∂x` is `g` summed over the expanded axes. Returns `self` when the
    /// shape is already `shape`.
    public func expanded(to shape: [Int]) -> Tensor {
        if shape == self.shape { return self }
        precondition(shape.count >= rank, "expanded: \(self.shape) cannot expand to the lower rank \(shape)")
        let plan = BroadcastPlan(self.shape, shape)
        precondition(plan.shape == shape, "expanded: \(self.shape) does not broadcast to \(shape)")
        let n = count
        return Tensor.primitive(plan.expand(data), shape: shape, parents: [self]) { [self] g in
            self.accumulateGrad(plan.reduce(g, toFirst: true, count: n))
        }
    }
}
