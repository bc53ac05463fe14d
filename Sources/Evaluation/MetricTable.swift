import Metrics

/// The evaluator's metrics, one entry each: the key the JSON and CSV outputs use, the column
/// header of the text, Markdown and HTML tables, how its value is read from a run, and which
/// summaries include it. Every output derives its metrics from these lists, in their order:
/// ``EvaluationCSV``, ``EvaluationJSON``, ``ResultTables``, ``RunResult/namedMetrics`` (the
/// summaries over runs and paired t-tests) and through it Bench's leaderboards and Check's
/// `metric:` look-ups. Adding a metric is its computation in Metrics (a property of
/// ``BinaryCurve`` or ``ConfusionMetrics``) plus one entry here.
///
/// Not in the table: the run's facts that are not metrics (`n`, `n_anomalies`, a cut-off's
/// `threshold`, `k`, `selection`), the time-series figures (``SeriesResult`` names its own, see
/// ``SeriesJSON``) and the per-kind AUROC and AP (``KindResult``).
public enum MetricTable {
    /// Where a run's metric is measured: on its rows, or on its blocks (`block.` names).
    public enum Level: Sendable, Hashable {
        case instance
        case block
    }

    /// What a threshold-free metric is read from: a run's (or its blocks') curve and the figures
    /// computed from it with the run.
    public struct RankingInput: Sendable {
        public var curve: BinaryCurve
        public var auroc: Double
        public var averagePrecision: Double
        public var prAUC: Double
    }

    /// A threshold-free metric of a ranking (a run's rows, or its blocks).
    public struct Ranking: Sendable {
        /// The JSON key and CSV `metric` (and the summaries' name, `block.`-prefixed for blocks).
        public let key: String
        /// The table column.
        public let header: String
        /// The statistic `--bootstrap` gives an interval for (JSON `bootstrap.KEY`, CSV
        /// `KEY.ci_lower` / `KEY.ci_upper`, table column `HEADER CI`), or nil.
        public let bootstrap: BootstrapStatistic?
        /// The levels whose summaries over runs include it.
        public let summarised: Set<Level>
        /// The levels at which a benchmark leaderboard shows it.
        public let leaderboard: Set<Level>
        public let value: @Sendable (RankingInput) -> Double

        init(_ key: String, header: String, bootstrap: BootstrapStatistic? = nil, summarised: Set<Level> = [.instance, .block],
             leaderboard: Set<Level> = [], value: @escaping @Sendable (RankingInput) -> Double) {
            self.key = key
            self.header = header
            self.bootstrap = bootstrap
            self.summarised = summarised
            self.leaderboard = leaderboard
            self.value = value
        }
    }

    /// A count of rows (or blocks) at a cut-off: an integer in JSON and CSV.
    public struct CutoffCount: Sendable {
        public let key: String
        /// The table column, or nil when the tables leave it out.
        public let header: String?
        public let value: @Sendable (ConfusionMetrics) -> Int

        init(_ key: String, header: String? = nil, value: @escaping @Sendable (ConfusionMetrics) -> Int) {
            self.key = key
            self.header = header
            self.value = value
        }
    }

    /// A metric of the confusion matrix at a cut-off (summaries name it `CUTOFF.KEY`, or
    /// `block.CUTOFF.KEY`).
    public struct CutoffRate: Sendable {
        public let key: String
        /// The table column, or nil when the tables leave it out.
        public let header: String?
        /// The levels whose summaries over runs include it.
        public let summarised: Set<Level>
        /// The levels at which a benchmark leaderboard shows it (once per cut-off).
        public let leaderboard: Set<Level>
        public let value: @Sendable (ConfusionMetrics) -> Double

        init(_ key: String, header: String? = nil, summarised: Set<Level> = [], leaderboard: Set<Level> = [],
             value: @escaping @Sendable (ConfusionMetrics) -> Double) {
            self.key = key
            self.header = header
            self.summarised = summarised
            self.leaderboard = leaderboard
            self.value = value
        }
    }

    /// AUROC, the headline (Bench's pairwise tests and critical-difference diagram use it).
    public static let auroc = Ranking("auroc", header: "AUROC", bootstrap: .auroc, leaderboard: [.instance, .block]) { $0.auroc }

    /// The threshold-free metrics, in output order.
    public static let ranking: [Ranking] = [
        auroc,
        Ranking("average_precision", header: "AP", bootstrap: .averagePrecision, leaderboard: [.instance]) { $0.averagePrecision },
        Ranking("pr_auc", header: "PR-AUC") { $0.prAUC },
    ]

    /// The counts at each cut-off, in output order.
    public static let cutoffCounts: [CutoffCount] = [
        CutoffCount("tp") { $0.tp },
        CutoffCount("fp") { $0.fp },
        CutoffCount("fn") { $0.fn },
        CutoffCount("tn") { $0.tn },
        CutoffCount("n_flagged", header: "flagged") { $0.nFlagged },
    ]

    /// The metrics at each cut-off, in output order.
    public static let cutoffRates: [CutoffRate] = [
        CutoffRate("precision", header: "precision", summarised: [.instance]) { $0.precision },
        CutoffRate("recall", header: "recall", summarised: [.instance]) { $0.recall },
        CutoffRate("f1", header: "F1", summarised: [.instance, .block], leaderboard: [.instance]) { $0.f1 },
        CutoffRate("f1_normal") { $0.f1Normal },
        CutoffRate("f1_macro", header: "F1-macro", summarised: [.instance]) { $0.f1Macro },
        CutoffRate("accuracy", header: "accuracy", summarised: [.instance]) { $0.accuracy },
        CutoffRate("balanced_accuracy", header: "bal. acc.", summarised: [.instance]) { $0.balancedAccuracy },
        CutoffRate("mcc", header: "MCC", summarised: [.instance]) { $0.mcc },
        CutoffRate("tpr") { $0.tpr },
        CutoffRate("fpr") { $0.fpr },
        CutoffRate("youden_j") { $0.youdenJ },
    ]

    /// One metric of a run by name (``RunResult/tableMetrics``).
    public struct Value: Sendable {
        /// `KEY`, `CUTOFF.KEY`, `block.KEY` or `block.CUTOFF.KEY`.
        public var name: String
        public var value: Double
        /// Whether a benchmark leaderboard shows it.
        public var onLeaderboard: Bool
    }

    /// The bootstrap statistics, in the order of ``ranking``.
    public static var bootstrapStatistics: [BootstrapStatistic] { ranking.compactMap(\.bootstrap) }

    /// The key of the ranking metric `statistic` is an interval for.
    static func key(of statistic: BootstrapStatistic) -> String {
        ranking.first { $0.bootstrap == statistic }?.key ?? statistic.rawValue
    }
}

extension RunResult {
    /// The run's threshold-free figures, for ``MetricTable/Ranking/value``.
    public var rankingInput: MetricTable.RankingInput {
        .init(curve: curve, auroc: auroc, averagePrecision: averagePrecision, prAUC: prAUC)
    }
}

extension BlockResult.Outcome {
    /// The blocks' threshold-free figures and cut-offs, or nil when undefined.
    var defined: (ranking: MetricTable.RankingInput, cutoffs: [CutoffResult])? {
        guard case .defined(let curve, let auroc, let ap, let prAUC, let cutoffs) = self else { return nil }
        return (.init(curve: curve, auroc: auroc, averagePrecision: ap, prAUC: prAUC), cutoffs)
    }
}
