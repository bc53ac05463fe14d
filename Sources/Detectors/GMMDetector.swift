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

    /// The defaults are ``GaussianMixture/Options``' (scikit-learn's).
    public enum Parameter {
        static let defaults = GaussianMixture.Options()
        public static let components = DetectorParameter(integer: "components", default: defaults.components, range: 1...10_000,
                                                         help: "mixture components K (PyOD's and scikit-learn's default)")
        public static let covariance = DetectorParameter(choice: "covariance", default: "full", among: ["full"],
                                                         help: "covariance type (only full)")
        public static let maxIterations = DetectorParameter(integer: "max_iter", default: defaults.maxIterations, range: 1...1_000_000,
                                                            help: "EM iterations at most")
        public static let tolerance = DetectorParameter(number: "tol", default: defaults.tolerance, range: 0...1e12,
                                                        help: "stop when the mean log-likelihood changes by less")
        public static let regularization = DetectorParameter(number: "reg_covar", default: defaults.regularization, range: 0...1e12,
                                                             help: "added to every covariance diagonal (positive)")
        public static let initializations = DetectorParameter(integer: "n_init", default: defaults.initializations, range: 1...10_000,
                                                              help: "k-means++ seedings, the best fit kept")
    }

    public init(options: GaussianMixture.Options = GaussianMixture.Options()) {
        self.options = options
    }

    public static let info = DetectorInfo(
        name: "gmm", summary: "Gaussian mixture negative log-likelihood (EM, full covariances, k-means++ seeding)",
        defaultScaling: .standard,
        parameters: [Parameter.components.info, Parameter.covariance.info, Parameter.maxIterations.info,
                     Parameter.tolerance.info, Parameter.regularization.info, Parameter.initializations.info],
        make: { p in
            _ = try p.value(Parameter.covariance)
            return GMMDetector(options: GaussianMixture.Options(
                components: try p.value(Parameter.components),
                maxIterations: try p.value(Parameter.maxIterations),
                tolerance: try p.value(Parameter.tolerance),
                regularization: try p.value(Parameter.regularization),
                initializations: try p.value(Parameter.initializations)))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        mixture = try GaussianMixture(fitting: train, options: options, generator: &generator)
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        guard let mixture else { throw DataError(.internal, "gmm: scores before fit") }
        return try mixture.logLikelihoods(x).map { -$0 }
    }
}
