/// `(outer, n, inner)` such that element `(o, j, i)` of the tensor is `data[(o·n + j)·inner + i]`
/// for the reduced axis of length `n`.
struct AxisSplit {
    let outer: Int, n: Int, inner: Int
    let reducedShape: [Int]

    init(_ shape: [Int], axis: Int, keepDims: Bool) {
        let a = axis < 0 ? axis + shape.count : axis
        precondition(a >= 0 && a < shape.count, "axis \(axis) out of range for shape \(shape)")
        outer = shape[..<a].reduce(1, *)
        n = shape[a]
        inner = shape[(a + 1)...].reduce(1, *)
        var r = shape
        if keepDims { r[a] = 1 } else { r.remove(at: a) }
        reducedShape = r
    }
}

extension Tensor {
    /// `Σᵢ xᵢ` over all elements, a scalar (shape `[]`); `∂xᵢ = g`.
    public func sum() -> Tensor {
        let total = data.withUnsafeBufferPointer { p in p.baseAddress.map { sumOf($0, p.count) } ?? 0 }
        let n = count
        return Tensor.primitive([total], shape: [], parents: [self]) { [self] g in
            self.accumulateGrad([Scalar](repeating: g[0], count: n))
        }
    }

    /// Sum along `axis` (negative counts from the end); the axis is dropped unless `keepDims`
    /// (then it has length 1). `∂x[o, j, i] = g[o, i]`.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        let s = AxisSplit(shape, axis: axis, keepDims: keepDims)
        var out = zeroBuffer(s.outer * s.inner)
        out.withUnsafeMutableBufferPointer { po in
            data.withUnsafeBufferPointer { px in
                for o in 0..<s.outer {
                    for j in 0..<s.n {
                        let base = (o * s.n + j) * s.inner
                        for i in 0..<s.inner { po[o * s.inner + i] += px[base + i] }
                    }
                }
            }
        }
        return Tensor.primitive(out, shape: s.reducedShape, parents: [self]) { [self] g in
            let dx = makeBuffer(s.outer * s.n * s.inner) { pd in
                g.withUnsafeBufferPointer { pg in
                    for o in 0..<s.outer {
                        for j in 0..<s.n {
                            let base = (o * s.n + j) * s.inner
                            for i in 0..<s.inner { pd[base + i] = pg[o * s.inner + i] }
                        }
                    }
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// Mean of all elements (composite: `sum() / count`).
    public func mean() -> Tensor { sum() * (1 / Scalar(count)) }

    /// Mean along `axis` (composite: `sum(axis:) / n`).
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = axis < 0 ? axis + rank : axis
        return sum(axis: axis, keepDims: keepDims) * (1 / Scalar(shape[a]))
    }

    /// Maximum along `axis`; the gradient goes to the first maximal element of each slice
    /// (`∂x[o, j*, i] = g[o, i]`, 0 elsewhere).
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let s = AxisSplit(shape, axis: axis, keepDims: keepDims)
        precondition(s.n > 0, "max: empty axis")
        var out = zeroBuffer(s.outer * s.inner)
        var arg = [Int](repeating: 0, count: s.outer * s.inner)
        data.withUnsafeBufferPointer { px in
            for o in 0..<s.outer {
                for i in 0..<s.inner {
                    var best = px[o * s.n * s.inner + i], at = 0
                    for j in 1..<Swift.max(s.n, 1) where px[(o * s.n + j) * s.inner + i] > best {
                        best = px[(o * s.n + j) * s.inner + i]; at = j
                    }
                    out[o * s.inner + i] = best
                    arg[o * s.inner + i] = at
                }
            }
        }
        return Tensor.primitive(out, shape: s.reducedShape, parents: [self]) { [self] g in
            var dx = zeroBuffer(s.outer * s.n * s.inner)
            for o in 0..<s.outer {
                for i in 0..<s.inner {
                    dx[(o * s.n + arg[o * s.inner + i]) * s.inner + i] = g[o * s.inner + i]
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// Minimum along `axis`; the gradient goes to the first minimal element of each slice.
    /// Composite: `−max(−x, axis:)`.
    public func min(axis: Int, keepDims: Bool = false) -> Tensor {
        -((-self).max(axis: axis, keepDims: keepDims))
    }
}
