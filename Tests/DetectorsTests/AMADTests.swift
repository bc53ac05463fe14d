import DataIO
import Metrics
import Randomness
import Tensor
import Testing
@testable import Datasets
@testable import Detectors

@Suite struct AMADTests {
    /// A small zigzag: 3 categorical attributes (a, a + 5, a + 10) mod 15 with a stepping +1 per
    /// row; `anomalies` rows (from row `anomaliesFrom` on, every other row) replaced by ids drawn
    /// uniformly; labels true there.
    static func zigzag(_ name: String, rows: Int, start: Int = 0, anomaliesFrom: Int? = nil, seed: UInt64 = 1)
        -> (split: DatasetSplit, labels: [Bool]) {
        var g = Xoshiro256StarStar(seed: seed)
        var columns = [[Double]](repeating: [], count: 3), labels: [Bool] = []
        for r in 0..<rows {
            let anomalous = anomaliesFrom.map { r >= $0 && r % 2 == 1 } ?? false
            let a = (start + r) % 15
            for c in 0..<3 {
                columns[c].append(Double(anomalous ? Int(g.next() % 15) : (a + 5 * c) % 15))
            }
            labels.append(anomalous)
        }
        let split = DatasetSplit(split: name, ids: (0..<rows).map { "\(start + $0)" },
                                 columns: (1...3).map { ColumnSchema(name: "attr\($0)", type: .categorical, cardinality: 15) },
                                 numbers: columns, lists: [[], [], []])
        return (split, labels)
    }

    static func fitted(_ detector: AMADDetector = AMADDetector(epochs: 3, blockSize: 20), seed: UInt64 = 1) throws -> AMADDetector {
        var model = detector
        var g = Xoshiro256StarStar(seed: seed)
        try model.fit(records: zigzag("train", rows: 300).split, generator: &g)
        return model
    }

    @Test func scoresEveryRowAndBlockAndTheSameSeedGivesTheSameScores() throws {
        // The same bits twice: no concurrently running test may change the BLAS thread count.
        try BLAS.steadyThreadCount {
            let test = Self.zigzag("test", rows: 110, start: 300, anomaliesFrom: 0).split
            let a = try Self.fitted().scores(records: test, followsTraining: true)
            let b = try Self.fitted().scores(records: test, followsTraining: true)
            #expect(a.instances.count == 110 && a.blocks?.count == 6 && a.blockSize == 20)   // 5 blocks of 20, one of 10
            #expect(a.instances == b.instances && a.blocks == b.blocks)
            #expect(!a.instances.contains { !$0.isFinite })
            let other = try Self.fitted(seed: 2).scores(records: test, followsTraining: true)
            #expect(other.instances != a.instances)
            // The memory carried over from training changes the first block's scores.
            let fresh = try Self.fitted().scores(records: test, followsTraining: false)
            #expect(fresh.instances[0..<20] != a.instances[0..<20])
        }
    }

    /// Eqs. 16-17 on one fitted model: the instance score `z_I = L_G^I + β·L_D^I` and the block
    /// score `z_B = L_G^B + β·L_D^B + γ·mean(z_I)` (β = 0.3, γ = 0.05), with the losses computed
    /// here from the fitted network, block after block from the state training left (as a test
    /// split that follows training is scored), and compared within a relative 10⁻⁵. Every term is
    /// checked to weigh far more than that tolerance, so dropping one, swapping β and γ or
    /// starting a block from the wrong memory fails. With `block_loss=false` (the paper's
    /// "−BlockLoss", a scoring switch: the same weights) the block score is the mean instance
    /// score alone, and it differs from the full one.
    @Test func blockScoresFollowEquation17() throws {
        let test = Self.zigzag("test", rows: 60, start: 300, anomaliesFrom: 0).split
        let model = try Self.fitted(AMADDetector(epochs: 2, blockSize: 20))
        #expect(model.blockLoss && model.beta == 0.3 && model.gamma == 0.05 && !model.meanGeneratorLoss)
        let full = try model.scores(records: test, followsTraining: true)
        var withoutBlockLoss = model
        withoutBlockLoss.blockLoss = false
        let plain = try withoutBlockLoss.scores(records: test, followsTraining: true)
        #expect(full.instances == plain.instances)
        let fitted = try #require(model.trained)
        let (net, lists) = (fitted.network, try fitted.vocabulary.encode(test))
        var memory = fitted.lastState
        #expect(memory != nil && full.blocks?.count == 3 && plain.blocks?.count == 3)
        for k in 0..<3 {
            let rows = Array((k * 20)..<((k + 1) * 20))
            let (generatorI, discriminatorI, generatorB, discriminatorB, state) = net.inference {
                let pass = net.forward(lists, rows: rows, streams: 1, memory: memory, noise: nil)
                return (AMADNetwork.generatorLoss(real: pass.instance, resembled: pass.resembled, mean: false).data.map(Double.init),
                        AMADNetwork.discriminatorLoss(net.instanceDiscriminator, real: pass.instance, resembled: pass.resembled).data.map(Double.init),
                        Double(AMADNetwork.generatorLoss(real: pass.block, resembled: pass.resembledBlock, mean: false).item),
                        Double(AMADNetwork.discriminatorLoss(net.blockDiscriminator, real: pass.block, resembled: pass.resembledBlock).item),
                        pass.state)
            }
            memory = state
            for (i, row) in rows.enumerated() {
                let expected = generatorI[i] + 0.3 * discriminatorI[i]
                #expect(abs(full.instances[row] - expected) <= 1e-5 * abs(expected), "row \(row): z_I \(full.instances[row]), Eq. 16 \(expected)")
            }
            let mean = full.instances[rows.first!...rows.last!].reduce(0, +) / 20
            let terms = [generatorB, 0.3 * discriminatorB, 0.05 * mean]
            let expected = terms.reduce(0, +)
            #expect(terms.allSatisfy { $0 > 1e-3 * expected }, "block \(k): terms \(terms)")
            #expect(abs(full.blocks![k] - expected) <= 1e-5 * expected, "block \(k): z_B \(full.blocks![k]), Eq. 17 \(expected) = \(terms)")
            #expect(abs(plain.blocks![k] - mean) <= 1e-5 * abs(mean), "block \(k): −BlockLoss \(plain.blocks![k]), mean z_I \(mean)")
            #expect(abs(full.blocks![k] - plain.blocks![k]) > 1e-2 * abs(plain.blocks![k]), "block \(k)")
        }
    }

    /// Rows of random ids among the zigzag score higher than the zigzag's own rows.
    @Test func randomIdsScoreHigher() throws {
        let model = try Self.fitted(AMADDetector(epochs: 15, blockSize: 20, pooling: .concatenate))
        let (test, labels) = Self.zigzag("test", rows: 400, start: 300, anomaliesFrom: 0, seed: 9)
        let scores = try model.scores(records: test, followsTraining: true).instances
        let auroc = try BinaryCurve(scores: scores, labels: labels).auroc
        #expect(auroc > 0.75, "AUROC \(auroc)")
    }

    @Test func everyVariantTrainsAndScores() throws {
        let test = Self.zigzag("test", rows: 40, start: 300).split
        for detector in [AMADDetector(epochs: 1, blockSize: 20, streams: 3, noise: 0, relative: false),
                         AMADDetector(epochs: 1, blockSize: 7, sharedIds: true, meanGeneratorLoss: true, rmsprop: .pytorch,
                                      discriminatorUpdatesAll: false)] {
            let result = try Self.fitted(detector).scores(records: test, followsTraining: true)
            #expect(result.instances.count == 40 && !result.instances.contains { !$0.isFinite })
            #expect(result.blocks?.count == (40 + detector.rowsPerBlock - 1) / detector.rowsPerBlock)
        }
    }

    @Test func theBlockSizeComesFromTheParameterThenTheDataset() throws {
        var p = DetectorParameters(detector: "amad")
        var model = try AMADDetector.info.make(&p) as! AMADDetector
        #expect(model.rowsPerBlock == 100)
        model.datasetBlockSize = 50
        #expect(model.rowsPerBlock == 50)
        var q = try DetectorParameters(detector: "amad", parsing: ["block=30"])
        model = try AMADDetector.info.make(&q) as! AMADDetector
        model.datasetBlockSize = 50
        #expect(model.rowsPerBlock == 30)
        var bad = try DetectorParameters(detector: "amad", parsing: ["block=1"])
        #expect(throws: DataError.self) { try AMADDetector.info.make(&bad) }
    }

    @Test func aFeatureMatrixOrTooFewRowsAreErrors() throws {
        var model = AMADDetector(epochs: 1, blockSize: 20)
        var g = Xoshiro256StarStar(seed: 1)
        #expect(throws: DataError.self) { try model.fit(Matrix(rows: 2, columns: 1, values: [0, 1]), generator: &g) }
        #expect(throws: DataError.self) { try model.fit(records: Self.zigzag("train", rows: 1).split, generator: &g) }
        #expect(throws: DataError.self) { try model.scores(records: Self.zigzag("test", rows: 5).split, followsTraining: true) }
    }
}
