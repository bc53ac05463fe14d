extension Tensor {
    /// The same values under another shape of equal element count (row-major order is kept);
    /// `∂x = g` reinterpreted. The buffer is shared copy-on-write, so this costs no copy.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count, "reshape: \(shape) → \(newShape) changes the element count")
        return Tensor.primitive(data, shape: newShape, parents: [self]) { [self] g in self.accumulateGrad(g) }
    }

    /// Matrix transpose, `yᵢⱼ = xⱼᵢ`: `[m, n] → [n, m]`, or per batch for rank 3
    /// (`[B, m, n] → [B, n, m]`, the last two axes swapped). `∂x = gᵀ` (per batch).
    public func transposed() -> Tensor {
        precondition(rank == 2 || rank == 3, "transposed: rank 2 or 3, got \(shape)")
        let batch = rank == 3 ? shape[0] : 1
        let (m, n) = (shape[rank - 2], shape[rank - 1])
        let outShape = rank == 3 ? [batch, n, m] : [n, m]
        return Tensor.primitive(Tensor.transpose(data, batch, m, n), shape: outShape, parents: [self]) { [self] g in
            self.accumulateGrad(Tensor.transpose(g, batch, n, m))
        }
    }

    /// Row-major `[batch, m, n]` → `[batch, n, m]`.
    static func transpose(_ x: [Float], _ batch: Int, _ m: Int, _ n: Int) -> [Float] {
        makeBuffer(batch * m * n) { out in
            x.withUnsafeBufferPointer { px in
                for t in 0..<batch {
                    let o = t * m * n
                    for i in 0..<m { for j in 0..<n { out[o + j * m + i] = px[o + i * n + j] } }
                }
            }
        }
    }

    /// Concatenation of rank-2 tensors `[m, nₖ]` along columns into `[m, Σnₖ]`; each input's
    /// gradient is its column block of `g`.
    public static func concatColumns(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty && parts.allSatisfy { $0.rank == 2 }, "concatColumns: rank-2 inputs only")
        let m = parts[0].shape[0]
        precondition(parts.allSatisfy { $0.shape[0] == m }, "concatColumns: row counts differ")
        let widths = parts.map { $0.shape[1] }
        let total = widths.reduce(0, +)
        var offsets = [Int](); var o = 0
        for w in widths { offsets.append(o); o += w }
        let y = makeBuffer(m * total) { out in
            for (k, part) in parts.enumerated() {
                let w = widths[k], off = offsets[k]
                part.data.withUnsafeBufferPointer { px in
                    for i in 0..<m { for j in 0..<w { out[i * total + off + j] = px[i * w + j] } }
                }
            }
        }
        return primitive(y, shape: [m, total], parents: parts) { g in
            for (k, part) in parts.enumerated() where part.requiresGrad {
                let w = widths[k], off = offsets[k]
                part.accumulateGrad(makeBuffer(m * w) { out in
                    for i in 0..<m { for j in 0..<w { out[i * w + j] = g[i * total + off + j] } }
                })
            }
        }
    }

    /// Columns `range` of a rank-2 tensor, `[m, range.count]`; `∂x` is `g` in those columns, 0
    /// elsewhere.
    public func sliceColumns(_ range: Range<Int>) -> Tensor {
        precondition(rank == 2 && range.lowerBound >= 0 && range.upperBound <= shape[1],
                     "sliceColumns: \(range) out of bounds for \(shape)")
        let (m, n, w, off) = (shape[0], shape[1], range.count, range.lowerBound)
        let y = makeBuffer(m * w) { out in
            data.withUnsafeBufferPointer { px in
                for i in 0..<m { for j in 0..<w { out[i * w + j] = px[i * n + off + j] } }
            }
        }
        return Tensor.primitive(y, shape: [m, w], parents: [self]) { [self] g in
            var dx = zeroBuffer(m * n)
            for i in 0..<m { for j in 0..<w { dx[i * n + off + j] = g[i * w + j] } }
            self.accumulateGrad(dx)
        }
    }

    /// Rows `indices` (repeats allowed) of a rank-2 table `[V, d]`, giving `[indices.count, d]`:
    /// an embedding lookup or a mini-batch. `∂table[v] = Σ_{k: indices[k] = v} g[k]` (scatter-add).
    public func gatherRows(_ indices: [Int]) -> Tensor {
        precondition(rank == 2, "gatherRows: rank-2 only, got \(shape)")
        let (v, d) = (shape[0], shape[1])
        let y = makeBuffer(indices.count * d) { out in
            data.withUnsafeBufferPointer { px in
                for (k, row) in indices.enumerated() {
                    precondition(row >= 0 && row < v, "gatherRows: index \(row) out of 0..<\(v)")
                    for j in 0..<d { out[k * d + j] = px[row * d + j] }
                }
            }
        }
        return Tensor.primitive(y, shape: [indices.count, d], parents: [self]) { [self] g in
            var dx = zeroBuffer(v * d)
            for (k, row) in indices.enumerated() { for j in 0..<d { dx[row * d + j] += g[k * d + j] } }
            self.accumulateGrad(dx)
        }
    }
}
