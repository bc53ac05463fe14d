import Testing
@testable import Metrics
import TestSupport

@Suite struct VolumeUnderSurfaceTests {
    @Test("VUS-ROC, VUS-PR (and per buffer length) equal TSB-AD 1.5 / vus 0.0.6", arguments: TS.seriesCases)
    func vector(name: String) throws {
        let x = TS.input(name), e = TS.expected(name)
        let vus = try TS.curve(name).volumeUnderSurface(window: x.window)
        #expect(vus.window == x.window)
        expectMatches(vus.roc, e["vus_roc"], "\(name) vus_roc")
        expectMatches(vus.pr, e["vus_pr"], "\(name) vus_pr")
        if let perWindow = e["vus_roc_per_window"]?.array {
            #expect(perWindow.count == vus.rocPerWindow.count)
            for (w, value) in perWindow.enumerated() { expectMatches(vus.rocPerWindow[w], value, "\(name) ROC_\(w)") }
        }
        if let perWindow = e["vus_pr_per_window"]?.array {
            for (w, value) in perWindow.enumerated() { expectMatches(vus.prPerWindow[w], value, "\(name) PR_\(w)") }
        }
    }

    @Test("constant scores: the closed form ROC_w = 1 - FPR_w/2, PR_w = (P + S_w)/n")
    func constantClosedForm() throws {
        let labels: [UInt8] = [0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0]
        let curve = try SeriesCurve(scores: [Double](repeating: 0.3, count: 12), labels: labels)
        let vus = try curve.volumeUnderSurface(window: 4)
        let series = try SeriesLabels(labels)
        for w in 0...4 {
            let s = try BufferedLabels(labels: series, window: w).weights.reduce(0, +)
            let fpr = (12 - 3 - s) / (12 - 3 - s / 2)
            #expect(abs(vus.rocPerWindow[w] - (1 - fpr / 2)) < 1e-15)
            #expect(abs(vus.prPerWindow[w] - (3 + s) / 12) < 1e-15)
        }
    }

    @Test("W = 1 equals W = 0; the curves are kept on request")
    func windowOne() throws {
        let curve = try TS.curve("rand_400_w1")
        let zero = try curve.volumeUnderSurface(window: 0), one = try curve.volumeUnderSurface(window: 1)
        #expect(zero.roc == one.roc && zero.pr == one.pr)
        let kept = try curve.volumeUnderSurface(window: 3, keepingCurves: true)
        #expect(kept.curves.count == 4 && kept.curves[0].tpr.count == 250)
    }
}
