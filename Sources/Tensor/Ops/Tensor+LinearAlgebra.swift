import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// For each of `batch` row-major `d×d` matrices: the inverse and `log |det|`, from an LU
/// factorisation with partial pivoting (LAPACKE `dgetrf` + `dgetri`, in Double for accuracy;
/// `d` is small). A singular matrix gives an inverse of NaNs and `log |det| = −∞`.
func invertBatch(_ a: [Scalar], batch: Int, d: Int) -> (inverse: [Scalar], logAbsDet: [Scalar]) {
    var inverse = [Scalar](repeating: 0, count: batch * d * d)
    var logAbsDet = [Scalar](repeating: 0, count: batch)
    var work = [Double](repeating: 0, count: d * d)
    var pivots = [Int32](repeating: 0, count: Swift.max(d, 1))
    for t in 0..<batch {
        for i in 0..<(d * d) { work[i] = Double(a[t * d * d + i]) }
        let info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, Int32(d), Int32(d), &work, Int32(d), &pivots)
        var ok = info == 0
        var logDet = 0.0
        if ok {
            for i in 0..<d { logDet += Glibc.log(Swift.abs(work[i * d + i])) }
            ok = LAPACKE_dgetri(LAPACK_ROW_MAJOR, Int32(d), &work, Int32(d), &pivots) == 0
        }
        logAbsDet[t] = ok ? Scalar(logDet) : -.infinity
        for i in 0..<(d * d) { inverse[t * d * d + i] = ok ? Scalar(work[i]) : .nan }
    }
    return (inverse, logAbsDet)
}

extension Tensor {
    /// `(batch, d)` of a `[d, d]` or `[…, d, d]` tensor (`batch` = the product of the leading axes).
    private var squareBatch: (batch: Int, d: Int) {
        precondition(rank >= 2 && shape[rank - 1] == shape[rank - 2],
                     "square matrices [d, d] or […, d, d] expected, got \(shape)")
        let d = shape[rank - 1]
        return (shape.dropLast(2).reduce(1, *), d)
    }

    /// Matrix inverse of `[d, d]` or of each matrix of `[…, d, d]` (LU, see `invertBatch`).
    /// With `Y = A⁻¹`: `∂A = −Yᵀ·G·Yᵀ`.
    public func inverse() -> Tensor {
        let (batch, d) = squareBatch
        let y = invertBatch(data, batch: batch, d: d).inverse
        return Tensor.primitive(y, shape: shape, parents: [self]) { [self] g in
            // −Yᵀ (G Yᵀ)
            let gyt = batchedGemm(g, transposeA: false, y, transposeB: true, batch: batch, m: d, n: d, k: d)
            var dx = batchedGemm(y, transposeA: true, gyt, transposeB: false, batch: batch, m: d, n: d, k: d)
            for i in 0..<dx.count { dx[i] = -dx[i] }
            self.accumulateGrad(dx)
        }
    }

    /// `log |det A|` of `[d, d]` (a scalar `[]`) or of each matrix of `[…, d, d]` (shape `[…]`,
    /// e.g. `[K]` for `[K, d, d]`), from the LU diagonal. For the covariance matrices of DAGMM
    /// the determinant is positive and this is `log det A`. `∂A = g · A⁻ᵀ`.
    public func logDet() -> Tensor {
        let (batch, d) = squareBatch
        let (inv, logs) = invertBatch(data, batch: batch, d: d)
        return Tensor.primitive(logs, shape: Array(shape.dropLast(2)), parents: [self]) { [self] g in
            var dx = zeroBuffer(batch * d * d)
            for t in 0..<batch {
                for i in 0..<d { for j in 0..<d { dx[t * d * d + i * d + j] = g[t] * inv[t * d * d + j * d + i] } }
            }
            self.accumulateGrad(dx)
        }
    }
}
