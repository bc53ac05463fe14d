import Datasets
import Metrics

/// Turns an ``EvaluationResult`` into the HTML report's input: the tables, and for each run
/// (and its blocks) downsampled ROC/PR curves with the cut-offs marked and a histogram.
public enum ReportBuilder {
    public static func make(_ result: EvaluationResult, command: String) -> ReportInput {
        var runs: [ReportRun] = []
        for run in result.runs {
            runs.append(reportRun(name: run.name, level: "instance", curve: run.curve, cutoffs: run.cutoffs,
                                  histogram: ScoreHistogram.make(scores: run.scores, labels: run.labels.map { $0 == 1 })))
            if let block = run.block, case .defined(let curve, _, _, _, let cutoffs) = block.outcome {
                // Block scores and labels, recovered from the block curve's counts.
                var scores: [Double] = [], labels: [Bool] = []
                var previousTP = 0, previousFP = 0
                for k in 0..<curve.thresholdCount {
                    let tp = curve.truePositives(at: k), fp = curve.falsePositives(at: k)
                    scores += repeatElement(curve.thresholds[k], count: (tp - previousTP) + (fp - previousFP))
                    labels += repeatElement(true, count: tp - previousTP)
                    labels += repeatElement(false, count: fp - previousFP)
                    previousTP = tp; previousFP = fp
                }
                runs.append(reportRun(name: run.name + " (blocks)", level: "block", curve: curve, cutoffs: cutoffs,
                                      histogram: ScoreHistogram.make(scores: scores, labels: labels)))
            }
        }
        var input = ReportInput(title: "Evaluation: " + result.runs.map(\.name).joined(separator: ", "),
                                commandLine: command, generatedBy: "toolkit \(ToolkitVersion.string)",
                                manifestSummary: result.manifest, warnings: result.warnings,
                                tables: ResultTables.make(result), runs: runs)
        input.figures = seriesFigures(result)
        return input
    }

    /// The series pictures: for the first two runs and their first three series, the overview,
    /// a zoom on each of the first six anomaly ranges and the VUS surface.
    static func seriesFigures(_ result: EvaluationResult) -> [(title: String, svg: String)] {
        var figures: [(title: String, svg: String)] = []
        for run in result.runs.filter({ $0.series != nil }).prefix(2) {
            for series in (run.series?.series ?? []).prefix(3) where !series.scores.isEmpty {
                let name = run.name + (series.name.map { " [\($0)]" } ?? "")
                let cut = series.cutoffs.first
                let input = SeriesFigure.Input(title: name, scores: series.scores, labels: series.labels, values: series.values,
                                               valuesName: series.valuesName, threshold: cut?.threshold ?? series.scores.max() ?? 0,
                                               thresholdName: cut?.spec.text ?? "max")
                figures.append(("Series \(name)", SeriesFigure.overview(input)))
                let ranges = SeriesLabels.runs(of: series.labels)
                let shown = ranges.count > 6 ? " (zoomed: the first 6 of \(ranges.count) anomaly ranges)" : ""
                for range in ranges.prefix(6) {
                    figures.append(("Anomaly rows \(range.lowerBound)–\(range.upperBound) of \(name)\(shown)", SeriesFigure.zoom(input, range: range)))
                }
                if let curve = try? SeriesCurve(scores: series.scores, labels: series.labels),
                   let surface = try? curve.volumeUnderSurface(window: series.window, keepingCurves: true) {
                    figures.append(("VUS surface of \(name) (W = \(series.window))",
                                    SeriesFigure.surface(surface.curves, window: series.window, title: "TPR by buffer length and threshold")))
                }
            }
        }
        return figures
    }

    static func reportRun(name: String, level: String, curve: BinaryCurve, cutoffs: [CutoffResult],
                          histogram: ReportHistogram) -> ReportRun {
        let marked = [curve.youdenIndex(), curve.bestF1Index()] + cutoffs.compactMap(\.cutoff.thresholdIndex)
        let (roc, pr) = curve.plotCurves(maxPoints: 1000, marked: Array(Set(marked)).sorted())
        let markers = cutoffs.map { result -> ReportMarker in
            let c = result.cutoff.confusion
            return ReportMarker(label: "\(result.spec.text) (\(result.selection.rawValue))", threshold: result.cutoff.threshold,
                                fpr: c.fpr, tpr: c.tpr, precision: c.nFlagged == 0 ? 1 : c.precision)
        }
        return ReportRun(name: name, level: level, auroc: curve.auroc, averagePrecision: curve.averagePrecision,
                         baselinePrecision: Double(curve.positives) / Double(curve.count),
                         rocFPR: roc.falsePositiveRate, rocTPR: roc.truePositiveRate,
                         prRecall: pr.recall, prPrecision: pr.precision, markers: markers, histogram: histogram)
    }
}
