/// TSB-AD 1.5's `get_metrics(score, labels, slidingWindow=W, pred=None)`: its nine keys and
/// values, for comparing with published TSB-AD tables (TS §8.1, the compat mode).
///
/// | key | pred = nil ("oracle") | pred given |
/// |---|---|---|
/// | `AUC-PR` | average precision (point spec §3.3) | same |
/// | `AUC-ROC` | AUROC (point spec §3.2) | same |
/// | `VUS-PR`, `VUS-ROC` | ``VolumeUnderSurface`` at W | same |
/// | `Standard-F1` | max over the PR curve (every distinct score, s ≥ u, plus sklearn's (r 0, p 1) point) of 2pr/(p + r + 1e-5) | point F1 (TS §6.1) |
/// | `PA-F1` | max over the 100 thresholds of TS §2.2 (s > v) of F1 after TSB-AD's PA (TS §6.3) | TS §6.3 |
/// | `Event-based-F1` | same sweep, TS §6.4 | TS §6.4 |
/// | `R-based-F1` | same sweep, TS §6.6 | TS §6.6 |
/// | `Affiliation-F` | same sweep, TS §6.7; NaN values skipped, NaN if all are (constant scores) | TS §6.7 |
///
/// With pred = nil every value but AUC and VUS is at an **oracle threshold** chosen with the
/// labels, so it is optimistic; `PA-F1` is point-adjusted and inflated (TS §8.3). Published
/// TSB-AD numbers from before 2024-10-25 used other VUS and sweep code and are not comparable.
///
/// Cost: one sort, VUS, and 100 O(n) passes for the sweeps (TSB-AD itself takes about a minute
/// on 100,000 points, mostly in the pure-Python affiliation and range sweeps).
public struct TSBADMetrics: Sendable, Equatable {
    /// The keys in `get_metrics`' order.
    public static let keys = ["AUC-PR", "AUC-ROC", "VUS-PR", "VUS-ROC", "Standard-F1", "PA-F1",
                              "Event-based-F1", "R-based-F1", "Affiliation-F"]

    public var aucPR: Double
    public var aucROC: Double
    public var vusPR: Double
    public var vusROC: Double
    public var standardF1: Double
    public var paF1: Double
    public var eventBasedF1: Double
    public var rBasedF1: Double
    public var affiliationF: Double
    /// W.
    public var window: Int
    /// `true` when the threshold-dependent values come from the oracle sweeps (pred = nil).
    public var oracle: Bool

    /// The values in ``keys`` order.
    public var values: [Double] {
        [aucPR, aucROC, vusPR, vusROC, standardF1, paF1, eventBasedF1, rBasedF1, affiliationF]
    }

    /// `get_metrics` on a series: with `prediction` nil the oracle sweeps, else the values at
    /// that prediction. `vus` may pass a VUS already computed at `window` on the same curve.
    public init(curve: SeriesCurve, window: Int = SlidingWindowLength.tsbadDefault,
                prediction: SeriesPrediction? = nil, vus: VolumeUnderSurface? = nil) throws {
        let labels = curve.labels
        let v = try vus.flatMap { $0.window == window ? $0 : nil } ?? curve.volumeUnderSurface(window: window)
        aucPR = curve.curve.averagePrecision
        aucROC = curve.curve.auroc
        vusPR = v.pr
        vusROC = v.roc
        self.window = window
        if let prediction {
            oracle = false
            standardF1 = try prediction.confusion(against: labels).f1
            (paF1, eventBasedF1, rBasedF1, affiliationF) = try TSBADMetrics.atPrediction(labels, prediction)
            return
        }
        oracle = true
        standardF1 = TSBADMetrics.standardF1(curve.curve)
        guard let lo = curve.scores.min(), let hi = curve.scores.max() else { throw MetricsError.empty }
        var best = (pa: -Double.infinity, event: -Double.infinity, range: -Double.infinity, affiliation: Double.nan)
        for v in ThresholdGrid.linspace(lo, hi, count: ThresholdGrid.sweepThresholdCount) {
            let p = SeriesPrediction(scores: curve.scores, threshold: v, rule: .above)
            let (pa, event, range, affiliation) = try TSBADMetrics.atPrediction(labels, p)
            best.pa = max(best.pa, pa)
            best.event = max(best.event, event)
            best.range = max(best.range, range)
            if !affiliation.isNaN && (best.affiliation.isNaN || affiliation > best.affiliation) { best.affiliation = affiliation }
        }
        paF1 = best.pa
        eventBasedF1 = best.event
        rBasedF1 = best.range
        affiliationF = best.affiliation
    }

    /// PA-F1, Event-based-F1, R-based-F1 and Affiliation-F at one prediction.
    static func atPrediction(_ labels: SeriesLabels, _ p: SeriesPrediction) throws -> (Double, Double, Double, Double) {
        let pa = try PointAdjustment.tsbadConfusion(labels: labels, prediction: p).f1
        let event = try EventBasedF1.tsbad(labels: labels, prediction: p).f1
        let range = try RangeBasedPrecisionRecall.tsbadF1(labels: labels, prediction: p)
        let aff = try Affiliation.evaluate(labels: labels, prediction: p)
        return (pa, event, range, Affiliation.tsbadF(precision: aff.precision, recall: aff.recall))
    }

    /// TSB-AD's oracle `Standard-F1`: max over sklearn's PR curve of 2pr/(p + r + 1e-5).
    static func standardF1(_ curve: BinaryCurve) -> Double {
        var best = 0.0  // sklearn's final (recall 0, precision 1) point
        let positives = Double(curve.positives)
        for k in 0..<curve.thresholdCount {
            let tp = Double(curve.truePositives(at: k))
            let precision = tp / Double(curve.flagged(at: k))
            let recall = tp / positives
            best = max(best, 2 * precision * recall / (precision + recall + 1e-5))
        }
        return best
    }
}
