/// One or `batch` row-major products `C = op(A)·op(B)` into a new buffer.
func batchedGemm(_ a: [Scalar], transposeA: Bool, _ b: [Scalar], transposeB: Bool,
                 batch: Int, m: Int, n: Int, k: Int) -> [Scalar] {
    if m * n * batch == 0 { return [] }
    if k == 0 { return zeroBuffer(batch * m * n) }
    return makeBuffer(batch * m * n) { pc in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for t in 0..<batch {
                    gemm(pa.baseAddress! + t * m * k, transposeA: transposeA,
                         pb.baseAddress! + t * k * n, transposeB: transposeB,
                         pc.baseAddress! + t * m * n, m: m, n: n, k: k)
                }
            }
        }
    }
}

/// How a broadcasting matrix product `[…A, m, k]·[…B, k, n]` maps onto `cblas_sgemm` calls.
///
/// The batch shapes `…A` and `…B` broadcast (NumPy rules) to `…`. Two layouts avoid one small
/// product per batch element:
/// - **fold**: the trailing batch axes along which `B` is broadcast (all of them for
///   `[B, m, k]·[k, n]` or `·[1, k, n]`) are folded into the rows of `A`, which are contiguous
///   there, so `[B, m, k]·[k, n]` is the single product `[B·m, k]·[k, n]`; `∂B = Aᵀ·G` over
///   those `B·m` rows sums the broadcast batch inside the same call.
/// - **shared left**: when `A` has no batch (`[m, k]·[B, k, n]`), `B` is rearranged once to
///   `[k, B·n]` (blocks of `n` moved by `memcpy`), one product `[m, k]·[k, B·n]` is taken and the
///   result rearranged to `[B, m, n]`; the gradients are likewise one product each.
/// Otherwise (`[B, H, m, k]·[B, H, k, n]`, or `[B, 1, m, k]·[B, H, k, n]`) there is one product
/// per remaining batch element, with `β = 1` accumulation where an input is broadcast.
struct MatMulPlan {
    let m: Int, k: Int, n: Int
    let shape: [Int]
    /// Rows of `A` per product (`m` times the folded batch).
    let rows: Int
    /// Offsets of `A`'s and `B`'s operand in each product (output operand `t` starts at
    /// `t·rows·n`).
    let aOffsets: [Int], bOffsets: [Int]
    /// `A` (resp. `B`) is reused by several products, so its gradient accumulates.
    let aShared: Bool, bShared: Bool
    /// `A` has no batch and `B` has `sharedLeftBatch > 1` matrices: the shared-left layout.
    let sharedLeftBatch: Int

    init(_ aShape: [Int], _ bShape: [Int]) {
        precondition(aShape.count >= 2 && bShape.count >= 2,
                     "matmul: ranks ≥ 2 expected, got \(aShape) · \(bShape) (reshape a vector to [1, k] or [k, 1])")
        (m, k) = (aShape[aShape.count - 2], aShape[aShape.count - 1])
        let k2: Int
        (k2, n) = (bShape[bShape.count - 2], bShape[bShape.count - 1])
        precondition(k == k2, "matmul: inner dimensions differ, \(aShape) · \(bShape)")
        let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
        let r = Swift.max(aBatch.count, bBatch.count)
        let pa = [Int](repeating: 1, count: r - aBatch.count) + aBatch
        let pb = [Int](repeating: 1, count: r - bBatch.count) + bBatch
        for d in 0..<r {
            precondition(pa[d] == pb[d] || pa[d] == 1 || pb[d] == 1,
                         "matmul: batch shapes of \(aShape) and \(bShape) do not broadcast")
        }
        let batch = (0..<r).map { pa[$0] == 1 ? pb[$0] : pa[$0] }
        shape = batch + [m, n]
        let (aCount, bCount) = (pa.reduce(1, *), pb.reduce(1, *))
        let total = batch.reduce(1, *)
        if aCount == 1 && bCount > 1 {
            sharedLeftBatch = bCount
            rows = m; aOffsets = []; bOffsets = []; aShared = true; bShared = false
            return
        }
        sharedLeftBatch = 0
        // Fold the trailing batch axes along which B is broadcast.
        var j = r
        while j > 0 && pb[j - 1] == 1 { j -= 1 }
        let folded = batch[j...].reduce(1, *)
        rows = folded * m
        // Offsets of each remaining batch element (row-major over batch[..<j]).
        let (aMatrix, bMatrix) = (m * k, k * n)
        let aStrides = zip(pa, contiguousStrides(pa)).map { $0 == 1 ? 0 : $1 * aMatrix }
        let bStrides = zip(pb, contiguousStrides(pb)).map { $0 == 1 ? 0 : $1 * bMatrix }
        var aOff: [Int] = [], bOff: [Int] = []
        let products = batch[..<j].reduce(1, *)
        aOff.reserveCapacity(products); bOff.reserveCapacity(products)
        var index = [Int](repeating: 0, count: j)
        var (ia, ib) = (0, 0)
        for _ in 0..<products {
            aOff.append(ia); bOff.append(ib)
            var d = j - 1
            while d >= 0 {
                index[d] += 1; ia += aStrides[d]; ib += bStrides[d]
                if index[d] < batch[d] { break }
                ia -= aStrides[d] * batch[d]; ib -= bStrides[d] * batch[d]; index[d] = 0
                d -= 1
            }
        }
        aOffsets = aOff; bOffsets = bOff
        aShared = aCount < total      // some product reuses an A block
        bShared = bCount < products   // some product reuses a B matrix
    }
}

extension Tensor {
    /// Matrix product with NumPy/PyTorch `matmul` broadcasting over the batch axes: both inputs
    /// have rank ≥ 2, the last two axes multiply (`[…, m, k]·[…, k, n] → […, m, n]`) and the
    /// leading axes broadcast: `[m, k]·[k, n]`, `[B, m, k]·[B, k, n]`, `[B, m, k]·[k, n]`,
    /// `[B, m, k]·[1, k, n]`, `[m, k]·[B, k, n]`, `[B, H, L, d]·[B, H, d, L]`. (A rank-1 vector is
    /// not promoted as PyTorch does: reshape it to `[1, k]` or `[k, 1]`.)
    ///
    /// With `Y = AB`: `∂A = G·Bᵀ`, `∂B = Aᵀ·G`, each summed over the batch axes along which that
    /// input was broadcast; all products are `cblas_sgemm` calls with the transpose flags (no
    /// transposed copies), and a shared operand makes one call over the whole batch, not one per
    /// batch element (see `MatMulPlan`).
    public func matmul(_ other: Tensor) -> Tensor {
        let a = self, b = other
        let plan = MatMulPlan(a.shape, b.shape)
        let (m, k, n) = (plan.m, plan.k, plan.n)
        let outCount = plan.shape.reduce(1, *)
        if outCount == 0 || k == 0 {
            let (aCount, bCount) = (a.count, b.count)
            return Tensor.primitive(zeroBuffer(outCount), shape: plan.shape, parents: [a, b]) { _ in
                if a.requiresGrad { a.accumulateGrad(zeroBuffer(aCount)) }
                if b.requiresGrad { b.accumulateGrad(zeroBuffer(bCount)) }
            }
        }
        if plan.sharedLeftBatch > 0 {
            return sharedLeftMatMul(a, b, batch: plan.sharedLeftBatch, shape: plan.shape, m: m, k: k, n: n)
        }
        let rows = plan.rows
        let y = makeBuffer(outCount) { out in
            a.data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    for t in plan.aOffsets.indices {
                        gemm(pa.baseAddress! + plan.aOffsets[t], transposeA: false,
                             pb.baseAddress! + plan.bOffsets[t], transposeB: false,
                             out.baseAddress! + t * rows * n, m: rows, n: n, k: k)
                    }
                }
            }
        }
        return Tensor.primitive(y, shape: plan.shape, parents: [a, b]) { g in
            g.withUnsafeBufferPointer { pg in
                let gBase = pg.baseAddress!
                if a.requiresGrad {   // ∂A = G·Bᵀ: [rows, n]·([k, n] stored)ᵀ
                    let beta: Scalar = plan.aShared ? 1 : 0
                    var da = plan.aShared ? zeroBuffer(a.count) : makeBuffer(a.count) { _ in }
                    da.withUnsafeMutableBufferPointer { pd in
                        b.data.withUnsafeBufferPointer { pb in
                            for t in plan.aOffsets.indices {
                                gemm(gBase + t * rows * n, transposeA: false,
                                     pb.baseAddress! + plan.bOffsets[t], transposeB: true,
                                     pd.baseAddress! + plan.aOffsets[t], m: rows, n: k, k: n, beta: beta)
                            }
                        }
                    }
                    a.accumulateGrad(da)
                }
                if b.requiresGrad {   // ∂B = Aᵀ·G: ([rows, k] stored)ᵀ·[rows, n]
                    let beta: Scalar = plan.bShared ? 1 : 0
                    var db = plan.bShared ? zeroBuffer(b.count) : makeBuffer(b.count) { _ in }
                    db.withUnsafeMutableBufferPointer { pd in
                        a.data.withUnsafeBufferPointer { pa in
                            for t in plan.aOffsets.indices {
                                gemm(pa.baseAddress! + plan.aOffsets[t], transposeA: true,
                                     gBase + t * rows * n, transposeB: false,
                                     pd.baseAddress! + plan.bOffsets[t], m: k, n: n, k: rows, beta: beta)
                            }
                        }
                    }
                    b.accumulateGrad(db)
                }
            }
        }
    }

    /// `[m, k]·[…, k, n]` with `batch = ∏…` matrices on the right: `B` as `[k, batch·n]`, one
    /// product, the result back to `[batch, m, n]` (see `MatMulPlan`).
    private func sharedLeftMatMul(_ a: Tensor, _ b: Tensor, batch: Int, shape: [Int],
                                  m: Int, k: Int, n: Int) -> Tensor {
        let bWide = swapOuterAxes(b.data, batch, k, inner: n)              // [k, batch·n]
        let yWide = batchedGemm(a.data, transposeA: false, bWide, transposeB: false,
                                batch: 1, m: m, n: batch * n, k: k)     // [m, batch·n]
        let y = swapOuterAxes(yWide, m, batch, inner: n)                   // [batch, m, n]
        return Tensor.primitive(y, shape: shape, parents: [a, b]) { g in
            let gWide = swapOuterAxes(g, batch, m, inner: n)               // [m, batch·n]
            if a.requiresGrad {   // ∂A = G_wide · B_wideᵀ
                a.accumulateGrad(batchedGemm(gWide, transposeA: false, bWide, transposeB: true,
                                             batch: 1, m: m, n: k, k: batch * n))
            }
            if b.requiresGrad {   // ∂B_wide = Aᵀ · G_wide, then back to [batch, k, n]
                let dbWide = batchedGemm(a.data, transposeA: true, gWide, transposeB: false,
                                         batch: 1, m: k, n: batch * n, k: m)
                b.accumulateGrad(swapOuterAxes(dbWide, k, batch, inner: n))
            }
        }
    }
}
