import DataIO
import Foundation
import Testing
@testable import Evaluation
@testable import Metrics

/// The evaluator's time-series part on hand-made series (the vectors run end to end in
/// `EvaluateSeriesEndToEndTests`).
@Suite struct SeriesEvaluationTests {
    static func run(scores: [Double], labels: [UInt8], series: [String]? = nil, window: SeriesOptions.WindowChoice = .fixed(4),
                    cutoffs: [String] = ["top:contamination"]) throws -> SeriesResult {
        var options = EvaluationOptions()
        options.cutoffs = try cutoffs.map { try CutoffSpec(parsing: $0) }
        var s = SeriesOptions()
        s.window = window
        options.series = s
        let input = RunInput(file: "s.csv", column: "score", group: nil, scores: scores, labels: labels, blocks: nil, seriesIds: series)
        let curve = try BinaryCurve(scores: scores, labels: labels)
        let runCutoffs = options.cutoffs.map { CutoffResult(spec: $0, cutoff: curve.cutoff($0.rule)) }
        return try SeriesEvaluation.evaluate(input, options: options, series: s, runCutoffs: runCutoffs, labelSource: "l.csv")
    }

    @Test("one series: VUS and the figures at the cut-off equal the metric core's; baselines are seeded")
    func single() throws {
        let x = TimeSeriesVectors.input("rand_300_sparse_w12")
        let result = try Self.run(scores: x.scores, labels: x.labels, window: .fixed(12))
        let s = try #require(result.series.first)
        let curve = try SeriesCurve(scores: x.scores, labels: x.labels)
        #expect(s.vus == (try curve.volumeUnderSurface(window: 12)))
        #expect(s.rangeAUC == (try curve.rangeAUC(window: 12)))
        #expect(s.windowRule == "given" && result.mean == nil)
        let cut = try #require(s.cutoffs.first)
        let p = SeriesPrediction(scores: x.scores, threshold: curve.curve.cutoff(.topContamination).threshold)
        #expect(cut.point == (try p.confusion(against: curve.labels)))
        #expect(cut.pointAdjusted.map(\.k) == [0, 20, 50, 80, 100])
        // The constant score flags everything: PA F1 = 2P/(n + P).
        let n = Double(x.scores.count), positives = Double(curve.labels.positives)
        #expect(cut.constantPointAdjustedF1[0] == 2 * positives / (n + positives))
        let again = try Self.run(scores: x.scores, labels: x.labels, window: .fixed(12))
        #expect(again.series[0].randomBaseline.vus == s.randomBaseline.vus)
        #expect(s.namedMetrics.contains { $0.0 == "top:contamination.pa_k0_f1_inflated" })
    }

    @Test("a series column: each series scored alone, the mean over series, the automatic window without values is 100")
    func several() throws {
        let a = TimeSeriesVectors.input("rand_100_signal_w10"), b = TimeSeriesVectors.input("rand_150_lagged_w16")
        let result = try Self.run(scores: a.scores + b.scores, labels: a.labels + b.labels,
                                  series: [String](repeating: "a", count: a.scores.count) + [String](repeating: "b", count: b.scores.count),
                                  window: .automatic)
        #expect(result.series.map(\.name) == ["a", "b"])
        #expect(result.series.allSatisfy { $0.window == 100 && $0.windowRule == "default" })
        let alone = try SeriesCurve(scores: b.scores, labels: b.labels).volumeUnderSurface(window: 100)
        #expect(result.series[1].vus == alone)
        let mean = try #require(result.mean?.metrics.first { $0.name == "vus_pr" }?.value)
        #expect(abs(mean - (result.series[0].vus.pr + result.series[1].vus.pr) / 2) < 1e-16)
    }

    @Test("a series with one class is an error naming the series")
    func singleClassSeries() throws {
        #expect {
            _ = try Self.run(scores: [0.1, 0.9, 0.2, 0.3], labels: [0, 1, 0, 0], series: ["a", "a", "b", "b"])
        } throws: { error in
            let e = error as? DataError
            return e?.code == .singleClass && e!.description.contains("series 'b' has 0 anomalies among 2 points")
        }
    }
}
