/// Point adjustment: PA, PA%K and TSB-AD's variant (TS §6.2, §6.3).
///
/// **PA%K** (Kim et al., AAAI 2022; reference tadpak 0.3.3 `pak`): for each anomaly range
/// [a, b] with L = b − a + 1 points of which c are flagged, the whole range is flagged when
/// **c > fl(fl(K/100)·L)** (strict; the float test exactly as tadpak computes it, which for
/// K ∈ {0, 20, 50, 80, 100} equals the integer test 100·c > K·L). Points outside ranges keep
/// their flag; precision, recall and F1 are then point-wise (TS §6.1).
/// - K = 0 is the classic point adjustment PA (Xu et al., WWW 2018): one hit marks the range.
/// - K = 100 is no adjustment (c > L is impossible).
///
/// **Inflation.** PA lets random scores reach high F1 (Kim et al.): uniform noise gets an
/// oracle PA-F1 of 0.67–0.85 in the vectors. Outputs must label PA figures as inflated
/// (TS §8.3).
///
/// **TSB-AD's PA** (`_adjust_predicts`, its `PA-F1`): PA%0 except that the back-fill never sets
/// index 0, so a range [0, b] that is hit is flagged on [1, b] and index 0 keeps its own flag
/// [`range_at_start_pa_quirk`: PA%0 F1 = 1, TSB-AD 6/7].
///
/// Both are computed from counts, without building the adjusted prediction: O(m + runs).
public enum PointAdjustment {
    /// The K values every output reports (TS §6.2).
    public static let standardK = [0, 20, 50, 80, 100]

    /// The point-wise confusion matrix after PA%K, K ∈ 0…100 (`invalid_parameter` otherwise).
    public static func confusion(labels: SeriesLabels, prediction: SeriesPrediction, k: Int) throws -> ConfusionMetrics {
        guard (0...100).contains(k) else {
            throw MetricsError.invalidParameter(name: "K", reason: "must be in 0...100, got \(k)")
        }
        try prediction.check(against: labels)
        let hits = prediction.hitsPerRange(labels)
        let fraction = Double(k) / 100
        var tp = 0, raw = 0
        for (range, c) in zip(labels.ranges, hits) {
            raw &+= c
            tp &+= Double(c) > fraction * Double(range.count) ? range.count : c
        }
        let fp = prediction.flagged - raw
        return ConfusionMetrics(unchecked: tp, fp, labels.positives - tp, labels.count - labels.positives - fp)
    }

    /// The point-wise confusion matrix after TSB-AD's point adjustment (index-0 quirk).
    public static func tsbadConfusion(labels: SeriesLabels, prediction: SeriesPrediction) throws -> ConfusionMetrics {
        try prediction.check(against: labels)
        let hits = prediction.hitsPerRange(labels)
        let firstFlagged = prediction.ranges.first?.lowerBound == 0
        var tp = 0, raw = 0
        for (range, c) in zip(labels.ranges, hits) {
            raw &+= c
            if c == 0 { continue }
            if range.lowerBound == 0 {
                tp &+= range.count - 1 + (firstFlagged ? 1 : 0)
            } else {
                tp &+= range.count
            }
        }
        let fp = prediction.flagged - raw
        return ConfusionMetrics(unchecked: tp, fp, labels.positives - tp, labels.count - labels.positives - fp)
    }
}
