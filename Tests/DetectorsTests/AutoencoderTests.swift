import Testing
import Randomness
@testable import Detectors

@Suite struct AutoencoderTests {
    @Test func findsOutliers() throws {
        #expect(try auroc(of: AutoencoderDetector(hidden: [8, 3], epochs: 30, batchSize: 64, learningRate: 1e-2)) > 0.9)
    }

    @Test func sameSeedSameScores() throws {
        let (a, b) = try twice(AutoencoderDetector(hidden: [4, 2], epochs: 3, batchSize: 32))
        #expect(a == b)
    }

    @Test func reportsEveryEpoch() throws {
        final class Count: @unchecked Sendable { var epochs: [Int] = [] }
        let count = Count()
        var model = AutoencoderDetector(hidden: [4], epochs: 4, batchSize: 50)
        model.onEpoch = { epoch, total, loss in count.epochs.append(epoch); #expect(total == 4 && loss.isFinite) }
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(blobs(normal: 100, anomalies: 0).x, generator: &g)
        #expect(count.epochs == [1, 2, 3, 4])
    }
}
