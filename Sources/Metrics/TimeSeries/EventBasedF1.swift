/// TSB-AD's `Event-based-F1` (TS §6.4, compat): event recall combined with point precision.
///
///     r_e = (number of anomaly ranges holding a flagged point) / m
///     p_t = point-wise precision (TS §6.1)
///     F   = 2·r_e·p_t / (r_e + p_t + 1e-15)
///
/// The idea is Garg et al.'s composite F-score (IEEE TNNLS 2021). One hit counts a whole
/// event, so the figure is lenient; outputs label it "event-level (lenient)" (TS §8.3).
///
/// Quirk kept for compatibility: when the last range ends at n − 1, TSB-AD shortens it to
/// [a_m, n − 2] (empty for a one-point range at n − 1), so a detection at index n − 1 never
/// counts [`single_point_at_end_event_quirk`: recall 0, F 0].
///
/// Nothing flagged gives 0. O(m + runs).
public enum EventBasedF1 {
    /// The event recall r_e and F as TSB-AD computes them.
    public static func tsbad(labels: SeriesLabels, prediction: SeriesPrediction) throws -> (eventRecall: Double, f1: Double) {
        try prediction.check(against: labels)
        var hits = prediction.hitsPerRange(labels)
        let n = labels.count
        if let last = labels.ranges.last, last.upperBound == n - 1, prediction.ranges.last?.upperBound == n - 1 {
            hits[hits.count - 1] -= 1  // the flag at n − 1 falls outside the shortened range
        }
        let detected = hits.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let recall = Double(detected) / Double(labels.rangeCount)
        let precision = prediction.pointConfusion(labels, hits: prediction.hitsPerRange(labels)).precision
        return (recall, 2 * recall * precision / (recall + precision + 1e-15))
    }
}
