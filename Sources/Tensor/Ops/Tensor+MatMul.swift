import CBLAS

/// `C[m, n] = op(A)·op(B)` (`β = 0`) through OpenBLAS `cblas_sgemm`, row-major, where `op` is the
/// identity or the transpose; `A` is stored `[m, k]` (or `[k, m]` when transposed).
@inline(__always)
func sgemm(_ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>, transposeB: Bool,
           _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, beta: Float = 0) {
    cblas_sgemm(CblasRowMajor,
                transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), 1,
                a, Int32(transposeA ? m : k),
                b, Int32(transposeB ? k : n),
                beta, c, Int32(n))
}

/// One or `batch` row-major products `C = op(A)·op(B)` into a new buffer.
func batchedGemm(_ a: [Float], transposeA: Bool, _ b: [Float], transposeB: Bool,
                 batch: Int, m: Int, n: Int, k: Int) -> [Float] {
    if m * n * batch == 0 { return [] }
    if k == 0 { return zeroBuffer(batch * m * n) }
    return makeBuffer(batch * m * n) { pc in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for t in 0..<batch {
                    sgemm(pa.baseAddress! + t * m * k, transposeA: transposeA,
                          pb.baseAddress! + t * k * n, transposeB: transposeB,
                          pc.baseAddress! + t * m * n, m: m, n: n, k: k)
                }
            }
        }
    }
}

extension Tensor {
    /// Matrix product. Rank 2: `[m, k]·[k, n] → [m, n]`; rank 3 (batched): `[B, m, k]·[B, k, n] →
    /// [B, m, n]`, one `cblas_sgemm` per batch. With `Y = AB`: `∂A = G·Bᵀ`, `∂B = Aᵀ·G`
    /// (both computed by `sgemm` with the transpose flags, no transposed copies).
    public func matmul(_ other: Tensor) -> Tensor {
        let a = self, b = other
        precondition((a.rank == 2 && b.rank == 2) || (a.rank == 3 && b.rank == 3),
                     "matmul: ranks \(a.shape) · \(b.shape) (2·2 or 3·3 only)")
        let batched = a.rank == 3
        let batch = batched ? a.shape[0] : 1
        if batched { precondition(b.shape[0] == batch, "matmul: batch sizes \(a.shape) · \(b.shape)") }
        let (m, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (k2, n) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        precondition(k == k2, "matmul: inner dimensions \(a.shape) · \(b.shape)")
        let y = batchedGemm(a.data, transposeA: false, b.data, transposeB: false, batch: batch, m: m, n: n, k: k)
        let shape = batched ? [batch, m, n] : [m, n]
        return Tensor.primitive(y, shape: shape, parents: [a, b]) { g in
            if a.requiresGrad {   // [m, n]·[n, k]ᵀ-stored-as-[k, n]
                a.accumulateGrad(batchedGemm(g, transposeA: false, b.data, transposeB: true,
                                             batch: batch, m: m, n: k, k: n))
            }
            if b.requiresGrad {   // [k, m]ᵀ-stored-as-[m, k] · [m, n]
                b.accumulateGrad(batchedGemm(a.data, transposeA: true, g, transposeB: false,
                                             batch: batch, m: k, n: n, k: m))
            }
        }
    }
}
