import CBLAS
import DataIO

/// The symmetric eigenproblems of the detectors (PCA's covariance, the list embeddings' small
/// Gram matrices): XᵀX by BLAS `dsyrk`, eigenpairs by LAPACK `dsyevd`.
enum SymmetricEigen {
    /// `scale`·XᵀX of X (`rows` × `columns`, row-major): `columns` × `columns`, row-major, both
    /// triangles filled.
    static func gram(_ x: [Double], rows: Int, columns: Int, scale: Double = 1) -> [Double] {
        var g = [Double](repeating: 0, count: columns * columns)
        guard rows > 0 else { return g }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), scale, x, Int32(columns), 0, &g, Int32(columns))
        for i in 0..<columns { for j in 0..<i { g[i * columns + j] = g[j * columns + i] } }
        return g
    }

    /// Eigenvectors (the columns of the row-major result) and ascending eigenvalues of the
    /// symmetric `size` × `size` matrix (its upper triangle is read); `detector` names a failure.
    static func decompose(_ matrix: [Double], size: Int, detector: String) throws -> (vectors: [Double], values: [Double]) {
        var a = matrix
        var values = [Double](repeating: 0, count: size)
        let status = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(size), &a, Int32(size), &values)
        guard status == 0 else { throw DataError(.internal, "\(detector): LAPACKE_dsyevd failed (\(status))") }
        return (a, values)
    }
}
