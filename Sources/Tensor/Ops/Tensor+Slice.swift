extension Tensor {
    /// The positions `range` of `axis` (negative counts from the end), every other axis whole,
    /// like `x.narrow(axis, start, length)` or `x[..., range, ...]` in PyTorch but as a copy:
    /// `[B, T, F]` sliced on axis 1 to `2..<5` is `[B, 3, F]`. `range` is any range expression
    /// over `0..<shape[axis]` (`2...`, `..<4`, `1...3`); an empty range gives length 0.
    ///
    /// One contiguous block of `range.count·inner` values per outer index is copied with
    /// `memcpy` (`inner = ∏ shape[axis+1...]`). `∂x` is `g` in those positions, 0 elsewhere.
    public func slice(axis: Int, range: some RangeExpression<Int>) -> Tensor {
        let a = normalizedAxis(axis, rank: rank, "slice")
        let n = shape[a]
        let r = range.relative(to: 0..<n)
        precondition(r.lowerBound >= 0 && r.upperBound <= n,
                     "slice: \(r) out of bounds for axis \(a) of \(shape)")
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        let (block, stride, start) = (r.count * inner, n * inner, r.lowerBound * inner)
        var outShape = shape
        outShape[a] = r.count
        let y = makeBuffer(outer * block) { out in
            data.withUnsafeBufferPointer { px in
                guard let z = out.baseAddress, let x = px.baseAddress else { return }
                for o in 0..<outer { copyFloats(z + o * block, x + o * stride + start, block) }
            }
        }
        let total = count
        return Tensor.primitive(y, shape: outShape, parents: [self]) { [self] g in
            var dx = zeroBuffer(total)
            dx.withUnsafeMutableBufferPointer { pd in
                g.withUnsafeBufferPointer { pg in
                    guard let z = pd.baseAddress, let s = pg.baseAddress else { return }
                    for o in 0..<outer { copyFloats(z + o * stride + start, s + o * block, block) }
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// Position `index` of `axis` with that axis removed, like PyTorch's `x.select(axis, index)`
    /// (`x[:, t]` for `axis: 1`): time step `t` of `[B, T, F]` is `[B, F]`. A negative `index`
    /// counts from the end. Composite: ``slice(axis:range:)`` then ``reshaped(_:)``.
    public func select(axis: Int, index: Int) -> Tensor {
        let a = normalizedAxis(axis, rank: rank, "select")
        let i = index < 0 ? index + shape[a] : index
        precondition(i >= 0 && i < shape[a], "select: index \(index) out of range for axis \(a) of \(shape)")
        var outShape = shape
        outShape.remove(at: a)
        return slice(axis: a, range: i..<(i + 1)).reshaped(outShape)
    }
}
