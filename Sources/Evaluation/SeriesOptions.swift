import Metrics

/// How `toolkit evaluate` scores a series (`Fixtures/ts-metrics/SPEC.md`, "TS §"): on when `--series` is
/// given or the dataset's recipe declares `evaluation.series` (the `solar-pv` recipes do).
public struct SeriesOptions: Sendable, Equatable {
    /// The sliding window W of VUS and range-AUC.
    public var window: WindowChoice = .automatic
    /// The column of the dataset's split file holding the series' raw values (for the
    /// automatic window), or nil.
    public var valuesColumn: String?
    /// α, cardinality and bias of the range-based precision/recall (TS §6.5).
    public var rangeBased = RangeBasedPrecisionRecall.Parameters()
    /// `--compat tsb-ad`: also TSB-AD 1.5's `get_metrics` keys and values (TS §8.1).
    public var compatTSBAD = false

    public init() {}

    /// W as given, or chosen.
    public enum WindowChoice: Sendable, Equatable {
        case fixed(Int)
        /// TSB-AD's `find_length_rank` on the series' raw values when they are at hand
        /// (a dataset whose recipe names the values column), else 100 (`get_metrics`' default);
        /// in compat mode always 100 unless a window is given.
        case automatic
    }
}
