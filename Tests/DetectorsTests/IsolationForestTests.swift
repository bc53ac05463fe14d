import Testing
import Randomness
@testable import Detectors

@Suite struct IsolationForestTests {
    @Test func averagePathLengthMatchesScikitLearn() {
        // sklearn.ensemble._iforest._average_path_length([1, 2, 3, 256]).
        #expect(IsolationForest.averagePathLength(1) == 0)
        #expect(IsolationForest.averagePathLength(2) == 1)
        #expect(abs(IsolationForest.averagePathLength(3) - 1.207392357589623) < 1e-12)
        #expect(abs(IsolationForest.averagePathLength(256) - 10.244770920119917) < 1e-12)
    }

    @Test func findsOutliers() throws {
        #expect(try auroc(of: IsolationForest()) > 0.95)
    }

    @Test func sameSeedSameScoresAndScoreRange() throws {
        let (a, b) = try twice(IsolationForest(trees: 20))
        #expect(a == b)
        #expect(a.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test func differentSeedsDiffer() throws {
        let data = blobs(normal: 200, anomalies: 10, seed: 5)
        var a = IsolationForest(trees: 10), b = IsolationForest(trees: 10)
        var g1 = Xoshiro256StarStar(seed: 1), g2 = Xoshiro256StarStar(seed: 2)
        try a.fit(data.x, generator: &g1)
        try b.fit(data.x, generator: &g2)
        #expect(try a.scores(data.x) != b.scores(data.x))
    }

    @Test func constantFeaturesMakeLeaves() throws {
        var model = IsolationForest(trees: 5)
        var g = Xoshiro256StarStar(seed: 1)
        let x = Matrix(rows: 50, columns: 3, repeating: 2)
        try model.fit(x, generator: &g)
        let scores = try model.scores(x)
        // Every row ends in the root leaf: h = c(50), score = 2^-1 = 0.5.
        #expect(scores.allSatisfy { abs($0 - 0.5) < 1e-12 })
    }
}
