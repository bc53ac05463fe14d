import DataIO
import Foundation
import Randomness
import Tensor
import Testing
import TestSupport
@testable import Detectors

/// A scikit-learn reference fit, `Fixtures/gmm/<name>.json` (made by
/// `Fixtures/scripts/gmm-reference.py`): the data, the k-means++ centre rows, and
/// `GaussianMixture(covariance_type="full", init_params="k-means++")` fitted from those rows.
struct GMMReference {
    let document: JSONValue
    let x: Matrix
    let options: GaussianMixture.Options
    let centres: [Int]

    init(_ name: String) throws {
        let path = ReferenceVectors.fixtures + "/gmm/\(name).json"
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError(.usage, "missing \(path)") }
        document = try JSONValue.parse([UInt8](data))
        x = Matrix(Self.matrix(document["x"]))
        options = GaussianMixture.Options(components: document["n_components"]!.int!, maxIterations: document["max_iter"]!.int!,
                                          tolerance: document["tol"]!.double!, regularization: document["reg_covar"]!.double!)
        centres = document["centres"]!.array!.map { $0.int! }
    }

    static func vector(_ value: JSONValue?) -> [Double] { value!.array!.map { $0.double! } }
    static func matrix(_ value: JSONValue?) -> [[Double]] { value!.array!.map { vector($0) } }
    func vector(_ key: String) -> [Double] { Self.vector(document[key]) }
    func matrix(_ key: String) -> [[Double]] { Self.matrix(document[key]) }
}

/// ‖a − b‖∞ / ‖b‖∞: the normwise relative difference of two arrays of the same shape.
func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    let scale = b.map(abs).max() ?? 0
    let difference = zip(a, b).map { abs($0 - $1) }.max() ?? 0
    return scale > 0 ? difference / scale : difference
}

@Suite struct GaussianMixtureTests {
    static let references = ["separated", "overlapping", "overlapping-5-iterations", "constant-column", "single"]

    /// EM from sklearn's own initial responsibilities (one-hot on the same k-means++ centre rows)
    /// agrees with sklearn after the same number of iterations, to rounding: weights, means and
    /// covariances normwise relative, lower bounds and log-likelihoods (training and probe rows)
    /// relative to max(|value|, 1), responsibilities normwise. Measured with OpenBLAS 0.3.21
    /// under the Prescott, Sandybridge, Haswell and SkylakeX kernels, 1 and 2 threads: at most
    /// 1.2e-15 on parameters, 1.5e-15 on lower bounds, 9.1e-15 on log-likelihoods, 4.6e-15 on
    /// responsibilities, over 3 to 19 iterations. The bound, 1e-12, leaves a thousandfold margin.
    @Test(arguments: references) func agreesWithScikitLearn(_ name: String) throws {
        let reference = try GMMReference(name)
        let model = try GaussianMixture(fitting: reference.x, options: reference.options, centres: reference.centres)
        let k = reference.options.components
        #expect(model.iterations == reference.document["n_iter"]!.int!)
        #expect(model.converged == reference.document["converged"]!.bool!)
        #expect(model.lowerBounds.count == model.iterations)

        let weights = relativeDifference(model.weights, reference.vector("weights"))
        let means = relativeDifference(model.means.values, reference.matrix("means").flatMap { $0 })
        let covariances = (0..<k).map { c in
            relativeDifference(model.covariances[c].values, Self.flatten(reference.document["covariances"]![c]!))
        }.max()!
        let bounds = zip(model.lowerBounds, reference.vector("lower_bounds")).map { abs($0 - $1) / max(abs($1), 1) }.max()!
        let bound = abs(model.lowerBound - reference.document["lower_bound"]!.double!) / max(abs(model.lowerBound), 1)
        let logLikelihoods = try zip(model.logLikelihoods(reference.x), reference.vector("score_samples"))
            .map { abs($0 - $1) / max(abs($1), 1) }.max()!
        let probes = try zip(model.logLikelihoods(Matrix(reference.matrix("probes"))), reference.vector("probe_score_samples"))
            .map { abs($0 - $1) / max(abs($1), 1) }.max()!
        let responsibilities = try relativeDifference(model.responsibilities(reference.x).values,
                                                      reference.matrix("predict_proba").flatMap { $0 })
        #expect(weights <= 1e-12, "weights \(weights)")
        #expect(means <= 1e-12, "means \(means)")
        #expect(covariances <= 1e-12, "covariances \(covariances)")
        #expect(bounds <= 1e-12 && bound <= 1e-12, "lower bounds \(bounds), \(bound)")
        #expect(logLikelihoods <= 1e-12, "score_samples \(logLikelihoods)")
        #expect(probes <= 1e-12, "probes \(probes)")
        #expect(responsibilities <= 1e-12, "predict_proba \(responsibilities)")
        #expect(try model.assignments(reference.x) == reference.document["predict"]!.array!.map { $0.int! })
    }

    static func flatten(_ value: JSONValue) -> [Double] { GMMReference.matrix(value).flatMap { $0 } }

    @Test func oneStandardGaussianHasTheClosedFormDensity() throws {
        let model = try GaussianMixture(weights: [1], means: Matrix([[0, 0]]), covariances: [Matrix([[1, 0], [0, 1]])])
        let values = try model.logLikelihoods(Matrix([[0, 0], [1, 2]]))
        let log2pi = log(2 * Double.pi)
        #expect(abs(values[0] + log2pi) < 1e-15)
        #expect(abs(values[1] + log2pi + 2.5) < 1e-14)
        // Two components: log(½N(x|0, I) + ½N(x|(3, 0), 4I)) by hand.
        let two = try GaussianMixture(weights: [0.5, 0.5], means: Matrix([[0, 0], [3, 0]]),
                                      covariances: [Matrix([[1, 0], [0, 1]]), Matrix([[4, 0], [0, 4]])])
        let x = [1.0, 1.0]
        let first = 0.5 * exp(-0.5 * 2) / (2 * Double.pi)
        let second = 0.5 * exp(-0.5 * (4 + 1) / 4) / (2 * Double.pi * 4)
        #expect(abs(try two.logLikelihoods(Matrix([x]))[0] - log(first + second)) < 1e-14)
        let gamma = try two.responsibilities(Matrix([x])).values
        #expect(abs(gamma[0] - first / (first + second)) < 1e-14)
        #expect(abs(gamma[0] + gamma[1] - 1) < 1e-15)
    }

    @Test func responsibilitiesSumToOneAndTheLowerBoundNeverFalls() throws {
        let reference = try GMMReference("overlapping")
        var g = Xoshiro256StarStar(seed: 5)
        let model = try GaussianMixture(fitting: reference.x, options: .init(components: 3, tolerance: 1e-8), generator: &g)
        let gamma = try model.responsibilities(reference.x)
        for i in 0..<gamma.rows {
            #expect(abs(gamma.row(i).reduce(0, +) - 1) < 1e-12)
        }
        #expect(abs(model.weights.reduce(0, +) - 1) < 1e-14)
        // EM never decreases the likelihood (up to rounding).
        for (a, b) in zip(model.lowerBounds, model.lowerBounds.dropFirst()) { #expect(b >= a - 1e-12 * abs(a)) }
        #expect(model.converged)
    }

    @Test func sameSeedSameBytes() throws {
        let reference = try GMMReference("overlapping")
        func fit(_ seed: UInt64) throws -> (GaussianMixture, [Double]) {
            var g = Xoshiro256StarStar(seed: seed)
            let model = try GaussianMixture(fitting: reference.x, options: .init(components: 3, initializations: 2), generator: &g)
            return (model, try model.logLikelihoods(reference.x))
        }
        // Both fits to the bit: no other test may change the BLAS thread count meanwhile.
        let ((a, scoresA), (b, scoresB)) = try BLAS.steadyThreadCount { (try fit(9), try fit(9)) }
        func bits(_ m: GaussianMixture) -> [UInt64] {
            (m.weights + m.means.values + m.covariances.flatMap(\.values) + [m.lowerBound]).map(\.bitPattern)
        }
        #expect(bits(a) == bits(b))
        #expect(scoresA.map(\.bitPattern) == scoresB.map(\.bitPattern))
        #expect(a.iterations == b.iterations)
    }

    @Test func moreInitializationsKeepTheBestLowerBound() throws {
        let reference = try GMMReference("overlapping")
        var g1 = Xoshiro256StarStar(seed: 2), g3 = Xoshiro256StarStar(seed: 2)
        let one = try GaussianMixture(fitting: reference.x, options: .init(components: 3), generator: &g1)
        let three = try GaussianMixture(fitting: reference.x, options: .init(components: 3, initializations: 3), generator: &g3)
        // The first of the three seedings is the single fit's (the generator starts alike).
        #expect(three.lowerBound >= one.lowerBound)
    }

    @Test func constantColumnIsKeptPositiveDefiniteByTheRegularization() throws {
        var rows: [[Double]] = []
        var g = Xoshiro256StarStar(seed: 3)
        for _ in 0..<100 { rows.append([g.standardNormal(), 7]) }
        let model = try GaussianMixture(fitting: Matrix(rows), options: .init(components: 2), generator: &g)
        for covariance in model.covariances { #expect(abs(covariance[1, 1] - 1e-6) < 1e-12) }
        // A row off the constant value is very unlikely: 1e6·(0.01)²/2 = 50 nats below.
        let values = try model.logLikelihoods(Matrix([[0, 7], [0, 7.01]]))
        #expect(abs(values[0] - values[1] - 50) < 1e-6)
    }

    @Test func aCovarianceThatIsNotPositiveDefiniteIsAClearError() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch let error as DataError { return error.message } catch { return "\(error)" }
        }
        // The second column twice the first, 64 rows of ±(1, 2): the covariance is exactly
        // [[1, 2], [2, 4]] (N = 64 + 10ε rounds to 64), singular, and a regularization of
        // 1e-300 is lost in rounding, so Cholesky meets a zero pivot.
        var g = Xoshiro256StarStar(seed: 3)
        let rows = (0..<64).map { i -> [Double] in i % 2 == 0 ? [1, 2] : [-1, -2] }
        #expect(message { _ = try GaussianMixture(fitting: Matrix(rows), options: .init(regularization: 1e-300), generator: &g) }
            .hasPrefix("gmm: the covariance of component 1 of 1 is not positive definite"))
        #expect(message { _ = try GaussianMixture(fitting: Matrix(rows), options: .init(regularization: 0), generator: &g) }
            .hasPrefix("gmm: reg_covar must be positive"))
        #expect(message { _ = try GaussianMixture(weights: [1], means: Matrix([[0, 0]]), covariances: [Matrix([[1, 2], [2, 1]])]) }
            .hasPrefix("gmm: the covariance of component 1 of 1 is not positive definite"))
    }

    @Test func badInputIsAClearError() throws {
        var g = Xoshiro256StarStar(seed: 1)
        let x = Matrix([[0, 1], [2, 3], [4, 5]])
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch let error as DataError { return error.message } catch { return "\(error)" }
        }
        #expect(message { _ = try GaussianMixture(fitting: x, options: .init(components: 4), generator: &g) }
            == "gmm: 4 components need at least 4 rows, got 3")
        #expect(message { _ = try GaussianMixture(fitting: Matrix([[1, 2]]), generator: &g) } == "gmm: needs at least 2 rows, got 1")
        #expect(message { _ = try GaussianMixture(fitting: Matrix([[0, 1], [2, .nan]]), generator: &g) }
            == "gmm: the input has nan in row 2, column 2")
        #expect(message { _ = try GaussianMixture(fitting: x, options: .init(components: 0), generator: &g) }
            == "gmm: components must be at least 1, got 0")
        #expect(message { _ = try GaussianMixture(fitting: x, options: .init(components: 2), centres: [0, 3]) }
            .hasPrefix("gmm: expected 2 centre rows"))
        let model = try GaussianMixture(fitting: x, generator: &g)
        #expect(message { _ = try model.logLikelihoods(Matrix([[1, 2, 3]])) } == "gmm: the mixture has 2 columns, the matrix 3")
        #expect(message { _ = try model.logLikelihoods(Matrix([[1, .infinity]])) } == "gmm: the input has inf in row 1, column 2")
        #expect(throws: DataError.self) { _ = try GaussianMixture(weights: [0.5, 0.6], means: Matrix([[0], [1]]),
                                                                   covariances: [Matrix([[1]]), Matrix([[1]])]) }
    }

    /// A component without rows (all γ zero) is kept, as in scikit-learn: Nₖ = 10ε, its mean
    /// is 0 and its covariance the regularization alone; the mixture still evaluates.
    @Test func anEmptyComponentIsKept() throws {
        let x = Matrix([[0, 1], [1, 0], [2, 2], [1, 1]])
        var model = try GaussianMixture(weights: [0.5, 0.5], means: Matrix([[0, 0], [5, 5]]),
                                        covariances: [Matrix([[1, 0], [0, 1]]), Matrix([[1, 0], [0, 1]])])
        let gamma: [Double] = [1, 0, 1, 0, 1, 0, 1, 0]
        let counts = try model.maximise(x, gamma, regularization: 1e-6)
        #expect(counts[1] == 10 * Double.ulpOfOne)
        #expect(model.means.row(1) == [0, 0])
        #expect(model.covariances[1].values == [1e-6, 0, 0, 1e-6])
        try model.factorise()
        #expect(try model.logLikelihoods(x).allSatisfy { $0.isFinite })
    }
}
