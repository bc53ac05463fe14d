/// How the scores of the windows covering a reading make the reading's score
/// (`toolkit detect --windows --reading-scores max|mean`).
public enum ReadingAggregation: String, Sendable, CaseIterable {
    /// The highest score of the windows covering the reading: a reading is as anomalous as the
    /// most anomalous window it is in.
    case max
    /// The mean of the scores of the windows covering it (the sum in window order, divided by
    /// their number).
    case mean
}

/// Per-reading scores from window scores: what `toolkit evaluate --dataset` evaluates as a
/// time series when a detector scored windows.
public enum ReadingScores {
    /// The score of each of `readings` readings (positions `0..<readings`): the `rule` (max or
    /// mean) of `scores[w]` over the windows `w` whose `coverage[w]` contains it. Windows may
    /// overlap (stride < length) or leave gaps (stride > length, a split's tail shorter than a
    /// window). A reading no window covers gets the **lowest window score**, so it never ranks
    /// above a scored reading and leaves no hole in the series.
    ///
    /// - Precondition: `scores.count == coverage.count`, at least one window, every range
    ///   inside `0..<readings`.
    public static func aggregate(_ scores: [Double], coverage: [ClosedRange<Int>], readings: Int,
                                 by rule: ReadingAggregation) -> [Double] {
        precondition(scores.count == coverage.count && !scores.isEmpty, "one score per window, at least one window")
        var result = [Double](repeating: 0, count: readings)
        var count = [Int](repeating: 0, count: readings)
        for (score, range) in zip(scores, coverage) {
            precondition(range.lowerBound >= 0 && range.upperBound < readings, "window \(range) outside 0..<\(readings)")
            for r in range {
                switch rule {
                case .max: result[r] = count[r] == 0 ? score : Swift.max(result[r], score)
                case .mean: result[r] += score
                }
                count[r] += 1
            }
        }
        let lowest = scores.min() ?? 0  // never 0: at least one window (precondition above)
        for r in 0..<readings {
            if count[r] == 0 {
                result[r] = lowest
            } else if rule == .mean {
                result[r] /= Double(count[r])
            }
        }
        return result
    }
}
