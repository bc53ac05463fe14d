import DataIO
import Foundation
import Metrics
import Randomness
import Tensor
import Testing
@testable import Detectors

@Suite struct ALADTests {
    /// Normal rows near a 2-d plane in 8 dimensions; anomalies off it, with the same scale.
    static func rows(_ n: Int, anomalies: Int, seed: UInt64) -> (x: Matrix, labels: [Bool]) {
        var g = Xoshiro256StarStar(seed: seed)
        var values: [Double] = [], labels: [Bool] = []
        for r in 0..<n {
            let anomalous = r >= n - anomalies
            let (a, b) = (g.standardNormal(), g.standardNormal())
            for c in 0..<8 {
                let onPlane = c % 2 == 0 ? a + 0.5 * b : b - 0.25 * a
                values.append(anomalous ? 1.5 * g.standardNormal() : onPlane + 0.05 * g.standardNormal())
            }
            labels.append(anomalous)
        }
        return (Matrix(rows: n, columns: 8, values: values), labels)
    }

    static func small(epochs: Int = 30) -> ALADDetector {
        ALADDetector(latent: 2, epochs: epochs, batchSize: 32, learningRate: 1e-3, emaDecay: 0.9)
    }

    @Test func architectureFollowsTheInputWidth() {
        #expect(ALADDetector.architecture(forWidth: 121) == .kdd)
        #expect(ALADDetector.architecture(forWidth: 274) == .arrhythmia)
        #expect(ALADDetector.architecture(forWidth: 199) == .kdd && ALADDetector.architecture(forWidth: 200) == .arrhythmia)
    }

    @Test func learnsTheNormalRowsAndEveryScoreRanksTheAnomaliesHigher() throws {
        var model = Self.small(epochs: 20)
        var g = Xoshiro256StarStar(seed: 3)
        try model.fit(Self.rows(400, anomalies: 0, seed: 1).x, generator: &g)
        let test = Self.rows(400, anomalies: 40, seed: 2)
        // The reconstruction scores and the feature distance separate well; the critic's
        // cross-entropy (ch) is the weakest score, as in the paper, but better than chance.
        for (variant, floor) in [("fm", 0.8), ("l1", 0.8), ("l2", 0.8), ("ch", 0.55)] {
            let auroc = try BinaryCurve(scores: try model.scores(test.x, variant: variant), labels: test.labels).auroc
            #expect(auroc > floor, "\(variant): AUROC \(auroc); \(model.fitSummary)")
        }
        // Two computations that must agree to the bit: no other test may change the BLAS thread count between them.
        let (plain, fm) = try BLAS.steadyThreadCount { (try model.scores(test.x), try model.scores(test.x, variant: "fm")) }
        #expect(plain == fm)
        #expect(model.fitSummary.contains("architecture kdd, latent 2, 20 epochs × 12 batches of 32"), "\(model.fitSummary)")
    }

    @Test func scoresAreTheirDefinitions() throws {
        var model = Self.small(epochs: 2)
        var g = Xoshiro256StarStar(seed: 4)
        try model.fit(Self.rows(100, anomalies: 0, seed: 5).x, generator: &g)
        let x = Self.rows(6, anomalies: 3, seed: 6).x
        let nets = try #require(model.trainedNetworks)
        let input = x.tensor()
        let (reconstruction, real, fake, logit) = nets.inference { () -> ([Float], [Float], [Float], [Float]) in
            let r = nets.generator(nets.encoder(input))
            return (r.data, nets.dxx(input, input).features.data, nets.dxx(input, r).features.data, nets.dxx(input, r).logit.data)
        }
        let l1 = try model.scores(x, variant: "l1"), l2 = try model.scores(x, variant: "l2")
        let fm = try model.scores(x, variant: "fm"), ch = try model.scores(x, variant: "ch")
        let width = real.count / 6
        for row in 0..<6 {
            let d = (0..<8).map { Double(x[row, $0]) - Double(reconstruction[row * 8 + $0]) }
            #expect(abs(l1[row] - d.map(abs).reduce(0, +)) < 1e-4 * max(1, l1[row]))
            #expect(abs(l2[row] - d.map { $0 * $0 }.reduce(0, +).squareRoot()) < 1e-4 * max(1, l2[row]))
            let f = (0..<width).map { abs(Double(real[row * width + $0]) - Double(fake[row * width + $0])) }.reduce(0, +)
            #expect(abs(fm[row] - f) < 1e-4 * max(1, f))
            // BCE(logit, 1) = −log σ(logit).
            #expect(abs(ch[row] + log(1 / (1 + exp(-Double(logit[row]))))) < 1e-5)
        }
        #expect(throws: DataError.self) { _ = try model.scores(x, variant: "l3") }
    }

    @Test func sameSeedSameScoresAndTheDiscriminatorsAreTrainableAfterwards() throws {
        // The same bits twice: no concurrently running test may change the BLAS thread count.
        try BLAS.steadyThreadCount {
            let data = Self.rows(200, anomalies: 10, seed: 7).x
            var a = Self.small(epochs: 3), b = Self.small(epochs: 3)
            var g1 = Xoshiro256StarStar(seed: 9), g2 = Xoshiro256StarStar(seed: 9)
            try a.fit(data, generator: &g1)
            try b.fit(data, generator: &g2)
            #expect(try a.scores(data) == (try b.scores(data)))
            #expect(try #require(a.trainedNetworks).parameters.allSatisfy(\.requiresGrad))
        }
    }

    /// The code's one Adam object: the steps' β powers advance together, so the early steps are
    /// larger and the fit differs from separate optimizers'; the summary says so.
    @Test func sharedAdamPowersChangeTheFitAndAreNamedInTheSummary() throws {
        let data = Self.rows(200, anomalies: 10, seed: 7).x
        var separate = Self.small(epochs: 2), shared = Self.small(epochs: 2)
        separate.sharedAdam = false
        #expect(shared.sharedAdam, "the code's shared object is the default")
        var g1 = Xoshiro256StarStar(seed: 9), g2 = Xoshiro256StarStar(seed: 9)
        try separate.fit(data, generator: &g1)
        try shared.fit(data, generator: &g2)
        #expect(try separate.scores(data) != (try shared.scores(data)))
        #expect(shared.fitSummary.contains("β powers shared") && !separate.fitSummary.contains("β powers shared"), "\(shared.fitSummary)")
        #expect(separate.fitSummary.contains("one Adam per step (shared_adam=false)"), "\(separate.fitSummary)")
    }

    /// A snapshot after epoch k of a longer run scores as a k-epoch run does, every variant to
    /// the bit, and the run's own scores are those of a run without snapshots: scoring part-way
    /// changes nothing the training reads (weights, modes, random numbers, batch-norm statistics).
    @Test func snapshotsScoreAsShorterRunsAndLeaveTheTrainingAsItWas() throws {
        let data = Self.rows(200, anomalies: 0, seed: 21).x, test = Self.rows(60, anomalies: 10, seed: 22).x
        func scores(_ model: ALADDetector) throws -> [String: [Double]] {
            var all: [String: [Double]] = [:]
            for variant in model.scoreVariants { all[variant] = try model.scores(test, variant: variant) }
            return all
        }
        try BLAS.steadyThreadCount {
            var withSnapshots = Self.small(epochs: 5)
            withSnapshots.snapshotEpochs = [2, 4]
            var seen: [Int: [String: [Double]]] = [:]
            withSnapshots.onSnapshot = { epoch, model in
                let alad = try #require(model as? ALADDetector)
                #expect(alad.fitSummary == "snapshot after epoch \(epoch) of 5")
                seen[epoch] = try scores(alad)
            }
            var g = Xoshiro256StarStar(seed: 23)
            try withSnapshots.fit(data, generator: &g)
            #expect(seen.keys.sorted() == [2, 4])
            for epochs in [2, 4, 5] {
                var plain = Self.small(epochs: epochs)
                var g = Xoshiro256StarStar(seed: 23)
                try plain.fit(data, generator: &g)
                let expected = try scores(plain)
                let got = epochs == 5 ? try scores(withSnapshots) : seen[epochs]
                #expect(got == expected, "after \(epochs) epochs")
                #expect(expected["fm"] != seen[epochs == 2 ? 4 : 2]?["fm"], "the snapshots differ from one another")
            }
        }
    }

    @Test func snapshotsPastTheRunAndTheirErrorsAreReported() throws {
        let data = Self.rows(100, anomalies: 0, seed: 24).x
        for late in [0, 3, 7] {
            var model = Self.small(epochs: 3)
            model.snapshotEpochs = [1, late]
            model.onSnapshot = { _, _ in }
            var g = Xoshiro256StarStar(seed: 1)
            #expect(throws: DataError.self, "snapshot after epoch \(late) of 3") { try model.fit(data, generator: &g) }
        }
        // An error from the snapshot ends the training and comes out of fit.
        struct Full: Error {}
        var model = Self.small(epochs: 4)
        model.snapshotEpochs = [1, 2]
        var calls = 0
        model.onSnapshot = { _, _ in
            calls += 1
            throw Full()
        }
        var g = Xoshiro256StarStar(seed: 1)
        #expect(throws: Full.self) { try model.fit(data, generator: &g) }
        #expect(calls == 1)
    }

    @Test func fewerRowsThanABatchIsAUsageError() {
        var model = ALADDetector(epochs: 1)
        var g = Xoshiro256StarStar(seed: 1)
        #expect(throws: DataError.self) { try model.fit(Self.rows(40, anomalies: 0, seed: 1).x, generator: &g) }
    }

    @Test func parametersAreReadAndChecked() throws {
        var p = try DetectorParameters(detector: "alad", parsing: ["arch=arrhythmia", "latent=16", "batch=8", "dzz=false", "score=l2", "shared_adam=false"])
        let model = try #require(try ALADDetector.info.make(&p) as? ALADDetector)
        #expect(model.architecture == .arrhythmia && model.latent == 16 && model.batchSize == 8 && !model.useDZZ && model.score == .l2)
        #expect(!model.sharedAdam)
        var bad = try DetectorParameters(detector: "alad", parsing: ["score=cosine"])
        #expect(throws: DataError.self) { _ = try ALADDetector.info.make(&bad) }
        var defaults = DetectorParameters(detector: "alad")
        let plain = try #require(try ALADDetector.info.make(&defaults) as? ALADDetector)
        #expect(plain.architecture == nil && plain.latent == nil && plain.batchSize == nil && plain.epochs == nil
                && plain.useDZZ && plain.score == .fm && plain.sharedAdam)
        #expect(ALADNetworks.Architecture.kdd.defaultEpochs == 100 && ALADNetworks.Architecture.arrhythmia.defaultEpochs == 1000)
    }
}
