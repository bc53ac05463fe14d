/// Equal-width score histograms by class, for the report's score figure.
public enum ScoreHistogram {
    /// Bins `scores` into `bins` equal-width bins between the smallest and the largest score and counts each class.
    ///
    /// Bin `i` holds `lowerEdges[i] <= x < lowerEdges[i + 1]`; the last bin also holds `upper` (the largest score).
    /// All scores equal gives one bin; no scores gives no bins (and `upper == 0`). Scores must be finite and
    /// `labels` (true = anomaly) as long as `scores`. Two linear passes, no sorting; the width is computed from
    /// halves (`max / 2 - min / 2`), so ±1e308 do not overflow. If the range is so narrow for its magnitude that
    /// neighbouring edges round to the same value, the duplicates are dropped and fewer bins are returned.
    public static func make(scores: [Double], labels: [Bool], bins: Int = 40) -> ReportHistogram {
        precondition(bins >= 1, "ScoreHistogram: bins must be at least 1")
        precondition(scores.count == labels.count, "ScoreHistogram: \(scores.count) scores but \(labels.count) labels")
        guard let (low, high) = range(scores) else {
            return ReportHistogram(lowerEdges: [], upper: 0, normalCounts: [], anomalyCounts: [])
        }
        let halfWidth = (high / 2 - low / 2) / Double(bins)
        var edges: [Double] = [low]
        if halfWidth > 0 {
            edges.reserveCapacity(bins)
            for i in 1..<bins {
                let edge = 2 * (low / 2 + Double(i) * halfWidth)
                if edge > edges[edges.count - 1] && edge < high { edges.append(edge) }
            }
        }
        let count = edges.count
        var normal = [Int](repeating: 0, count: count)
        var anomaly = [Int](repeating: 0, count: count)
        let halfLow = low / 2
        edges.withUnsafeBufferPointer { edge in
            scores.withUnsafeBufferPointer { score in
                labels.withUnsafeBufferPointer { label in
                    normal.withUnsafeMutableBufferPointer { normal in
                        anomaly.withUnsafeMutableBufferPointer { anomaly in
                            let last = count - 1
                            let lastAsDouble = Double(last)
                            for j in 0..<score.count {
                                let x = score[j]
                                // A guess from the uniform grid, then exact against the published edges.
                                var bin = 0
                                if halfWidth > 0 {
                                    let q = (x / 2 - halfLow) / halfWidth
                                    bin = q < lastAsDouble ? Int(q) : last
                                    while bin > 0 && x < edge[bin] { bin -= 1 }
                                    while bin < last && x >= edge[bin + 1] { bin += 1 }
                                }
                                if label[j] { anomaly[bin] += 1 } else { normal[bin] += 1 }
                            }
                        }
                    }
                }
            }
        }
        return ReportHistogram(lowerEdges: edges, upper: high, normalCounts: normal, anomalyCounts: anomaly)
    }

    /// The smallest and largest score, or nil for no scores.
    private static func range(_ scores: [Double]) -> (Double, Double)? {
        guard let first = scores.first else { return nil }
        return scores.withUnsafeBufferPointer { score in
            var low = first
            var high = first
            var finite = true
            for x in score {
                finite = finite && x.isFinite
                if x < low { low = x }
                if x > high { high = x }
            }
            precondition(finite, "ScoreHistogram: scores must be finite")
            return (low, high)
        }
    }
}
