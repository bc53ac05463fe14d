import Foundation
import Datasets
import Tensor
import Testing
import TestSupport
@testable import Detectors

@Suite struct FeaturizerTests {
    @Test func oneHotMultiHotAndNumericColumns() throws {
        let folder = smallDataset()
        let train = try DatasetSplit.read(folder, split: "train")
        let test = try DatasetSplit.read(folder, split: "test")
        let featurizer = try Featurizer(train: train, scaling: .none)
        #expect(featurizer.featureCount == 2 + 3 + 4 + 1)
        let x = featurizer.transform(test)
        // Row 18: a=40, b=-30, c=1, m = 0 0 0 0 (four ids); row 19: m empty.
        #expect(x.row(18) == [40, -30, 0, 1, 0, 4, 0, 0, 0, 4])
        #expect(x.row(19).last == 0)
    }

    @Test func scalingUsesTrainingStatisticsOnly() throws {
        let folder = smallDataset()
        let train = try DatasetSplit.read(folder, split: "train")
        let standard = try Featurizer(train: train, scaling: .standard).transform(train)
        for j in 0..<standard.columns {
            let column = (0..<standard.rows).map { standard[$0, j] }
            let mean = column.reduce(0, +) / Double(column.count)
            #expect(abs(mean) < 1e-12)
        }
        let minmax = try Featurizer(train: train, scaling: .minmax).transform(train)
        #expect(minmax.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        let test = try DatasetSplit.read(folder, split: "test")
        // Test values beyond the training range leave [0, 1].
        #expect(try Featurizer(train: train, scaling: .minmax).transform(test)[18, 0] > 1)
    }

    /// Numeric columns read straight into a matrix featurize to the same matrices, fitted and
    /// applied, as the same columns read as columns, for every scaling.
    @Test func aMatrixReadDirectlyGivesTheSameFeatures() throws {
        let folder = numericDataset()
        let train = try DatasetSplit.read(folder, split: "train"), test = try DatasetSplit.read(folder, split: "test")
        for scaling in FeatureScaling.allCases {
            let (columnsWay, trainMatrix) = try Featurizer.fitted(train: train, scaling: scaling)
            let direct = try #require(try DatasetSplit.readMatrix(DatasetFolder(folder), split: "train"))
            var matrix = Matrix(rows: direct.ids.count, columns: direct.columns.count, values: direct.values)
            let matrixWay = try Featurizer.fitted(columns: train.columns, matrix: &matrix, scaling: scaling)
            #expect(matrix == trainMatrix && direct.ids == train.ids, "\(scaling)")
            #expect(trainMatrix == columnsWay.transform(train), "\(scaling)")
            let testDirect = try #require(try DatasetSplit.readMatrix(DatasetFolder(folder), split: "test"))
            var testMatrix = Matrix(rows: testDirect.ids.count, columns: testDirect.columns.count, values: testDirect.values)
            matrixWay.transform(matrix: &testMatrix)
            #expect(testMatrix == columnsWay.transform(test), "\(scaling)")
        }
        // Not for a dataset with categorical or multi-valued columns, nor without the manifest's counts.
        #expect(try DatasetSplit.readMatrix(DatasetFolder(smallDataset()), split: "train") == nil)
        #expect(try DatasetSplit.readMatrix(DatasetFolder(numericDataset(counts: false)), split: "train") == nil)
    }

    @Test func highCardinalityIsHashed() throws {
        let folder = smallDataset()
        let train = try DatasetSplit.read(folder, split: "train")
        let featurizer = try Featurizer(train: train, scaling: .none, maxOneHot: 2, hashBuckets: 8)
        #expect(featurizer.featureCount == 2 + 8 + 8 + 1)
        let x = featurizer.transform(train)
        #expect(x.row(0)[2..<10].reduce(0, +) == 1)     // one categorical id → one bucket
        #expect(x.row(0)[10..<18].reduce(0, +) == 2)    // two ids in the multi-valued column
    }

    /// `lists=embedding`: a multi-valued column becomes the mean of its ids' vectors and the
    /// list's length (ListEmbeddingTests has the vectors of this split: ids 0 and 2 at (q, 0),
    /// id 1 at (0, q), q = 2^{-1/4}).
    @Test func embeddingIsTheMeanOfTheIdVectorsThenTheLength() throws {
        let folder = listDataset(train: ["0 1", "1 2"], test: ["0 2", "1", "", "0 1", "7", "7 0", "1 1"])
        let train = try DatasetSplit.read(folder, split: "train"), test = try DatasetSplit.read(folder, split: "test")
        let featurizer = try Featurizer(train: train, scaling: .none, lists: .embedding(dimension: 2, kind: .learned))
        #expect(featurizer.featureCount == 3)
        let x = featurizer.transform(test)
        let q = pow(2.0, -0.25)
        func close(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 } }
        #expect(close(x.row(0), [q, 0, 2]))
        #expect(close(x.row(1), [0, q, 1]))
        #expect(x.row(2) == [0, 0, 0])                     // an empty list: zero vector, length 0
        #expect(close(x.row(3), [q / 2, q / 2, 2]))
        #expect(close(x.row(6), [0, q, 2]))                 // a repeated id counts twice in the mean
        // An unseen id: its hashed vector; with a seen one, the mean of the two.
        let unseen = featurizer.embedding!.vector(column: 0, id: 7)
        #expect(close(x.row(4), unseen + [1]))
        #expect(close(x.row(5), [(unseen[0] + q) / 2, unseen[1] / 2, 2]))
    }

    @Test func embeddingLeavesOtherColumnsAndIsDeterministic() throws {
        let folder = smallDataset()
        let train = try DatasetSplit.read(folder, split: "train"), test = try DatasetSplit.read(folder, split: "test")
        for kind in ListEmbedding.Kind.allCases {
            // Both to the bit (the learned kind uses BLAS): no other test may change the BLAS thread count meanwhile.
            let (a, b, same) = try BLAS.steadyThreadCount {
                let a = try Featurizer(train: train, scaling: .standard, lists: .embedding(dimension: 5, kind: kind))
                let b = try Featurizer(train: train, scaling: .standard, lists: .embedding(dimension: 5, kind: kind))
                return (a, b, a.transform(test) == b.transform(test))
            }
            #expect(a.featureCount == 2 + 3 + 5 + 1)
            #expect(same)
            let multiHot = try Featurizer(train: train, scaling: .standard)
            #expect(a.transform(test).row(18).prefix(5) == multiHot.transform(test).row(18).prefix(5))
            #expect(a.transform(test).row(19).last == multiHot.transform(test).row(19).last)   // the length column
        }
        // The default is multi-hot, as before.
        #expect(try Featurizer(train: train, scaling: .none).lists == .multiHot)
    }
}
