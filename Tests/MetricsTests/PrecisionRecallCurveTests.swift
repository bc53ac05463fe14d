import Testing
import Metrics

/// Precision-recall point arrays in sklearn's layout.
@Suite struct PrecisionRecallCurveTests {
    @Test("sklearn docstring example: precision_recall_curve arrays, PR drop_intermediate")
    func sklearnPR() throws {
        let curve = try BinaryCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])
        let pr = curve.precisionRecallCurve()
        #expect(pr.precision == [0.5, 2.0 / 3.0, 0.5, 1, 1])
        #expect(pr.recall == [1, 1, 0.5, 0.5, 0])
        #expect(pr.thresholds == [0.1, 0.35, 0.4, 0.8])
        // Runs of equal TP keep only their first and last point: TP = 0,0,0,1,1,1,2 -> 5 of 7.
        let runs = try BinaryCurve(scores: [7, 6, 5, 4, 3, 2, 1], labels: [false, false, false, true, false, false, true])
        #expect(runs.precisionRecallCurve(dropIntermediate: true).thresholds == [1, 2, 4, 5, 7])
        #expect(runs.precisionRecallCurve(dropIntermediate: true).count == 6)
    }
}
