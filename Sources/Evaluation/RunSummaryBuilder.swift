import DataIO
import Metrics

extension RunResult {
    /// The run's headline metrics by name, in a stable order (what summaries and paired tests
    /// are computed over): the table's summarised metrics (``tableMetrics``), then the series'
    /// and the per-kind figures.
    public var namedMetrics: [(String, Double)] {
        var metrics = tableMetrics.map { ($0.name, $0.value) }
        if let series {
            metrics += (series.mean?.metrics ?? series.series[0].namedMetrics).map { ("series.\($0.0)", $0.1) }
        }
        for kind in byKind ?? [] {
            if let auroc = kind.auroc { metrics.append(("kind.\(kind.kind).auroc", auroc)) }
            if let ap = kind.averagePrecision { metrics.append(("kind.\(kind.kind).average_precision", ap)) }
        }
        return metrics
    }

    /// The value of the named metric `name` (as ``namedMetrics`` names it), or nil when the run
    /// has no such metric.
    public func metric(named name: String) -> Double? {
        namedMetrics.first { $0.0 == name }?.1
    }

    /// The ``MetricTable`` metrics summarised over runs, by name: the ranking metrics, each
    /// cut-off's (`CUTOFF.KEY`), then the blocks' (`block.KEY`, `block.CUTOFF.KEY`) when defined.
    public var tableMetrics: [MetricTable.Value] {
        var metrics: [MetricTable.Value] = []
        func add(_ level: MetricTable.Level, _ ranking: MetricTable.RankingInput, _ cutoffs: [CutoffResult]) {
            let prefix = level == .block ? "block." : ""
            for metric in MetricTable.ranking where metric.summarised.contains(level) {
                metrics.append(.init(name: prefix + metric.key, value: metric.value(ranking),
                                     onLeaderboard: metric.leaderboard.contains(level)))
            }
            for result in cutoffs {
                let confusion = result.cutoff.confusion
                for metric in MetricTable.cutoffRates where metric.summarised.contains(level) {
                    metrics.append(.init(name: "\(prefix)\(result.spec.text).\(metric.key)", value: metric.value(confusion),
                                         onLeaderboard: metric.leaderboard.contains(level)))
                }
            }
        }
        add(.instance, rankingInput, cutoffs)
        if let defined = block?.outcome.defined { add(.block, defined.ranking, defined.cutoffs) }
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
            throw DataError(.usage, "--compare needs at least one run on each side")
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
