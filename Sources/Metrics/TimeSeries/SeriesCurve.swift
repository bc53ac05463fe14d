/// The sorted core of the threshold-free series metrics: one sort of the scores (the
/// ``BinaryCurve`` of the point metrics, a radix sort) gives the T = 250 grid thresholds of
/// VUS and range-AUC with their exact counts, and any score's place on that grid.
///
/// For grid threshold θ_k = u[g_k] (TS §2.1; ties at θ_k are all flagged):
///
///     N_k = #{i : s[i] ≥ θ_k}            (flagged points)
///     A_k = #{i : s[i] ≥ θ_k, y[i] = 1}  (flagged anomalies)
///
/// read off the curve's cumulative counts: θ_k is the distinct threshold v_j whose cumulative
/// flagged count first exceeds g_k, so N_k and A_k are that threshold's TP + FP and TP.
/// ``gridRank(of:)`` is the first k with θ_k ≤ s: a point with score s is flagged at exactly
/// the grid thresholds k ≥ rank. VUS and range-AUC add soft buffer weights and detected events
/// through histograms over these ranks, so after the sort every buffer length costs only
/// O(buffer points + events + T), never a pass over the series per threshold.
///
/// Errors (TS §1), in the reference's order: `length_mismatch`, `empty`, `non_finite_score`,
/// `bad_label`, `single_class`.
public struct SeriesCurve: Sendable {
    /// The scores, time order.
    public let scores: [Double]
    public let labels: SeriesLabels
    /// The point-metric curve over the same scores (AUROC, AP, Standard-F1 come from it).
    public let curve: BinaryCurve
    /// θ_0 ≥ θ_1 ≥ … ≥ θ_{T−1}.
    public let gridThresholds: [Double]
    /// N_k.
    public let flaggedAtGrid: [Int]
    /// A_k.
    public let anomaliesAtGrid: [Int]

    /// n.
    public var count: Int { scores.count }
    /// T.
    public var thresholdCount: Int { gridThresholds.count }

    /// Validates scores and labels (in the order above) and sorts once.
    public init(scores: [Double], labels: [UInt8], thresholds T: Int = ThresholdGrid.vusThresholdCount) throws {
        guard scores.count == labels.count else {
            throw MetricsError.lengthMismatch(expected: labels.count, actual: scores.count)
        }
        guard !scores.isEmpty else { throw MetricsError.empty }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: bad) }
        try self.init(scores: scores, labels: try SeriesLabels(labels), thresholds: T)
    }

    /// The same with labels already validated.
    public init(scores: [Double], labels: SeriesLabels, thresholds T: Int = ThresholdGrid.vusThresholdCount) throws {
        guard scores.count == labels.count else {
            throw MetricsError.lengthMismatch(expected: labels.count, actual: scores.count)
        }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: bad) }
        guard T >= 2 else { throw MetricsError.invalidParameter(name: "thresholds", reason: "at least 2, got \(T)") }
        let curve = try BinaryCurve(scores: scores, labels: labels.labels)
        let positions = ThresholdGrid.positions(count: scores.count, thresholds: T)
        var theta = [Double](repeating: 0, count: T)
        var flagged = [Int](repeating: 0, count: T)
        var anomalies = [Int](repeating: 0, count: T)
        var j = 0
        for (k, g) in positions.enumerated() {
            // θ_k = u[g]: the distinct threshold j with flagged(j − 1) ≤ g < flagged(j).
            while curve.flagged(at: j) <= g { j += 1 }
            theta[k] = curve.thresholds[j]
            flagged[k] = curve.flagged(at: j)
            anomalies[k] = curve.truePositives(at: j)
        }
        self.scores = scores
        self.labels = labels
        self.curve = curve
        self.gridThresholds = theta
        self.flaggedAtGrid = flagged
        self.anomaliesAtGrid = anomalies
    }

    /// The first grid index k with θ_k ≤ s (a score at or above the smallest θ), or T when
    /// s is below every grid threshold (never for an observed score: θ_{T−1} is the minimum).
    @inline(__always)
    public func gridRank(of s: Double) -> Int {
        var low = 0, high = gridThresholds.count
        gridThresholds.withUnsafeBufferPointer { theta in
            while low < high {
                let mid = (low + high) >> 1
                if theta[mid] <= s { high = mid } else { low = mid + 1 }
            }
        }
        return low
    }
}
