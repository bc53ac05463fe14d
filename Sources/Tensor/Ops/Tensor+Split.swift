extension Tensor {
    /// Consecutive pieces of `axis` with the given lengths (which must add up to
    /// `shape[axis]`), like `torch.split(x, sizes, dim: axis)`: `[B, 2d]` split `[d, d]` on
    /// axis 1 gives the mean and log-variance halves of a VAE encoder's output. Composite: one
    /// ``slice(axis:range:)`` per piece.
    ///
    /// - Note: each piece is its own graph node, so each piece that receives a gradient adds a
    ///   zero-filled gradient the size of the whole input in the backward pass (`k` pieces cost
    ///   `k` input-sized buffers); for long sequences prefer slicing once per block, not per step.
    public func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        let a = normalizedAxis(axis, rank: rank, "split")
        precondition(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == shape[a],
                     "split: sizes \(sizes) do not add up to \(shape[a]) (axis \(a) of \(shape))")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: a, range: start..<(start + size))
        }
    }

    /// `axis` cut into `chunks` pieces of `⌈n / chunks⌉` positions each, the last one shorter
    /// when `chunks` does not divide `n = shape[axis]`, like `torch.chunk`: there may be fewer
    /// than `chunks` pieces (`n = 5`, 4 chunks → lengths 2, 2, 1), and none has length 0 unless
    /// `n = 0` (then one empty piece). Composite over ``split(sizes:axis:)``.
    public func chunk(_ chunks: Int, axis: Int = 0) -> [Tensor] {
        precondition(chunks > 0, "chunk: \(chunks) chunks")
        let a = normalizedAxis(axis, rank: rank, "chunk")
        let n = shape[a]
        guard n > 0 else { return [slice(axis: a, range: 0..<0)] }
        let size = (n + chunks - 1) / chunks
        let sizes = stride(from: 0, to: n, by: size).map { Swift.min(size, n - $0) }
        return split(sizes: sizes, axis: a)
    }

    /// Every position of `axis`, each with that axis removed (the inverse of
    /// ``stack(_:axis:)``, PyTorch's `unbind`): the `T` time steps `[B, F]` of `[B, T, F]` for
    /// `axis: 1`. Composite over ``select(axis:index:)``; see the note on ``split(sizes:axis:)``
    /// for the cost of the backward pass.
    public func unstacked(axis: Int = 0) -> [Tensor] {
        let a = normalizedAxis(axis, rank: rank, "unstacked")
        return (0..<shape[a]).map { select(axis: a, index: $0) }
    }
}
