import Testing
import Metrics

/// ROC point arrays in sklearn's layout and its `drop_intermediate` rule.
@Suite struct ROCCurveTests {
    @Test("sklearn docstring example: roc_curve arrays")
    func sklearnROC() throws {
        let curve = try BinaryCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])
        let roc = curve.rocCurve()
        #expect(roc.falsePositiveRate == [0, 0, 0.5, 0.5, 1])
        #expect(roc.truePositiveRate == [0, 0.5, 0.5, 1, 1])
        #expect(roc.thresholds == [.infinity, 0.8, 0.4, 0.35, 0.1])
    }

    @Test("drop_intermediate drops only equal consecutive steps (collinear unequal steps stay)")
    func dropIntermediate() throws {
        // Cumulative (fp, tp): (1,1), (3,2), (7,4) are collinear with unequal steps: all kept.
        let unequal = try BinaryCurve(scores: [9, 9, 8, 8, 8, 7, 7, 7, 7, 7, 7],
                                      labels: [true, false, false, false, true, false, false, false, false, true, true])
        #expect((0..<3).map { unequal.falsePositives(at: $0) } == [1, 3, 7])
        #expect((0..<3).map { unequal.truePositives(at: $0) } == [1, 2, 4])
        #expect(unequal.rocCurve().count == 4)
        // Equal steps (1,1), (2,2), (3,3): the middle point goes.
        let equal = try BinaryCurve(scores: [3, 3, 2, 2, 1, 1], labels: [true, false, true, false, true, false])
        #expect(equal.rocCurve().thresholds == [.infinity, 3, 1])
        #expect(equal.rocCurve(dropIntermediate: false).count == 4)
    }
}
