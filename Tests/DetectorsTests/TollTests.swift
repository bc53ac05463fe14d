import Testing
import Randomness
@testable import Detectors

@Suite struct TollTests {
    @Test func findsOutliers() throws {
        #expect(try auroc(of: TollDetector(latent: 3, beta: 1, iterations: 150, batchSize: 64, learningRate: 1e-2)) > 0.9)
    }

    @Test func sameSeedSameScores() throws {
        let (a, b) = try twice(TollDetector(latent: 2, iterations: 10, batchSize: 32))
        #expect(a == b)
    }

    @Test func largerBetaWeighsTheLatentNormMore() throws {
        // With β = 0 the score is the reconstruction error alone; a large β makes the latent
        // norm dominate, so scores grow with β for the same trained weights' form.
        let data = blobs(normal: 200, anomalies: 10, seed: 3)
        var a = TollDetector(latent: 2, beta: 0, iterations: 20, batchSize: 50)
        var b = TollDetector(latent: 2, beta: 100, iterations: 20, batchSize: 50)
        var g1 = Xoshiro256StarStar(seed: 1), g2 = Xoshiro256StarStar(seed: 1)
        try a.fit(data.x, generator: &g1)
        try b.fit(data.x, generator: &g2)
        #expect(try a.scores(data.x).allSatisfy { $0 >= 0 } == true)
        let (sa, sb) = (try a.scores(data.x), try b.scores(data.x))
        #expect(sb.reduce(0, +) > sa.reduce(0, +))
    }
}
