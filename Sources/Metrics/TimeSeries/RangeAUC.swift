/// Range-AUC-ROC and range-AUC-PR (Paparrizos et al., VLDB 2022) as vus 0.0.6
/// `metricor.RangeAUC` computes them (`vus.metrics.get_metrics(metric='range_auc')`), TS §5.
///
/// One buffer length ℓ = W on the same 250-position grid as VUS (``SeriesCurve``):
///
///     ext = ext_W;  Ev = maximal runs of ext > 0      (widened ranges that overlap OR touch)
///     M = |Ev|;  Pn = (P + Σ_i ext(i))/2               constant: the whole buffer, flagged or not
///     for each k: S_k, TP_k = A_k + S_k, rec_k = min(TP_k/Pn, 1), D_k = #{runs with s ≥ θ_k},
///                 TPR_k = rec_k·D_k/M, FPR_k = (N_k − TP_k)/(n − Pn), PREC_k = TP_k/N_k
///     R-AUC-ROC = the polyline area of VUS (TS §4)
///     R-AUC-PR  = Σ_k (TPR_k − TPR_{k−1})·(PREC_k + PREC_{k−1})/2,  TPR_{−1} = 0, PREC_{−1} = 1
///
/// It is **not** VUS's curve at w = W: Pn is constant, events are runs of non-zero buffer
/// weight (buffers that merely touch are one run here, two events in VUS
/// [`buffers_touch_not_overlap`]), and the PR area is a trapezoid anchored at precision 1.
/// A perfect detector gets R-AUC < 1 because Pn counts half the unflagged buffer
/// [`perfect_block`]. (TSB-AD 1.5's own `RangeAUC` is broken for W ≥ 2 and is not used.)
///
/// Cost: O(Σ ramp lengths + m + T) after the sort.
public struct RangeAUC: Sendable, Equatable {
    /// ℓ = W.
    public let window: Int
    public let roc: Double
    public let pr: Double
}

extension SeriesCurve {
    /// Range-AUC-ROC and -PR at buffer length `window` (`bad_window` below 0).
    public func rangeAUC(window: Int) throws -> RangeAUC {
        guard window >= 0 else { throw MetricsError.invalidWindow(window) }
        let T = thresholdCount, n = count, P = labels.positives
        let ranges = labels.ranges
        var builder = BufferBuilder(count: n)
        builder.build(labels, window: window)
        var soft = [Double](repeating: 0, count: T + 1)
        var total = CorrectlyRoundedSum()
        for (i, weight) in zip(builder.indices, builder.weights) {
            soft[gridRank(of: scores[i])] += weight
            total.add(weight)
        }
        let h = window / 2
        var events = [Int](repeating: 0, count: T + 1)
        var runs = 0
        var j = 0
        while j < ranges.count {
            var lo = max(ranges[j].lowerBound - h, 0)
            var hi = min(ranges[j].upperBound + h, n - 1)
            while j + 1 < ranges.count && ranges[j].upperBound + h + 1 >= ranges[j + 1].lowerBound - h {
                j += 1
                hi = min(ranges[j].upperBound + h, n - 1)
            }
            lo = max(lo, 0)
            let top = scores[lo...hi].max() ?? -.infinity  // lo...hi is never empty
            events[gridRank(of: top)] += 1
            runs += 1
            j += 1
        }
        let pn = (Double(P) + (Double(P) + total.value)) / 2
        let points = curvePoints(soft: soft, events: events, eventCount: runs, recallBase: { _ in pn })
        var sum = CorrectlyRoundedSum()
        return RangeAUC(window: window, roc: points.rocArea(using: &sum), pr: points.trapezoidPRArea(using: &sum))
    }
}
