import Metrics

/// The time-series metrics of one run: one ``SeriesScores`` per series (one series, or one per
/// value of the labels' `series` column), and their mean when there are several, as TSB-AD
/// averages over its files.
public struct SeriesResult: Sendable {
    public var series: [SeriesScores]
    /// The mean of every figure over the series (nil for a single series).
    public var mean: SeriesMean?
    /// α, cardinality and bias of the range-based precision/recall.
    public var rangeBased: RangeBasedPrecisionRecall.Parameters
    /// The seed of the random baseline score.
    public var baselineSeed: UInt64
}

/// The figures of one series.
public struct SeriesScores: Sendable {
    /// The value of the `series` column, or nil for the whole file.
    public var name: String?
    public var count: Int
    public var positives: Int
    public var rangeCount: Int
    /// W and how it was chosen (`given`, `find_length_rank(COLUMN)`, `default`).
    public var window: Int
    public var windowRule: String
    public var vus: VolumeUnderSurface
    public var rangeAUC: RangeAUC
    public var cutoffs: [SeriesCutoffMetrics]
    /// The same threshold-free figures for a seeded uniform random score and a constant score
    /// on the same labels (what an uninformative detector gets).
    public var randomBaseline: SeriesBaseline
    public var constantBaseline: SeriesBaseline
    /// TSB-AD's `get_metrics` (pred = None), with `--compat tsb-ad`, and the same for the
    /// random and the constant score (so its inflated PA-F1 can be read against them).
    public var tsbad: TSBADMetrics?
    public var tsbadRandom: TSBADMetrics? = nil
    public var tsbadConstant: TSBADMetrics? = nil
    /// The series itself (for the report's pictures): scores, labels and, when the dataset
    /// has them, the raw values and their column's name.
    public var scores: [Double] = []
    public var labels: [UInt8] = []
    public var values: [Double]? = nil
    public var valuesName: String? = nil
}

/// VUS and range-AUC of a baseline score.
public struct SeriesBaseline: Sendable {
    public var vus: VolumeUnderSurface
    public var rangeAUC: RangeAUC
}

/// The threshold-dependent series figures at one cut-off.
public struct SeriesCutoffMetrics: Sendable {
    public var spec: CutoffSpec
    public var selection: CutoffSelection
    public var threshold: Double
    public var point: ConfusionMetrics
    /// PA%K for K = 0, 20, 50, 80, 100 (K = 0 is PA; **inflated**).
    public var pointAdjusted: [(k: Int, confusion: ConfusionMetrics)]
    /// TSB-AD's PA (index-0 quirk; **inflated**).
    public var tsbadPointAdjusted: ConfusionMetrics
    /// TSB-AD's Event-based-F1 (lenient).
    public var eventRecall: Double
    public var eventF1: Double
    public var rangePrecision: Double
    public var rangeRecall: Double
    public var rangeF1: Double
    /// NaN (undefined) when nothing is flagged.
    public var affiliationPrecision: Double
    public var affiliationRecall: Double
    /// PA%K F1 (same K order) of the random and the constant score under the same cut-off rule.
    public var randomPointAdjustedF1: [Double]
    public var constantPointAdjustedF1: [Double]
    public var randomTSBADPointAdjustedF1: Double
    public var constantTSBADPointAdjustedF1: Double

    /// 2PR/(P + R) of affiliation, NaN when the precision is undefined.
    public var affiliationF1: Double {
        affiliationPrecision.isNaN ? .nan : RangeBasedPrecisionRecall.f(precision: affiliationPrecision, recall: affiliationRecall)
    }
}

/// The mean over series of each figure, by the names the outputs use.
public struct SeriesMean: Sendable {
    public var seriesCount: Int
    public var metrics: [(name: String, value: Double)]
}
