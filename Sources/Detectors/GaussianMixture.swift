import CBLAS
import DataIO
import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mixture of K Gaussians with full covariances, fitted by expectation-maximisation in
/// Double as scikit-learn's `GaussianMixture(covariance_type="full", init_params="k-means++")`.
///
/// - **Density.** p(x) = Σₖ wₖ N(x | μₖ, Σₖ). With Σₖ = LₖLₖᵀ (LAPACK `dpotrf`) and
///   yₖ = Lₖ⁻¹(x − μₖ) (BLAS `dtrsm`), log wₖN(x | μₖ, Σₖ) = log wₖ − ½(d log 2π + ‖yₖ‖²) − Σⱼ log (Lₖ)ⱼⱼ,
///   and log p(x) is their log-sum-exp (max + log1p of the rest, so a dominant component loses
///   nothing). Responsibilities are γₖ(x) = exp(log wₖN(x | μₖ, Σₖ) − log p(x)).
/// - **Initialisation** (scikit-learn's `k-means++`): ``KMeansPlusPlus`` picks K centre rows;
///   the initial responsibilities are one-hot on those rows and zero elsewhere, and the initial
///   parameters come from them by the M-step below, except that the weights are Nₖ/n, not
///   normalised (`_initialize` divides by n). Each initial component is thus its centre row
///   with covariance `regularization`·I, and the first E-step gives every row, in effect, to
///   its nearest centre.
/// - **EM iteration** (`BaseMixture.fit_predict`): E-step (responsibilities and the mean
///   log-likelihood of the current parameters, the *lower bound*), then M-step:
///   Nₖ = Σᵢ γᵢₖ + 10ε, μₖ = Σᵢ γᵢₖxᵢ / Nₖ (`dgemm`), Σₖ = Σᵢ γᵢₖ(xᵢ − μₖ)(xᵢ − μₖ)ᵀ / Nₖ +
///   `regularization`·I (`dsyrk`), wₖ = Nₖ / ΣNₖ. It stops when the lower bound changed by less
///   than `tolerance` (converged) or after `maxIterations`. With `initializations` > 1 the whole
///   fit runs again from new centres (the generator continues) and the run with the largest
///   final lower bound is kept (the first on a tie).
/// - **Edge cases.** Fewer rows than components, fewer than 2 rows, no columns, or a NaN or
///   infinite value throw a `DataError` (`usage`), and so does `regularization` 0: every
///   initial component is a single row, whose covariance is 0 (scikit-learn fails there too,
///   with "ill-defined empirical covariance"). A constant column has zero variance, and the
///   `regularization` on the diagonal keeps every covariance positive definite; a covariance
///   that is still not (collinear columns with a tiny `regularization`) throws, naming the
///   component. A component that loses all its rows is kept, as scikit-learn keeps it: its
///   Nₖ is 10ε, so its weight falls to about 10ε/n and its covariance to about
///   `regularization`·I; it stays in the model and rarely wins a row again.
///
/// The fitted parameters are the last M-step's; ``lowerBound`` is, as scikit-learn's
/// `lower_bound_`, the mean training log-likelihood under the parameters *before* that M-step.
///
/// Differences from scikit-learn: the k-means++ draws come from the toolkit's generator, so
/// the same seed picks other rows than numpy's would (from the same centre rows the fits agree
/// to rounding, `GaussianMixtureTests`); scikit-learn's default initialisation is a full
/// k-means (`init_params="kmeans"`), not offered here; log-densities solve with the Cholesky
/// factor (`dtrsm`) rather than multiply by its explicitly inverted transpose; only full
/// covariances.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let mixture = try GaussianMixture(fitting: x, options: .init(components: 4), generator: &generator)
/// let densities = try mixture.logLikelihoods(x)     // log p(xᵢ)
/// let clusters = try mixture.assignments(x)          // argmaxₖ γᵢₖ
/// let spread = mixture.covariances.map { c in (0..<c.rows).map { c[$0, $0] }.reduce(0, +) }  // trace Σₖ
/// ```
public struct GaussianMixture: Sendable {
    /// The settings of a fit, with scikit-learn's names and defaults in the comments.
    public struct Options: Sendable, Equatable {
        /// K (`n_components`, 1).
        public var components: Int
        /// EM iterations at most (`max_iter`, 100); 0 keeps the initial parameters.
        public var maxIterations: Int
        /// Convergence threshold on the change of the mean log-likelihood (`tol`, 1e-3).
        public var tolerance: Double
        /// Added to every covariance diagonal (`reg_covar`, 1e-6).
        public var regularization: Double
        /// Fits from independent k-means++ seedings, the best kept (`n_init`, 1).
        public var initializations: Int

        public init(components: Int = 1, maxIterations: Int = 100, tolerance: Double = 1e-3,
                    regularization: Double = 1e-6, initializations: Int = 1) {
            self.components = components
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.regularization = regularization
            self.initializations = initializations
        }
    }

    /// K.
    public let components: Int
    /// d, the number of columns.
    public let dimensions: Int
    /// wₖ (K values summing to 1 after a fit; see the initialisation for `maxIterations` 0).
    public private(set) var weights: [Double]
    /// μₖ, one row per component (K × d).
    public private(set) var means: Matrix
    /// Σₖ, one d × d symmetric matrix per component (the regularization included).
    public var covariances: [Matrix] { covarianceValues.map { Matrix(rows: dimensions, columns: dimensions, values: $0) } }
    /// EM iterations run by the kept fit (`n_iter_`).
    public private(set) var iterations: Int = 0
    /// Whether the kept fit stopped on `tolerance` rather than on `maxIterations` (`converged_`).
    public private(set) var converged = false
    /// The kept fit's last lower bound (`lower_bound_`); −∞ when no iteration ran.
    public private(set) var lowerBound = -Double.infinity
    /// The kept fit's lower bound after every iteration (`lower_bounds_`).
    public private(set) var lowerBounds: [Double] = []

    private var covarianceValues: [[Double]]
    /// Lower Cholesky factors Lₖ of the covariances (row-major d × d, zero above the diagonal).
    private var factors: [[Double]]
    /// log wₖ − Σⱼ log (Lₖ)ⱼⱼ − ½ d log 2π: the constant part of each weighted log-density.
    private var offsets: [Double]

    // MARK: Fitting

    /// Fits `options.components` Gaussians to the rows of `x`, seeded by k-means++ through
    /// `generator`.
    public init(fitting x: Matrix, options: Options = Options(), generator: inout Xoshiro256StarStar) throws {
        try Self.validate(x, options)
        var best: GaussianMixture? = nil
        for _ in 0..<options.initializations {
            let centres = KMeansPlusPlus.centres(x, count: options.components, generator: &generator)
            let candidate = try GaussianMixture(expectationMaximisation: x, options: options, centres: centres)
            if best == nil || candidate.lowerBound > best!.lowerBound { best = candidate }
        }
        self = best!
    }

    /// One EM run from the initialisation k-means++ would give with these centre rows (one
    /// per component; `options.initializations` is not used). Deterministic: no generator.
    public init(fitting x: Matrix, options: Options = Options(), centres: [Int]) throws {
        try Self.validate(x, options)
        guard centres.count == options.components, centres.allSatisfy({ (0..<x.rows).contains($0) }) else {
            throw DataError(.usage, "gmm: expected \(options.components) centre rows in 0..<\(x.rows), got \(centres)")
        }
        try self.init(expectationMaximisation: x, options: options, centres: centres)
    }

    /// A mixture with the parameters given: positive weights summing to 1 (within 1e-8), a
    /// K × d matrix of means, and K symmetric positive definite d × d covariances.
    public init(weights: [Double], means: Matrix, covariances: [Matrix]) throws {
        let k = weights.count, d = means.columns
        guard k >= 1, means.rows == k, covariances.count == k,
              covariances.allSatisfy({ $0.rows == d && $0.columns == d }), d >= 1 else {
            throw DataError(.usage, "gmm: expected K weights, a K × d matrix of means and K d × d covariances")
        }
        guard weights.allSatisfy({ $0 > 0 && $0.isFinite }), abs(weights.reduce(0, +) - 1) <= 1e-8 else {
            throw DataError(.usage, "gmm: the weights must be positive and sum to 1, got \(weights)")
        }
        try Self.checkFinite(means, what: "the means")
        for covariance in covariances { try Self.checkFinite(covariance, what: "a covariance") }
        components = k
        dimensions = d
        self.weights = weights
        self.means = means
        covarianceValues = covariances.map(\.values)
        factors = []
        offsets = []
        try factorise()
    }

    /// The common part: the k-means++ initialisation from `centres`, then EM.
    private init(expectationMaximisation x: Matrix, options: Options, centres: [Int]) throws {
        let n = x.rows, k = options.components
        components = k
        dimensions = x.columns
        weights = []
        means = Matrix(rows: 0, columns: 0)
        covarianceValues = []
        factors = []
        offsets = []
        var responsibilities = [Double](repeating: 0, count: n * k)
        for (component, row) in centres.enumerated() { responsibilities[row * k + component] = 1 }
        let counts = try maximise(x, responsibilities, regularization: options.regularization)
        weights = counts.map { $0 / Double(n) }
        try factorise()
        guard options.maxIterations > 0 else { return }
        var bound = -Double.infinity
        for iteration in 1...options.maxIterations {
            let previous = bound
            let (logLikelihoods, logResponsibilities) = expectation(x)
            bound = logLikelihoods.reduce(0, +) / Double(n)
            let counts = try maximise(x, logResponsibilities.map { exp($0) }, regularization: options.regularization)
            let total = counts.reduce(0, +)
            weights = counts.map { $0 / total }
            try factorise()
            lowerBounds.append(bound)
            iterations = iteration
            if abs(bound - previous) < options.tolerance {
                converged = true
                break
            }
        }
        lowerBound = bound
    }

    /// The M-step from responsibilities γ (n × K): sets the means and covariances, returns Nₖ.
    mutating func maximise(_ x: Matrix, _ gamma: [Double], regularization: Double) throws -> [Double] {
        let n = x.rows, d = dimensions, k = components
        var counts = [Double](repeating: 0, count: k)
        for i in 0..<n { for c in 0..<k { counts[c] += gamma[i * k + c] } }
        counts = counts.map { $0 + 10 * Double.ulpOfOne }
        // μ = γᵀX / N (K × d).
        var meanValues = [Double](repeating: 0, count: k * d)
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(d), Int32(n), 1,
                    gamma, Int32(k), x.values, Int32(d), 0, &meanValues, Int32(d))
        for c in 0..<k { for j in 0..<d { meanValues[c * d + j] /= counts[c] } }
        means = Matrix(rows: k, columns: d, values: meanValues)
        // Σₖ = WᵀW / Nₖ + rI with the rows of W = √γᵢₖ (xᵢ − μₖ): `dsyrk` forms the lower
        // triangle, mirrored so that the matrix is exactly symmetric.
        covarianceValues = []
        var weighted = [Double](repeating: 0, count: n * d)
        for c in 0..<k {
            for i in 0..<n {
                let scale = gamma[i * k + c].squareRoot()
                for j in 0..<d { weighted[i * d + j] = scale * (x.values[i * d + j] - meanValues[c * d + j]) }
            }
            var covariance = [Double](repeating: 0, count: d * d)
            cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(d), Int32(n), 1,
                        weighted, Int32(d), 0, &covariance, Int32(d))
            for a in 0..<d {
                for b in 0...a {
                    let value = covariance[a * d + b] / counts[c]
                    covariance[a * d + b] = value
                    covariance[b * d + a] = value
                }
                covariance[a * d + a] += regularization
            }
            covarianceValues.append(covariance)
        }
        return counts
    }

    /// Cholesky factors and log-density offsets of the current weights and covariances.
    mutating func factorise() throws {
        let d = dimensions
        factors = []
        offsets = []
        for c in 0..<components {
            var factor = covarianceValues[c]
            let status = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(d), &factor, Int32(d))
            guard status == 0 else {
                if status < 0 { throw DataError(.internal, "gmm: LAPACKE_dpotrf failed (\(status))") }
                throw DataError(.usage, "gmm: the covariance of component \(c + 1) of \(components) is not positive definite "
                                + "(a component collapsed on too few distinct rows); use fewer components, a larger reg_covar, or scale the input")
            }
            var halfLogDeterminant = 0.0
            for a in 0..<d {
                halfLogDeterminant += log(factor[a * d + a])
                for b in (a + 1)..<d { factor[a * d + b] = 0 }
            }
            factors.append(factor)
            offsets.append(log(weights[c]) - halfLogDeterminant - 0.5 * Double(d) * log(2 * Double.pi))
        }
    }

    // MARK: Evaluating

    /// log p(xᵢ) for every row (scikit-learn's `score_samples`).
    public func logLikelihoods(_ x: Matrix) throws -> [Double] {
        try checkColumns(x)
        return expectation(x).logLikelihoods
    }

    /// γᵢₖ, the posterior probability of each component for each row (n × K, rows summing to
    /// 1; scikit-learn's `predict_proba`).
    public func responsibilities(_ x: Matrix) throws -> Matrix {
        try checkColumns(x)
        return Matrix(rows: x.rows, columns: components, values: expectation(x).logResponsibilities.map { exp($0) })
    }

    /// The most probable component of each row (the first on a tie; scikit-learn's `predict`).
    public func assignments(_ x: Matrix) throws -> [Int] {
        try checkColumns(x)
        let logs = expectation(x).logResponsibilities, k = components
        return (0..<x.rows).map { i in
            var best = 0
            for c in 1..<k where logs[i * k + c] > logs[i * k + best] { best = c }
            return best
        }
    }

    /// The E-step: log p(xᵢ) and log γᵢₖ (n × K), in blocks of rows.
    private func expectation(_ x: Matrix) -> (logLikelihoods: [Double], logResponsibilities: [Double]) {
        let n = x.rows, d = dimensions, k = components
        var logLikelihoods = [Double](repeating: 0, count: n)
        var logs = [Double](repeating: 0, count: n * k)
        let block = 4096
        var centred = [Double](repeating: 0, count: min(block, n) * d)
        var start = 0
        while start < n {
            let rows = min(block, n - start)
            for c in 0..<k {
                for i in 0..<rows {
                    for j in 0..<d { centred[i * d + j] = x.values[(start + i) * d + j] - means.values[c * d + j] }
                }
                // Y = (X − μ) L⁻ᵀ: row i is (L⁻¹(xᵢ − μ))ᵀ, so ‖yᵢ‖² is the squared Mahalanobis distance.
                cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(rows), Int32(d), 1,
                            factors[c], Int32(d), &centred, Int32(d))
                // Row sums of squares by hand: d is small and one `ddot` call per row costs more than it saves.
                for i in 0..<rows {
                    var squared = 0.0
                    for j in 0..<d { squared += centred[i * d + j] * centred[i * d + j] }
                    logs[(start + i) * k + c] = offsets[c] - 0.5 * squared
                }
            }
            start += rows
        }
        // Log-sum-exp per row (no library routine does it): the largest term m plus log1p of
        // Σ exp(aₖ − m) over the others. A row so far that every term is −∞ gets −∞ and equal
        // responsibilities.
        for i in 0..<n {
            var top = 0
            for c in 1..<k where logs[i * k + c] > logs[i * k + top] { top = c }
            let largest = logs[i * k + top]
            guard largest > -Double.infinity else {
                logLikelihoods[i] = -.infinity
                for c in 0..<k { logs[i * k + c] = -log(Double(k)) }
                continue
            }
            var rest = 0.0
            for c in 0..<k where c != top { rest += exp(logs[i * k + c] - largest) }
            let total = largest + log1p(rest)
            logLikelihoods[i] = total
            for c in 0..<k { logs[i * k + c] -= total }
        }
        return (logLikelihoods, logs)
    }

    // MARK: Checks

    private static func validate(_ x: Matrix, _ options: Options) throws {
        guard options.components >= 1 else {
            throw DataError(.usage, "gmm: components must be at least 1, got \(options.components)")
        }
        guard options.maxIterations >= 0, options.tolerance >= 0, options.tolerance.isFinite,
              options.regularization.isFinite, options.initializations >= 1 else {
            throw DataError(.usage, "gmm: expected max_iter ≥ 0, a finite tol ≥ 0, a finite reg_covar and n_init ≥ 1")
        }
        guard options.regularization > 0 else {
            throw DataError(.usage, "gmm: reg_covar must be positive: each component starts from one k-means++ centre row, whose covariance is 0")
        }
        guard x.columns >= 1 else { throw DataError(.usage, "gmm: the matrix has no columns") }
        guard x.rows >= 2 else { throw DataError(.usage, "gmm: needs at least 2 rows, got \(x.rows)") }
        guard x.rows >= options.components else {
            throw DataError(.usage, "gmm: \(options.components) components need at least \(options.components) rows, got \(x.rows)")
        }
        try checkFinite(x, what: "the input")
    }

    private static func checkFinite(_ x: Matrix, what: String) throws {
        if let bad = x.values.firstIndex(where: { !$0.isFinite }) {
            throw DataError(.usage, "gmm: \(what) has \(x.values[bad]) in row \(bad / x.columns + 1), column \(bad % x.columns + 1)")
        }
    }

    private func checkColumns(_ x: Matrix) throws {
        guard x.columns == dimensions else {
            throw DataError(.usage, "gmm: the mixture has \(dimensions) columns, the matrix \(x.columns)")
        }
        try Self.checkFinite(x, what: "the input")
    }
}
