import DataIO
import Foundation
import Randomness

/// Gaussian-mixture density (PyOD's `GMM`): a ``GaussianMixture`` with full covariances is
/// fitted by EM to the training rows, and a row's score is its negative log-likelihood
/// −log p(x) under the mixture (scikit-learn's `-score_samples`), so rows in low-density regions
/// score high.
///
/// One component by default, as PyOD and scikit-learn: then the score is half the squared
/// Mahalanobis distance from the training mean plus a constant, which needs no seeding and
/// is the same for every seed; more components follow multi-modal normal data. Features are
/// standardised by default because `reg_covar` is an absolute amount added to every variance
/// and k-means++ seeds by Euclidean distance: on standardised columns both mean the same on
/// every feature (the likelihood itself does not depend on the scale of a column).
public struct GMMDetector: Detector, DescribesFit {
    public var options: GaussianMixture.Options
    public private(set) var mixture: GaussianMixture?

    public var fitSummary: String {
        guard let mixture else { return "not fitted" }
        let count = "\(mixture.components) component\(mixture.components == 1 ? "" : "s")"
        let bound = String(format: "%.4f", mixture.lowerBound)
        return mixture.converged
            ? "\(count), converged after \(mixture.iterations) EM iterations (mean log-likelihood \(bound))"
            : "\(count), did not converge in \(mixture.iterations) EM iterations (tol \(options.tolerance); mean log-likelihood \(bound))"
    }

    public init(options: GaussianMixture.Options = GaussianMixture.Options()) {
        self.options = options
    }

    public static let info = DetectorInfo(
        name: "gmm", summary: "Gaussian mixture negative log-likelihood (EM, full covariances, k-means++ seeding)",
        defaultScaling: .standard,
        parameters: [ParameterInfo("components", "1", "mixture components K (PyOD's and scikit-learn's default)"),
                     ParameterInfo("covariance", "full", "covariance type (only full)"),
                     ParameterInfo("max_iter", "100", "EM iterations at most"),
                     ParameterInfo("tol", "0.001", "stop when the mean log-likelihood changes by less"),
                     ParameterInfo("reg_covar", "1e-06", "added to every covariance diagonal (positive)"),
                     ParameterInfo("n_init", "1", "k-means++ seedings, the best fit kept")],
        make: { p in
            _ = try p.choice("covariance", default: "full", among: ["full"])
            return GMMDetector(options: GaussianMixture.Options(
                components: try p.integer("components", default: 1, range: 1...10_000),
                maxIterations: try p.integer("max_iter", default: 100, range: 1...1_000_000),
                tolerance: try p.double("tol", default: 1e-3, range: 0...1e12),
                regularization: try p.double("reg_covar", default: 1e-6, range: 0...1e12),
                initializations: try p.integer("n_init", default: 1, range: 1...10_000)))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        mixture = try GaussianMixture(fitting: train, options: options, generator: &generator)
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        guard let mixture else { throw DataError(.internal, "gmm: scores before fit") }
        return try mixture.logLikelihoods(x).map { -$0 }
    }
}
