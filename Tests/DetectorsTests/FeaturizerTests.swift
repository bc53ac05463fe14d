import Testing
@testable import Detectors

@Suite struct FeaturizerTests {
    @Test func oneHotMultiHotAndNumericColumns() throws {
        let folder = smallDataset()
        let train = try DatasetSplit.read(folder, split: "train")
        let test = try DatasetSplit.read(folder, split: "test")
        let featurizer = Featurizer(train: train, scaling: .none)
        #expect(featurizer.featureCount == 2 + 3 + 4)
        let x = featurizer.transform(test)
        // Row 18: a=40, b=-30, c=1, m = 0 0 0 0.
        #expect(x.row(18) == [40, -30, 0, 1, 0, 4, 0, 0, 0])
    }

    @Test func scalingUsesTrainingStatisticsOnly() throws {
        let folder = smallDataset()
        let train = try DatasetSplit.read(folder, split: "train")
        let standard = Featurizer(train: train, scaling: .standard).transform(train)
        for j in 0..<standard.columns {
            let column = (0..<standard.rows).map { standard[$0, j] }
            let mean = column.reduce(0, +) / Double(column.count)
            #expect(abs(mean) < 1e-12)
        }
        let minmax = Featurizer(train: train, scaling: .minmax).transform(train)
        #expect(minmax.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        let test = try DatasetSplit.read(folder, split: "test")
        // Test values beyond the training range leave [0, 1].
        #expect(Featurizer(train: train, scaling: .minmax).transform(test)[18, 0] > 1)
    }

    @Test func highCardinalityIsHashed() throws {
        let folder = smallDataset()
        let train = try DatasetSplit.read(folder, split: "train")
        let featurizer = Featurizer(train: train, scaling: .none, maxOneHot: 2, hashBuckets: 8)
        #expect(featurizer.featureCount == 2 + 8 + 8)
        let x = featurizer.transform(train)
        #expect(x.row(0)[2..<10].reduce(0, +) == 1)     // one categorical id → one bucket
        #expect(x.row(0)[10..<18].reduce(0, +) == 2)    // two ids in the multi-valued column
    }
}
