import Testing
import Metrics

/// Downsampled plot curves.
@Suite struct CurveDownsamplingTests {
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
