import DataIO
import Metrics
import Randomness

/// Computes the time-series figures of one run (`Fixtures/ts-metrics/SPEC.md`): the run's rows, in canonical (label
/// file = time) order, split by the labels' `series` column when there is one, each series
/// scored on its own, then averaged.
///
/// Per series: VUS-ROC/PR and range-AUC at W (``SeriesOptions/window``); at each cut-off (the
/// run's rules, applied to the series' own scores; a calibrated threshold as chosen on the
/// validation file): point P/R/F1, PA%K for K = 0, 20, 50, 80, 100 and TSB-AD's PA (both
/// **inflated**), TSB-AD's event-based F1, range-based P/R/F1 and affiliation P/R. Every PA
/// figure is paired with the same figure for a seeded uniform random score and a constant
/// score on the same labels under the same rule, and VUS/range-AUC get the same baselines.
enum SeriesEvaluation {
    static func evaluate(_ input: RunInput, options: EvaluationOptions, series seriesOptions: SeriesOptions,
                         runCutoffs: [CutoffResult], labelSource: String) throws -> SeriesResult {
        var groups: [(name: String?, rows: [Int])] = []
        if let ids = input.seriesIds {
            var index: [String: Int] = [:]
            for (row, id) in ids.enumerated() {
                if let k = index[id] { groups[k].rows.append(row) } else {
                    index[id] = groups.count
                    groups.append((id, [row]))
                }
            }
        } else {
            groups = [(nil, Array(input.scores.indices))]
        }
        var scored: [SeriesScores] = []
        for (number, group) in groups.enumerated() {
            let whole = group.rows.count == input.scores.count
            let scores = whole ? input.scores : group.rows.map { input.scores[$0] }
            let labels = whole ? input.labels : group.rows.map { input.labels[$0] }
            let values = input.values.map { v in whole ? v : group.rows.map { v[$0] } }
            var own = seriesOptions
            if let name = group.name, let column = input.seriesValuesColumns?[name] { own.valuesColumn = column }
            do {
                scored.append(try scoreSeries(name: group.name, number: number, scores: scores, labels: labels, values: values,
                                              options: options, series: own, runCutoffs: runCutoffs))
            } catch let error as MetricsError {
                throw seriesError(error, series: group.name, firstRow: group.rows[0], input: input, labelSource: labelSource)
            }
        }
        var mean: SeriesMean? = nil
        if scored.count > 1 {
            let perSeries = scored.map(\.namedMetrics)
            var metrics: [(String, Double)] = []
            for (index, (name, _)) in perSeries[0].enumerated() {
                let values = perSeries.compactMap { $0.count > index && $0[index].0 == name ? $0[index].1 : nil }.filter { !$0.isNaN }
                metrics.append((name, values.isEmpty ? .nan : correctlyRoundedMean(values)))
            }
            mean = SeriesMean(seriesCount: scored.count, metrics: metrics)
        }
        return SeriesResult(series: scored, mean: mean, rangeBased: seriesOptions.rangeBased, baselineSeed: options.seed)
    }

    /// A metric error as a one-line ``DataError``: a single class names the label file and the
    /// series' first line there.
    static func seriesError(_ error: MetricsError, series: String?, firstRow: Int, input: RunInput, labelSource: String) -> DataError {
        let which = series.map { "series '\($0)'" } ?? "the series"
        switch error {
        case .singleClass(let positives, let count):
            let file = series.flatMap { input.seriesLabelFiles?[$0] } ?? input.labelFile ?? input.file
            return DataError(.singleClass, file: file, line: input.labelLines.map { Int($0[firstRow]) },
                             "\(which) has \(positives) anomalies among \(count) points; VUS, range-AUC and the range metrics need both classes in every series")
        default:
            var text = error.description
            if let colon = text.firstIndex(of: ":"), text[..<colon] == error.code { text = String(text[text.index(after: colon)...].dropFirst()) }
            return DataError(error.dataErrorCode, file: input.file, "\(which): \(text)")
        }
    }

    static func scoreSeries(name: String?, number: Int, scores: [Double], labels: [UInt8], values: [Double]?,
                            options: EvaluationOptions, series: SeriesOptions, runCutoffs: [CutoffResult]) throws -> SeriesScores {
        let curve = try SeriesCurve(scores: scores, labels: labels)
        let window: Int, rule: String
        switch series.window {
        case .fixed(let w):
            guard w >= 0 else { throw MetricsError.invalidWindow(w) }
            (window, rule) = (w, "given")
        case .automatic:
            if !series.compatTSBAD, let values, let column = series.valuesColumn {
                (window, rule) = (SlidingWindowLength.find(values), "find_length_rank(\(column))")
            } else {
                (window, rule) = (SlidingWindowLength.tsbadDefault, "default")
            }
        }
        let vus = try curve.volumeUnderSurface(window: window)
        let rangeAUC = try curve.rangeAUC(window: window)

        // Baselines on the same labels: seeded uniform scores, and a constant.
        var generator = Xoshiro256StarStar(seed: SeedDerivation.seed(
            stream: SeedDerivation.seed(master: options.seed, name: "series-random-baseline"), counter: UInt64(number)))
        let randomScores = scores.map { _ in generator.uniformUnit() }
        let randomCurve = try SeriesCurve(scores: randomScores, labels: curve.labels)
        let constantCurve = try SeriesCurve(scores: [Double](repeating: 0, count: scores.count), labels: curve.labels)
        let random = SeriesBaseline(vus: try randomCurve.volumeUnderSurface(window: window), rangeAUC: try randomCurve.rangeAUC(window: window))
        let constant = SeriesBaseline(vus: try constantCurve.volumeUnderSurface(window: window), rangeAUC: try constantCurve.rangeAUC(window: window))

        var cutoffs: [SeriesCutoffMetrics] = []
        for (index, spec) in (runCutoffs.map(\.spec)).enumerated() {
            let threshold: Double
            if spec.isCalibrated {
                threshold = runCutoffs[index].cutoff.threshold
            } else {
                threshold = curve.curve.cutoff(spec.rule).threshold
            }
            let labelsS = curve.labels
            let prediction = SeriesPrediction(scores: scores, threshold: threshold)
            let point = try prediction.confusion(against: labelsS)
            var adjusted: [(Int, ConfusionMetrics)] = []
            for k in PointAdjustment.standardK {
                adjusted.append((k, try PointAdjustment.confusion(labels: labelsS, prediction: prediction, k: k)))
            }
            let event = try EventBasedF1.tsbad(labels: labelsS, prediction: prediction)
            let range = try RangeBasedPrecisionRecall.evaluate(labels: labelsS, prediction: prediction, series.rangeBased)
            let affiliation = try Affiliation.evaluate(labels: labelsS, prediction: prediction)
            func baselineF1(_ baseline: SeriesCurve) throws -> ([Double], Double) {
                let t = baseline.curve.cutoff(spec.rule).threshold
                let p = SeriesPrediction(scores: baseline.scores, threshold: t)
                let pak = try PointAdjustment.standardK.map { try PointAdjustment.confusion(labels: labelsS, prediction: p, k: $0).f1 }
                return (pak, try PointAdjustment.tsbadConfusion(labels: labelsS, prediction: p).f1)
            }
            let (randomPAK, randomTSBAD) = try baselineF1(randomCurve)
            let (constantPAK, constantTSBAD) = try baselineF1(constantCurve)
            cutoffs.append(SeriesCutoffMetrics(
                spec: spec, selection: spec.selection, threshold: threshold, point: point, pointAdjusted: adjusted,
                tsbadPointAdjusted: try PointAdjustment.tsbadConfusion(labels: labelsS, prediction: prediction),
                eventRecall: event.eventRecall, eventF1: event.f1,
                rangePrecision: range.precision, rangeRecall: range.recall,
                rangeF1: RangeBasedPrecisionRecall.f(precision: range.precision, recall: range.recall),
                affiliationPrecision: affiliation.precision, affiliationRecall: affiliation.recall,
                randomPointAdjustedF1: randomPAK, constantPointAdjustedF1: constantPAK,
                randomTSBADPointAdjustedF1: randomTSBAD, constantTSBADPointAdjustedF1: constantTSBAD))
        }
        let tsbad = series.compatTSBAD ? try TSBADMetrics(curve: curve, window: window, vus: vus) : nil
        let tsbadRandom = series.compatTSBAD ? try TSBADMetrics(curve: randomCurve, window: window, vus: random.vus) : nil
        let tsbadConstant = series.compatTSBAD ? try TSBADMetrics(curve: constantCurve, window: window, vus: constant.vus) : nil
        return SeriesScores(name: name, count: scores.count, positives: curve.labels.positives, rangeCount: curve.labels.rangeCount,
                            window: window, windowRule: rule, vus: vus, rangeAUC: rangeAUC, cutoffs: cutoffs,
                            randomBaseline: random, constantBaseline: constant, tsbad: tsbad,
                            tsbadRandom: tsbadRandom, tsbadConstant: tsbadConstant,
                            scores: scores, labels: labels, values: values, valuesName: series.valuesColumn)
    }
}

extension SeriesScores {
    /// Every figure by name, in a stable order (the per-series mean, summaries over runs and
    /// the CSV use these names). PA figures end in `_inflated`.
    public var namedMetrics: [(String, Double)] {
        var out: [(String, Double)] = [
            ("window", Double(window)),
            ("vus_roc", vus.roc), ("vus_pr", vus.pr), ("range_auc_roc", rangeAUC.roc), ("range_auc_pr", rangeAUC.pr),
            ("random.vus_roc", randomBaseline.vus.roc), ("random.vus_pr", randomBaseline.vus.pr),
            ("random.range_auc_roc", randomBaseline.rangeAUC.roc), ("random.range_auc_pr", randomBaseline.rangeAUC.pr),
            ("constant.vus_roc", constantBaseline.vus.roc), ("constant.vus_pr", constantBaseline.vus.pr),
            ("constant.range_auc_roc", constantBaseline.rangeAUC.roc), ("constant.range_auc_pr", constantBaseline.rangeAUC.pr),
        ]
        for c in cutoffs {
            let p = c.spec.text
            out += [("\(p).precision", c.point.precision), ("\(p).recall", c.point.recall), ("\(p).f1", c.point.f1),
                    ("\(p).range_precision", c.rangePrecision), ("\(p).range_recall", c.rangeRecall), ("\(p).range_f1", c.rangeF1),
                    ("\(p).affiliation_precision", c.affiliationPrecision), ("\(p).affiliation_recall", c.affiliationRecall),
                    ("\(p).affiliation_f1", c.affiliationF1),
                    ("\(p).event_recall", c.eventRecall), ("\(p).event_f1", c.eventF1)]
            for (index, (k, confusion)) in c.pointAdjusted.enumerated() {
                out.append(("\(p).pa_k\(k)_f1\(k < 100 ? "_inflated" : "")", confusion.f1))
                out.append(("\(p).random.pa_k\(k)_f1\(k < 100 ? "_inflated" : "")", c.randomPointAdjustedF1[index]))
                out.append(("\(p).constant.pa_k\(k)_f1\(k < 100 ? "_inflated" : "")", c.constantPointAdjustedF1[index]))
            }
            out += [("\(p).tsbad_pa_f1_inflated", c.tsbadPointAdjusted.f1),
                    ("\(p).random.tsbad_pa_f1_inflated", c.randomTSBADPointAdjustedF1),
                    ("\(p).constant.tsbad_pa_f1_inflated", c.constantTSBADPointAdjustedF1)]
        }
        for (prefix, metrics) in [("", tsbad), ("random.", tsbadRandom), ("constant.", tsbadConstant)] {
            guard let metrics else { continue }
            for (key, value) in zip(TSBADMetrics.keys, metrics.values) { out.append(("\(prefix)tsbad.\(TSBADKey.snake(key))", value)) }
        }
        return out
    }
}

/// TSB-AD's `get_metrics` keys and the snake_case names the JSON and CSV use for them.
enum TSBADKey {
    static func snake(_ key: String) -> String {
        key.lowercased().replacingOccurrences(of: "-", with: "_")
    }
}
