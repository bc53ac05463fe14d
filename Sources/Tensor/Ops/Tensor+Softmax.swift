#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Length of the last axis and number of slices along it.
    var lastAxisSplit: (rows: Int, n: Int) {
        let n = shape.last ?? 1
        return (n == 0 ? 0 : count / n, n)
    }

    /// Softmax over the last axis, `yⱼ = e^{xⱼ − m} / Σₖ e^{xₖ − m}` with `m = maxₖ xₖ` (stable).
    /// `∂x = y ⊙ (g − Σⱼ gⱼyⱼ)` per row.
    public func softmax() -> Tensor {
        let (rows, n) = lastAxisSplit
        let y = makeBuffer(count) { py in
            data.withUnsafeBufferPointer { px in
                for r in 0..<rows {
                    let b = r * n
                    var m = -Scalar.infinity
                    for j in 0..<n { m = Swift.max(m, px[b + j]) }
                    var total: Scalar = 0
                    for j in 0..<n { let e = LibM.exp(px[b + j] - m); py[b + j] = e; total += e }
                    let inv = 1 / total
                    for j in 0..<n { py[b + j] *= inv }
                }
            }
        }
        return Tensor.primitive(y, shape: shape, parents: [self]) { [self] g in
            let dx = makeBuffer(y.count) { pd in
                for r in 0..<rows {
                    let b = r * n
                    var dot: Scalar = 0
                    for j in 0..<n { dot += g[b + j] * y[b + j] }
                    for j in 0..<n { pd[b + j] = y[b + j] * (g[b + j] - dot) }
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// Softmax along any `axis` (negative counts from the end). The last axis is the primitive
    /// ``softmax()``; another axis is the composite `logSoftmax(axis:).exp()`.
    public func softmax(axis: Int) -> Tensor {
        let a = normalizedAxis(axis, rank: rank, "softmax")
        return a == rank - 1 ? softmax() : logSoftmax(axis: a).exp()
    }

    /// `yⱼ = xⱼ − log Σₖ e^{xₖ}` along `axis` (negative counts from the end; default the last),
    /// like `torch.log_softmax`, computed as `xⱼ − m − log Σₖ e^{xₖ − m}` with `m = maxₖ xₖ`, so
    /// it neither overflows for large logits nor underflows to `log 0` as `softmax().log()`
    /// does (`[0, −200]` gives `[0, −200]`). A slice of `+∞`s or all `−∞`s gives NaN, as in
    /// PyTorch. `∂x = g − softmax(x) · Σⱼ gⱼ` per slice, with `softmax(x) = e^y`.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let s = AxisSplit(shape, axis: axis, keepDims: true)
        let (outer, n, inner) = (s.outer, s.n, s.inner)
        let y = makeBuffer(count) { out in
            data.withUnsafeBufferPointer { px in
                guard let z = out.baseAddress, let x = px.baseAddress else { return }
                if inner == 1 {
                    for r in 0..<outer {
                        let (row, dst) = (x + r * n, z + r * n)
                        var m = -Scalar.infinity
                        for j in 0..<n { m = Swift.max(m, row[j]) }
                        var total: Scalar = 0
                        for j in 0..<n { total += LibM.exp(row[j] - m) }
                        let shift = m + LibM.log(total)
                        for j in 0..<n { dst[j] = row[j] - shift }
                    }
                    return
                }
                // Slices run across `inner` contiguous columns: reduce over j for all i at once.
                var shift = [Scalar](repeating: 0, count: inner), total = [Scalar](repeating: 0, count: inner)
                for o in 0..<outer {
                    let (base, dst) = (x + o * n * inner, z + o * n * inner)
                    for i in 0..<inner { shift[i] = -.infinity; total[i] = 0 }
                    for j in 0..<n { for i in 0..<inner { shift[i] = Swift.max(shift[i], base[j * inner + i]) } }
                    for j in 0..<n { for i in 0..<inner { total[i] += LibM.exp(base[j * inner + i] - shift[i]) } }
                    for i in 0..<inner { shift[i] += LibM.log(total[i]) }
                    for j in 0..<n { for i in 0..<inner { dst[j * inner + i] = base[j * inner + i] - shift[i] } }
                }
            }
        }
        return Tensor.primitive(y, shape: shape, parents: [self]) { [self] g in
            let dx = makeBuffer(y.count) { out in
                g.withUnsafeBufferPointer { pg in
                    y.withUnsafeBufferPointer { py in
                        guard let z = out.baseAddress, let gb = pg.baseAddress, let yb = py.baseAddress else { return }
                        var sums = [Scalar](repeating: 0, count: inner)
                        for o in 0..<outer {
                            let b = o * n * inner
                            for i in 0..<inner { sums[i] = 0 }
                            for j in 0..<n { for i in 0..<inner { sums[i] += gb[b + j * inner + i] } }
                            for j in 0..<n {
                                for i in 0..<inner {
                                    let t = b + j * inner + i
                                    z[t] = gb[t] - LibM.exp(yb[t]) * sums[i]
                                }
                            }
                        }
                    }
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// `log Σⱼ e^{xⱼ}` over the last axis, computed as `m + log Σⱼ e^{xⱼ − m}` (stable); the last
    /// axis is dropped unless `keepDims`. `∂xⱼ = g · softmax(x)ⱼ`.
    public func logSumExp(keepDims: Bool = false) -> Tensor {
        let (rows, n) = lastAxisSplit
        var soft = zeroBuffer(count)
        var out = zeroBuffer(rows)
        data.withUnsafeBufferPointer { px in
            for r in 0..<rows {
                let b = r * n
                var m = -Scalar.infinity
                for j in 0..<n { m = Swift.max(m, px[b + j]) }
                var total: Scalar = 0
                for j in 0..<n { let e = LibM.exp(px[b + j] - m); soft[b + j] = e; total += e }
                out[r] = m + LibM.log(total)
                let inv = 1 / total
                for j in 0..<n { soft[b + j] *= inv }
            }
        }
        var outShape = Array(shape.dropLast())
        if keepDims { outShape.append(1) }
        return Tensor.primitive(out, shape: outShape, parents: [self]) { [self, soft] g in
            let dx = makeBuffer(soft.count) { pd in
                for r in 0..<rows { for j in 0..<n { pd[r * n + j] = g[r] * soft[r * n + j] } }
            }
            self.accumulateGrad(dx)
        }
    }

    /// Euclidean norm over the last axis with a floor, `‖x‖ = √(Σⱼ xⱼ² + ε)`, so the gradient
    /// `∂xⱼ = g · xⱼ / ‖x‖` is finite at 0. The last axis is dropped unless `keepDims`.
    public func l2Norm(epsilon: Scalar = 1e-12, keepDims: Bool = false) -> Tensor {
        let (rows, n) = lastAxisSplit
        let x = data
        var norms = zeroBuffer(rows)
        x.withUnsafeBufferPointer { px in
            for r in 0..<rows {
                var s: Scalar = 0
                for j in 0..<n { s += px[r * n + j] * px[r * n + j] }
                norms[r] = LibM.sqrt(s + epsilon)
            }
        }
        var outShape = Array(shape.dropLast())
        if keepDims { outShape.append(1) }
        return Tensor.primitive(norms, shape: outShape, parents: [self]) { [self, norms] g in
            let dx = makeBuffer(x.count) { pd in
                for r in 0..<rows {
                    let scale = g[r] / norms[r]
                    for j in 0..<n { pd[r * n + j] = x[r * n + j] * scale }
                }
            }
            self.accumulateGrad(dx)
        }
    }
}
