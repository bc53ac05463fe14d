import DataIO
import Foundation
import Metrics
import Randomness
import Tensor
import Testing
@testable import Detectors

@Suite struct VRAETests {
    /// Sequences of `steps` × `features` (time-major): normal ones a sine with a little phase
    /// jitter and noise (the second feature, if any, its negative); anomalies the same sine at
    /// twice the frequency (another shape, so another code) with a bump of height 2.5 over three
    /// steps at a random place.
    static func sequences(normal: Int, anomalies: Int, steps: Int = 12, features: Int = 1, seed: UInt64) -> (x: Matrix, labels: [Bool]) {
        var g = Xoshiro256StarStar(seed: seed)
        var values: [Double] = []
        for r in 0..<(normal + anomalies) {
            let phase = g.standardNormal() * 0.1
            let bump = r >= normal ? Int(g.next() % UInt64(steps - 3)) : -10
            for t in 0..<steps {
                let angle = 2 * Double.pi * Double(t) / Double(steps) * (r >= normal ? 2 : 1) + phase
                var v: Double = Foundation.sin(angle) + 0.05 * g.standardNormal()
                if (bump..<bump + 3).contains(t) { v += 2.5 }
                values.append(v)
                if features == 2 { values.append(-v) }
            }
        }
        return (Matrix(rows: normal + anomalies, columns: steps * features, values: values),
                Array(repeating: false, count: normal) + Array(repeating: true, count: anomalies))
    }

    static func small() -> VRAEDetector {
        VRAEDetector(hidden: 8, latent: 2, attention: 2, epochs: 40, batchSize: 32, learningRate: 0.01,
                     klDelay: 5, klRamp: 10, samples: 3, reference: 50)
    }

    @Test func anomaliesScoreHigherByEveryScore() throws {
        var model = Self.small()
        let train = Self.sequences(normal: 128, anomalies: 0, seed: 1)
        let test = Self.sequences(normal: 60, anomalies: 20, seed: 2)
        var g = Xoshiro256StarStar(seed: 3)
        try model.fit(train.x, generator: &g)
        #expect(model.fitSummary.contains("12 steps × 1 features"))
        for variant in model.scoreVariants {
            let scores = try model.scores(test.x, variant: variant)
            #expect(scores.count == 80 && scores.allSatisfy(\.isFinite))
            let auroc = try BinaryCurve(scores: scores, labels: test.labels).auroc
            #expect(auroc > (variant == "wasserstein" ? 0.7 : 0.9), "\(variant): AUROC \(auroc)")
        }
        // Two computations that must agree to the bit: no other test may change the BLAS thread count between them.
        let (plain, probability) = try BLAS.steadyThreadCount { (try model.scores(test.x), try model.scores(test.x, variant: "probability")) }
        #expect(plain == probability)
    }

    @Test func sameSeedSameScoresAndTheLayoutComesFromTheCaller() throws {
        // The same bits twice: no concurrently running test may change the BLAS thread count.
        try BLAS.steadyThreadCount {
            let data = Self.sequences(normal: 40, anomalies: 4, steps: 6, features: 2, seed: 5)
            var a = Self.small(), b = Self.small()
            a.epochs = 3
            b.epochs = 3
            a.featuresPerStep = 2
            b.featuresPerStep = 2
            var g1 = Xoshiro256StarStar(seed: 9), g2 = Xoshiro256StarStar(seed: 9)
            try a.fit(data.x, generator: &g1)
            try b.fit(data.x, generator: &g2)
            #expect(try a.scores(data.x) == b.scores(data.x))
            #expect(a.fitSummary.contains("6 steps × 2 features"))
            // Rows of another width are refused.
            let other = Self.sequences(normal: 2, anomalies: 0, steps: 5, features: 2, seed: 6)
            #expect(throws: DataError.self) { try a.scores(other.x) }
        }
    }

    @Test func columnsThatDoNotMakeStepsAreAnError() {
        var model = Self.small()
        model.features = 5
        var g = Xoshiro256StarStar(seed: 1)
        #expect {
            try model.fit(Self.sequences(normal: 4, anomalies: 0, steps: 12, seed: 1).x, generator: &g)
        } throws: { ($0 as? DataError)?.description.contains("12 columns do not make sequences of 5 values per step") == true }
    }

    /// The Wasserstein score of a row is the median, over the reference codes (here every
    /// training sequence), of the squared distances between its code (μ, σ) and theirs: the
    /// middle one for an odd count (9), the mean of the two middle ones for an even count (8).
    @Test(arguments: [9, 8])
    func wassersteinIsTheMedianOfSquaredDistances(rows: Int) throws {
        var model = Self.small()
        model.epochs = 1
        let train = Self.sequences(normal: rows, anomalies: 0, seed: 4)
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(train.x, generator: &g)
        let (means, deviations) = model.posteriorCodes(try model.sequences(train.x))
        let scores = model.wassersteinScores(means: means, deviations: deviations)
        #expect(scores.count == rows)
        for r in 0..<rows {
            var distances: [Float] = []
            for j in 0..<rows {
                var s: Float = 0
                for k in 0..<2 {
                    s += (means[r * 2 + k] - means[j * 2 + k]) * (means[r * 2 + k] - means[j * 2 + k])
                    s += (deviations[r * 2 + k] - deviations[j * 2 + k]) * (deviations[r * 2 + k] - deviations[j * 2 + k])
                }
                distances.append(s)
            }
            distances.sort()
            let median = rows % 2 == 1 ? distances[rows / 2] : (distances[rows / 2 - 1] + distances[rows / 2]) / 2
            #expect(abs(scores[r] - median) <= 1e-6 * max(1, median), "row \(r)")
        }
    }

    @Test func parametersAreReadWithDefaults() throws {
        var p = try DetectorParameters(detector: "vrae", parsing: ["latent=5", "score=wasserstein", "features=2"])
        let model = try VRAEDetector.info.make(&p) as! VRAEDetector
        #expect(model.latent == 5 && model.score == .wasserstein && model.stepWidth == 2 && model.hidden == 128)
        var bad = try DetectorParameters(detector: "vrae", parsing: ["score=nope"])
        #expect(throws: DataError.self) { try VRAEDetector.info.make(&bad) }
    }
}
