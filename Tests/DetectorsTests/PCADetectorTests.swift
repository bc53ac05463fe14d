import Testing
import Randomness
@testable import Detectors

@Suite struct PCADetectorTests {
    @Test func rowsOnTheTrainingPlaneScoreZero() throws {
        // Training rows on the plane z = x + y; one component set keeps two directions.
        var g = Xoshiro256StarStar(seed: 4)
        var rows: [[Double]] = []
        for _ in 0..<200 {
            let x = g.standardNormal(), y = g.standardNormal()
            rows.append([x, y, x + y])
        }
        var model = PCADetector(components: 2)
        try model.fit(Matrix(rows), generator: &g)
        let scores = try model.scores(Matrix([[1, 2, 3], [1, 2, -3]]))
        #expect(scores[0] < 1e-9)
        // Distance² of (1,2,−3) − mean from the plane ≈ (x + y − z)²/3 = 36/3.
        #expect(abs(scores[1] - 12) < 0.5)
    }

    @Test func findsOutliers() throws {
        #expect(try auroc(of: PCADetector(components: 2)) > 0.7)
    }
}
