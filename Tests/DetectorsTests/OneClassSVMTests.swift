import Testing
import Randomness
import CSVM
@testable import Detectors

@Suite struct OneClassSVMTests {
    @Test func findsOutliers() throws {
        #expect(try auroc(of: OneClassSVM(nu: 0.1)) > 0.95)
    }

    @Test func gammaScaleIsOneOverDTimesVariance() throws {
        var model = OneClassSVM(gamma: "scale")
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(Matrix([[0, 2], [2, 0], [0, 2], [2, 0]]), generator: &g)
        // Every value is 0 or 2: variance 1, d = 2.
        #expect(model.gammaValue == 0.5)
        #expect(model.trainedRows == 4)
    }

    @Test func subsamplingIsRecordedAndDeterministic() throws {
        let (a, b) = try twice(OneClassSVM(maxTrain: 100))
        #expect(a == b)
        var model = OneClassSVM(maxTrain: 100)
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(blobs(normal: 300, anomalies: 0).x, generator: &g)
        #expect(model.trainedRows == 100)
    }
}

@Suite struct OneClassSVMScoringTests {
    @Test func blasScoresEqualLibsvmDecisionValues() throws {
        let train = blobs(normal: 400, anomalies: 0, seed: 21).x
        let test = blobs(normal: 100, anomalies: 20, seed: 22).x
        var model = OneClassSVM(nu: 0.3)
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(train, generator: &g)
        let ours = try model.scores(test)
        let reference = try OneClassSVM.libsvmDecisionValues(train: train, nu: 0.3, gamma: "scale", x: test)
        #expect(model.supportCount > 0)
        #expect(ours.count == 120 && reference.count == 120)
        for (a, b) in zip(ours, reference) {
            #expect(abs(a + b) <= 1e-9 * max(1, abs(b)), "\(a) vs −\(b)")
        }
    }
}

@Suite struct OneClassSVMKernelCacheTests {
    @Test func cacheHoldsTheKernelMatrixWithinBounds() {
        #expect(OneClassSVM.Problem.cacheMegabytes(rows: 10_000) == 398)   // 10,000² floats, 2 % and 8 MB spare
        #expect(OneClassSVM.Problem.cacheMegabytes(rows: 300) == 100)      // libsvm's default as the floor
        #expect(OneClassSVM.Problem.cacheMegabytes(rows: 100_000) == 2048) // the ceiling
    }

    /// The cache changes the time only: a model trained with a cache far too small for the kernel
    /// matrix (rows computed again and again) is the same, bit for bit.
    @Test func theModelDoesNotDependOnTheCache() throws {
        let x = blobs(normal: 600, anomalies: 0, seed: 5).x
        let problem = OneClassSVM.Problem(x)
        func model(_ cache: Double?) throws -> (rho: Double, coefficients: [Double]) {
            var trained: UnsafeMutablePointer<svm_model>? = try problem.train(nu: 0.4, gamma: 0.3, cacheMegabytes: cache)
            defer { svm_free_and_destroy_model(&trained) }
            let m = try #require(trained)
            let coefficients = try #require(m.pointee.sv_coef[0])
            return (try #require(m.pointee.rho)[0], (0..<Int(m.pointee.l)).map { coefficients[$0] })
        }
        let large = try model(nil), small = try model(0.05)
        #expect(large.rho.bitPattern == small.rho.bitPattern)
        #expect(large.coefficients.map(\.bitPattern) == small.coefficients.map(\.bitPattern))
        #expect(large.coefficients.count > 100)
    }
}
