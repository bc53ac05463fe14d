import DataIO
import Randomness
import Tensor
import Testing
@testable import Detectors

@Suite struct GMMDetectorTests {
    @Test func findsOutliers() throws {
        let one = try auroc(of: GMMDetector())
        let three = try auroc(of: GMMDetector(options: .init(components: 3)))
        #expect(one > 0.99, "AUROC \(one)")
        #expect(three > 0.99, "AUROC \(three)")
    }

    @Test func sameSeedSameScores() throws {
        let (a, b) = try twice(GMMDetector(options: .init(components: 3, initializations: 2)))
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
        #expect(a.allSatisfy { $0.isFinite })
    }

    @Test func scoreIsTheNegativeLogLikelihood() throws {
        let data = blobs(normal: 200, anomalies: 10, dimensions: 3, seed: 4)
        var detector = GMMDetector(options: .init(components: 2))
        var g = Xoshiro256StarStar(seed: 1)
        try detector.fit(data.x, generator: &g)
        let mixture = try #require(detector.mixture)
        // Two computations that must agree to the bit: no other test may change the BLAS thread count between them.
        let (scores, logLikelihoods) = try BLAS.steadyThreadCount { (try detector.scores(data.x), try mixture.logLikelihoods(data.x)) }
        #expect(scores == logLikelihoods.map { -$0 })
        #expect(detector.fitSummary.hasPrefix("2 components, converged after"))
    }

    @Test func oneComponentScoreIsHalfTheMahalanobisDistanceAndDoesNotDependOnTheSeed() throws {
        let data = blobs(normal: 300, anomalies: 0, dimensions: 2, seed: 6)
        var a = GMMDetector(), b = GMMDetector()
        var g1 = Xoshiro256StarStar(seed: 1), g2 = Xoshiro256StarStar(seed: 2)
        let probe = Matrix([[0, 0], [3, -1]])
        // Both fits to the bit: no other test may change the BLAS thread count meanwhile.
        let (scoresA, scoresB) = try BLAS.steadyThreadCount {
            try a.fit(data.x, generator: &g1)
            try b.fit(data.x, generator: &g2)
            return (try a.scores(probe), try b.scores(probe))
        }
        #expect(scoresA == scoresB)
        // Mean and biased covariance of the training rows, by hand.
        let n = Double(data.x.rows)
        let mean = (0..<2).map { j in (0..<data.x.rows).map { data.x[$0, j] }.reduce(0, +) / n }
        var c = [0.0, 0.0, 0.0]
        for i in 0..<data.x.rows {
            let u = data.x[i, 0] - mean[0], v = data.x[i, 1] - mean[1]
            c[0] += u * u / n; c[1] += u * v / n; c[2] += v * v / n
        }
        c[0] += 1e-6; c[2] += 1e-6
        let det = c[0] * c[2] - c[1] * c[1]
        func expected(_ x: [Double]) -> Double {
            let u = x[0] - mean[0], v = x[1] - mean[1]
            let mahalanobis = (c[2] * u * u - 2 * c[1] * u * v + c[0] * v * v) / det
            return 0.5 * mahalanobis + 0.5 * log(det) + log(2 * Double.pi)
        }
        let scores = try a.scores(probe)
        #expect(abs(scores[0] - expected([0, 0])) < 1e-9)
        #expect(abs(scores[1] - expected([3, -1])) < 1e-9)
    }

    @Test func parametersAreChecked() throws {
        func make(_ pairs: [String]) throws -> any Detector {
            var p = try DetectorParameters(detector: "gmm", parsing: pairs)
            let detector = try GMMDetector.info.make(&p)
            try p.checkAllUsed(known: GMMDetector.info.parameters.map(\.name))
            return detector
        }
        let built = try #require(try make(["components=4", "max_iter=50", "tol=1e-4", "reg_covar=1e-3", "n_init=2", "covariance=full"]) as? GMMDetector)
        #expect(built.options == GaussianMixture.Options(components: 4, maxIterations: 50, tolerance: 1e-4, regularization: 1e-3, initializations: 2))
        #expect(try (make([]) as? GMMDetector)?.options == GaussianMixture.Options())
        for bad in [["components=0"], ["covariance=diag"], ["reg_covar=-1"], ["n_init=0"], ["max_iter=0"], ["tol=x"]] {
            #expect(throws: DataError.self, "\(bad)") { _ = try make(bad) }
        }
        #expect(GMMDetector.info.reproducibility == .portable)
        #expect(GMMDetector.info.defaultScaling == .standard)
    }

    @Test func moreComponentsThanTrainingRowsIsAnError() {
        var detector = GMMDetector(options: .init(components: 5))
        var g = Xoshiro256StarStar(seed: 1)
        #expect(throws: DataError.self) { try detector.fit(Matrix([[0, 1], [1, 0], [2, 2]]), generator: &g) }
        #expect(throws: DataError.self) { _ = try GMMDetector().scores(Matrix([[0, 1]])) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
