import DataIO
import Metrics

extension RunResult {
    /// The run's headline metrics by name, in a stable order (what summaries and paired tests
    /// are computed over).
    public var namedMetrics: [(String, Double)] {
        var metrics: [(String, Double)] = [("auroc", auroc), ("average_precision", averagePrecision), ("pr_auc", prAUC)]
        for result in cutoffs {
            let c = result.cutoff.confusion
            let prefix = result.spec.text
            metrics += [("\(prefix).precision", c.precision), ("\(prefix).recall", c.recall), ("\(prefix).f1", c.f1),
                        ("\(prefix).f1_macro", c.f1Macro), ("\(prefix).accuracy", c.accuracy),
                        ("\(prefix).balanced_accuracy", c.balancedAccuracy), ("\(prefix).mcc", c.mcc)]
        }
        if let block, case .defined(_, let auroc, let ap, let prAUC, let blockCutoffs) = block.outcome {
            metrics += [("block.auroc", auroc), ("block.average_precision", ap), ("block.pr_auc", prAUC)]
            for result in blockCutoffs {
                metrics.append(("block.\(result.spec.text).f1", result.cutoff.confusion.f1))
            }
        }
        if let series {
            metrics += (series.mean?.metrics ?? series.series[0].namedMetrics).map { ("series.\($0.0)", $0.1) }
        }
        for kind in byKind ?? [] {
            if let auroc = kind.auroc { metrics.append(("kind.\(kind.kind).auroc", auroc)) }
            if let ap = kind.averagePrecision { metrics.append(("kind.\(kind.kind).average_precision", ap)) }
        }
        return metrics
    }
}

extension RunSummary {
    /// Statistics of every metric the runs share.
    static func make(_ runs: [RunResult], group: String?) throws -> RunSummary {
        let perRun = runs.map(\.namedMetrics)
        var metrics: [(name: String, statistics: RunStatistics)] = []
        for (index, entry) in perRun[0].enumerated() {
            let values = perRun.compactMap { $0.count > index && $0[index].0 == entry.0 ? $0[index].1 : nil }
            guard values.count == runs.count else { continue }
            metrics.append((entry.0, try RunStatistics(values)))
        }
        return RunSummary(group: group, runCount: runs.count, metrics: metrics)
    }
}

extension Comparison {
    static func make(a: [RunResult], b: [RunResult], confidenceLevel: Double, warnings: inout [String]) throws -> Comparison {
        var comparison = Comparison(a: a.map(\.name), b: b.map(\.name), delong: nil, delongUnavailable: nil, pairedTests: [])
        guard let first = a.first, let second = b.first else {
            throw DataError("usage", "--compare needs at least one run on each side")
        }
        if first.labels != second.labels {
            comparison.delongUnavailable = "the two runs do not have the same labels"
        } else {
            do {
                comparison.delong = try DeLongTest(scores1: first.scores, scores2: second.scores,
                                                   labels: first.labels.map { $0 == 1 }, confidenceLevel: confidenceLevel)
            } catch let error as MetricsError {
                comparison.delongUnavailable = error.description
            }
        }
        if a.count >= 2 || b.count >= 2 {
            if a.count != b.count {
                warnings.append("--compare: \(a.count) runs against \(b.count); paired t-tests need the same number of runs on each side (paired by position)")
            } else {
                let left = a.map(\.namedMetrics), right = b.map(\.namedMetrics)
                for (index, entry) in left[0].enumerated() {
                    let x = left.compactMap { $0.count > index && $0[index].0 == entry.0 ? $0[index].1 : nil }
                    let y = right.compactMap { $0.count > index && $0[index].0 == entry.0 ? $0[index].1 : nil }
                    guard x.count == a.count, y.count == b.count else { continue }
                    comparison.pairedTests.append((entry.0, try PairedTTest(x, y)))
                }
            }
        }
        return comparison
    }
}
