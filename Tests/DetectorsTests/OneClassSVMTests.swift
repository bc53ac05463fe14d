import Testing
import Randomness
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
        for (a, b) in zip(ours, reference) {
            #expect(abs(a + b) <= 1e-9 * max(1, abs(b)), "\(a) vs −\(b)")
        }
    }
}
