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
                    var m = -Float.infinity
                    for j in 0..<n { m = Swift.max(m, px[b + j]) }
                    var total: Float = 0
                    for j in 0..<n { let e = expf(px[b + j] - m); py[b + j] = e; total += e }
                    let inv = 1 / total
                    for j in 0..<n { py[b + j] *= inv }
                }
            }
        }
        return Tensor.primitive(y, shape: shape, parents: [self]) { [self] g in
            let dx = makeBuffer(y.count) { pd in
                for r in 0..<rows {
                    let b = r * n
                    var dot: Float = 0
                    for j in 0..<n { dot += g[b + j] * y[b + j] }
                    for j in 0..<n { pd[b + j] = y[b + j] * (g[b + j] - dot) }
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
                var m = -Float.infinity
                for j in 0..<n { m = Swift.max(m, px[b + j]) }
                var total: Float = 0
                for j in 0..<n { let e = expf(px[b + j] - m); soft[b + j] = e; total += e }
                out[r] = m + logf(total)
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
    public func l2Norm(epsilon: Float = 1e-12, keepDims: Bool = false) -> Tensor {
        let (rows, n) = lastAxisSplit
        let x = data
        var norms = zeroBuffer(rows)
        x.withUnsafeBufferPointer { px in
            for r in 0..<rows {
                var s: Float = 0
                for j in 0..<n { s += px[r * n + j] * px[r * n + j] }
                norms[r] = sqrtf(s + epsilon)
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
