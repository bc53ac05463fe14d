import Testing
@testable import Metrics
import TestSupport

@Suite struct SeriesLabelsTests {
    @Test("runs are the maximal runs of non-zero entries")
    func runs() {
        #expect(SeriesLabels.runs(of: []) == [])
        #expect(SeriesLabels.runs(of: [0, 0]) == [])
        #expect(SeriesLabels.runs(of: [1, 1, 0, 1, 0, 0, 1]) == [0...1, 3...3, 6...6])
    }

    @Test("every series vector: its ranges match the summary", arguments: TS.seriesCases)
    func rangesMatchSummary(name: String) throws {
        let labels = try TS.labels(name)
        let summary = TimeSeriesVectors.vectorCase(name)["summary"]!
        #expect(labels.positives == summary["n_anomalies"]?.int)
        let listed = (summary["label_ranges"]?.array ?? []).map { pair in pair[0]!.int!...pair[1]!.int! }
        #expect(Array(labels.ranges.prefix(listed.count)) == listed)
        let prediction = try TS.prediction(name)
        #expect(prediction.flagged == summary["n_flagged"]?.int)
        #expect(prediction.ranges.count == summary["pred_ranges_count"]?.int)
    }

    @Test("errors: empty, bad label, single class")
    func errors() {
        #expect(throws: MetricsError.empty) { try SeriesLabels([]) }
        #expect(throws: MetricsError.invalidLabel(index: 1)) { try SeriesLabels([0, 2, 1]) }
        #expect(throws: MetricsError.singleClass(positives: 0, count: 3)) { try SeriesLabels([0, 0, 0]) }
        #expect(throws: MetricsError.singleClass(positives: 2, count: 2)) { try SeriesLabels([1, 1]) }
        #expect(throws: MetricsError.invalidPrediction(index: 0)) { try SeriesPrediction(flags: [3, 0]) }
        #expect((try? SeriesPrediction(flags: [2]))?.count == nil)
        #expect(MetricsError.invalidPrediction(index: 0).code == "bad_label")
        #expect(MetricsError.invalidWindow(-1).code == "bad_window")
    }

    @Test("predictions from scores: s >= t, or TSB-AD's s > t")
    func predictionFromScores() {
        let scores = [0.1, 0.5, 0.5, 0.2, 0.9]
        #expect(SeriesPrediction(scores: scores, threshold: 0.5).ranges == [1...2, 4...4])
        #expect(SeriesPrediction(scores: scores, threshold: 0.5, rule: .above).ranges == [4...4])
        #expect(SeriesPrediction(scores: scores, threshold: 0.5).flags == [0, 1, 1, 0, 1])
    }

    /// The series vectors whose prediction is made from their scores (`score >= threshold`);
    /// the others (`given`) ship a prediction of their own.
    static let scoreRuleCases = TS.seriesCases.filter {
        TimeSeriesVectors.vectorCase($0)["params"]?["pred_rule"]?.string == "score >= threshold"
    }

    @Test("the series vectors' prediction rules: 42 from the scores, 5 given, nothing else")
    func predictionRules() {
        let rules = TS.seriesCases.map { TimeSeriesVectors.vectorCase($0)["params"]?["pred_rule"]?.string ?? "none" }
        #expect(rules.count == 47)
        #expect(Self.scoreRuleCases.count == 42)
        #expect(rules.filter { $0 == "given" }.count == 5)
    }

    @Test("every score-rule vector's prediction is its rule's", arguments: Self.scoreRuleCases)
    func predictionRule(name: String) throws {
        let t = try #require(TimeSeriesVectors.vectorCase(name)["params"]?["threshold"]?.double, "\(name): no threshold")
        let x = TS.input(name)
        #expect(SeriesPrediction(scores: x.scores, threshold: t).flags == x.prediction)
    }
}
