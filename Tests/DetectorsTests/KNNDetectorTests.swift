import Testing
import Randomness
@testable import Detectors

@Suite struct KNNDetectorTests {
    @Test func kthDistanceIsExact() throws {
        var model = KNNDetector(k: 2)
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(Matrix([[0, 0], [3, 4], [6, 8]]), generator: &g)
        let largest = try model.scores(Matrix([[0, 0], [3, 0]]))
        #expect(abs(largest[0] - 5) < 1e-9)                  // neighbours at 0 and 5
        #expect(abs(largest[1] - 4) < 1e-9)                  // 3 to the origin, 4 to (3,4)
        var mean = KNNDetector(k: 2, method: "mean")
        try mean.fit(Matrix([[0, 0], [3, 4], [6, 8]]), generator: &g)
        #expect(abs(try mean.scores(Matrix([[0, 0]]))[0] - 2.5) < 1e-9)
    }

    @Test func aKAboveTheRowsIsSaidInTheFitSummary() throws {
        var model = KNNDetector(k: 5)
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(Matrix([[0, 0], [3, 4], [6, 8]]), generator: &g)
        #expect(model.fitSummary == "3 reference rows; k=5 is more than the reference rows, so every row is a neighbour (k=3)")
        #expect(abs(try model.scores(Matrix([[0, 0]]))[0] - 10) < 1e-9)   // the farthest of the three
        var fits = KNNDetector(k: 3)
        try fits.fit(Matrix([[0, 0], [3, 4], [6, 8]]), generator: &g)
        #expect(fits.fitSummary == "3 reference rows")
    }

    @Test func findsOutliers() throws {
        #expect(try auroc(of: KNNDetector()) > 0.95)
    }

    @Test func subsamplesLargeTrainingSetsDeterministically() throws {
        let (a, b) = try twice(KNNDetector(maxTrain: 50))
        #expect(a == b)
    }
}
