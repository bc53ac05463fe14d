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

/// Why DeLong's test of a comparison was not made (the comparison's `delong_unavailable`).
struct DeLongUnavailable: Error {
    let reason: String

    /// The first runs of A and B label the rows differently (the score files' own labels).
    static let differentLabels = DeLongUnavailable(reason: "the two runs do not have the same labels")
}

extension Comparison {
    /// The summaries of evaluated runs and, when `comparing` (`--compare`: every run in group
    /// `a` or `b`), the comparison: a summary per group of at least two runs, DeLong's test of
    /// the first run of each group by `delong` (from the rows, or from merged partials' pair
    /// tables), paired t-tests over the runs. Without comparing, one summary of all the runs
    /// when there are several. Whole and merged evaluations share it.
    static func summarise(_ runs: [RunResult], comparing: Bool, warnings: inout [String],
                          delong: (RunResult, RunResult) throws -> DeLongTest) throws -> (summaries: [RunSummary], comparison: Comparison?) {
        guard comparing else { return (runs.count >= 2 ? [try RunSummary.make(runs, group: nil)] : [], nil) }
        var summaries: [RunSummary] = []
        let a = runs.filter { $0.group == "a" }, b = runs.filter { $0.group == "b" }
        for (name, group) in [("a", a), ("b", b)] where group.count >= 2 {
            summaries.append(try RunSummary.make(group, group: name))
        }
        return (summaries, try make(a: a, b: b, warnings: &warnings, delong: delong))
    }

    static func make(a: [RunResult], b: [RunResult], warnings: inout [String],
                     delong: (RunResult, RunResult) throws -> DeLongTest) throws -> Comparison {
        var comparison = Comparison(a: a.map(\.name), b: b.map(\.name), delong: nil, delongUnavailable: nil, pairedTests: [])
        guard let first = a.first, let second = b.first else {
            throw DataError("usage", "--compare needs at least one run on each side")
        }
        do {
            comparison.delong = try delong(first, second)
        } catch let unavailable as DeLongUnavailable {
            comparison.delongUnavailable = unavailable.reason
        } catch let error as MetricsError {
            comparison.delongUnavailable = error.description
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
