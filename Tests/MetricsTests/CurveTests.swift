import Testing
import Metrics

/// ROC and PR point arrays (sklearn layouts) and the downsampled plot curves.
@Suite struct CurveTests {
    @Test("sklearn docstring example: roc_curve and precision_recall_curve arrays")
    func sklearnExample() throws {
        let curve = try BinaryCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])
        let roc = curve.rocCurve()
        #expect(roc.falsePositiveRate == [0, 0, 0.5, 0.5, 1])
        #expect(roc.truePositiveRate == [0, 0.5, 0.5, 1, 1])
        #expect(roc.thresholds == [.infinity, 0.8, 0.4, 0.35, 0.1])
        let pr = curve.precisionRecallCurve()
        #expect(pr.precision == [0.5, 2.0 / 3.0, 0.5, 1, 1])
        #expect(pr.recall == [1, 1, 0.5, 0.5, 0])
        #expect(pr.thresholds == [0.1, 0.35, 0.4, 0.8])
    }

    @Test("drop_intermediate drops only equal consecutive steps (collinear unequal steps stay)")
    func dropIntermediate() throws {
        // Cumulative (fp, tp): (1,1), (3,2), (7,4) are collinear with unequal steps: all kept.
        let unequal = try BinaryCurve(scores: [9, 8, 8, 8, 7, 7, 7, 7, 7, 7],
                                      labels: [true, false, false, true, false, false, false, false, true, true])
        #expect(unequal.rocCurve().count == 4)
        // Equal steps (1,1), (2,2), (3,3): the middle point goes.
        let equal = try BinaryCurve(scores: [3, 3, 2, 2, 1, 1], labels: [true, false, true, false, true, false])
        #expect(equal.rocCurve().thresholds == [.infinity, 3, 1])
        #expect(equal.rocCurve(dropIntermediate: false).count == 4)
    }

    @Test("downsampled curves: at most maxPoints, ends and optima kept, small curves unchanged")
    func downsampled() throws {
        let input = Fixtures.instance("rand_100k_segments_shuffled")
        let curve = try BinaryCurve(scores: input.scores, labels: input.labels)
        let roc = curve.rocCurve(maxPoints: 2000)
        let pr = curve.precisionRecallCurve(maxPoints: 2000)
        #expect(roc.count <= 2000 && roc.count > 1000)
        #expect(pr.count <= 2000 && pr.count > 1000)
        #expect(roc.thresholds.first == .infinity)
        #expect(roc.thresholds[1] == curve.thresholds.first)
        #expect(roc.thresholds.last == curve.thresholds.last)
        #expect(roc.falsePositiveRate.last == 1 && roc.truePositiveRate.last == 1)
        #expect(pr.precision.last == 1 && pr.recall.last == 0)
        #expect(pr.thresholds.first == curve.thresholds.last && pr.thresholds.last == curve.thresholds.first)
        for t in [curve.youden().threshold, curve.bestF1().threshold] {
            #expect(roc.thresholds.contains(t))
            #expect(pr.thresholds.contains(t))
        }
        // Monotone in the plot order, and every point is a point of the full curve.
        #expect(zip(roc.thresholds, roc.thresholds.dropFirst()).allSatisfy { $0 > $1 })
        let small = try BinaryCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])
        #expect(small.rocCurve(maxPoints: 2000) == small.rocCurve())
        #expect(small.precisionRecallCurve(maxPoints: 2000) == small.precisionRecallCurve())
    }

    @Test("plotCurves shares one selection and keeps the cut-offs' threshold indices")
    func plotCurves() throws {
        let input = Fixtures.instance("rand_100k_poisson_int")
        let curve = try BinaryCurve(scores: input.scores, labels: input.labels)
        let marked = [curve.youden().thresholdIndex!, curve.topContamination().thresholdIndex!]
        let (roc, pr) = curve.plotCurves(maxPoints: 64, marked: marked)
        if curve.thresholdCount + 1 > 64 {
            #expect(roc.count <= 64 && pr.count <= 64)
            #expect(roc.count == pr.count)
        }
        for k in marked { #expect(roc.thresholds.contains(curve.thresholds[k])) }
        let fixed = curve.threshold(0.5)
        #expect(fixed.thresholdIndex.map { curve.thresholds[$0] >= 0.5 } ?? true)
        #expect(curve.threshold(.infinity).thresholdIndex == nil)
    }
}
