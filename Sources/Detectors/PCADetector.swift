import CBLAS
import DataIO
import Randomness

/// Principal-component reconstruction error: the training rows are centred, their covariance
/// C = XᵀX/(n − 1) is formed with BLAS (`dsyrk`) and decomposed with LAPACK (`dsyevd`); the
/// `components` leading eigenvectors V (by default the fewest explaining `variance` of the
/// total) span the normal subspace, and a row's score is ‖(x − μ) − VVᵀ(x − μ)‖², its squared
/// distance from that subspace. Scores are computed in blocks with `dgemm`.
public struct PCADetector: Detector, DescribesFit {
    public var components: Int?
    public var variance: Double
    private var mean: [Double] = []
    private var basis: [Double] = []   // d × k, column-major by component (row-major d×k)
    private var k = 0
    private var d = 0

    public var fitSummary: String { "\(k) of \(d) principal components kept" }

    public enum Parameter {
        public static let components = DetectorParameter(
            integer: "components", or: "auto", range: 1...Int.max, expected: "a positive integer or auto",
            help: "principal components kept (default: the fewest explaining `variance`)")
        public static let variance = DetectorParameter(number: "variance", default: 0.9, range: 1e-9...1,
                                                       help: "fraction of the variance the kept components explain")
    }

    public init(components: Int? = Parameter.components.defaultValue, variance: Double = Parameter.variance.defaultValue) {
        self.components = components
        self.variance = variance
    }

    public static let info = DetectorInfo(
        name: "pca", summary: "PCA reconstruction error (LAPACK eigendecomposition of the covariance)",
        defaultScaling: .standard,
        parameters: [Parameter.components.info, Parameter.variance.info],
        work: .linear,
        make: { p in
            PCADetector(components: try p.value(Parameter.components), variance: try p.value(Parameter.variance))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let n = train.rows
        d = train.columns
        guard n >= 2 else { throw DataError(.usage, "pca: needs at least 2 training rows") }
        mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += train.values[i * d + j] } }
        for j in 0..<d { mean[j] /= Double(n) }
        var centred = train.values
        for i in 0..<n { for j in 0..<d { centred[i * d + j] -= mean[j] } }
        let (covariance, eigenvalues) = try SymmetricEigen.decompose(
            SymmetricEigen.gram(centred, rows: n, columns: d, scale: 1 / Double(n - 1)), size: d, detector: "pca")
        // Ascending eigenvalues; eigenvectors are the columns of `covariance`.
        let total = eigenvalues.reduce(0) { $0 + max($1, 0) }
        var keep = components.map { min($0, d) } ?? d
        if components == nil && total > 0 {
            var explained = 0.0
            keep = 0
            for value in eigenvalues.reversed() {
                explained += max(value, 0)
                keep += 1
                if explained >= variance * total { break }
            }
        }
        k = keep
        basis = [Double](repeating: 0, count: d * k)
        for c in 0..<k {
            let source = d - 1 - c
            for j in 0..<d { basis[j * k + c] = covariance[j * d + source] }
        }
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        let n = x.rows
        var out = [Double](repeating: 0, count: n)
        let block = 4096
        var start = 0
        while start < n {
            let rows = min(block, n - start)
            var centred = [Double](repeating: 0, count: rows * d)
            for i in 0..<rows { for j in 0..<d { centred[i * d + j] = x.values[(start + i) * d + j] - mean[j] } }
            // P = centred · V (rows × k), R = centred − P · Vᵀ.
            var projection = [Double](repeating: 0, count: rows * max(k, 1))
            if k > 0 {
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(k), Int32(d), 1,
                            centred, Int32(d), basis, Int32(k), 0, &projection, Int32(k))
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(d), Int32(k), -1,
                            projection, Int32(k), basis, Int32(k), 1, &centred, Int32(d))
            }
            for i in 0..<rows {
                var sum = 0.0
                for j in 0..<d { sum += centred[i * d + j] * centred[i * d + j] }
                out[start + i] = sum
            }
            start += rows
        }
        return out
    }
}
