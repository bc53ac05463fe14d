/// Point-wise precision, recall and F1 of a series prediction (TS §6.1).
///
/// TP, FP and FN count points; precision = TP/(TP+FP) (0 when nothing is flagged),
/// recall = TP/P, F1 = 2TP/(2TP+FP+FN): scikit-learn's `precision_recall_fscore_support`
/// with `zero_division=0`, the same as the point spec §3.1 (``ConfusionMetrics``). Counted
/// from the overlap of the flagged runs with the anomaly ranges, O(m + runs).
extension SeriesPrediction {
    /// The point-wise confusion matrix against `labels`; `length_mismatch` if the series differ.
    public func confusion(against labels: SeriesLabels) throws -> ConfusionMetrics {
        try check(against: labels)
        return pointConfusion(labels, hits: hitsPerRange(labels))
    }
}
