/// VUS-ROC and VUS-PR (Paparrizos et al., VLDB 2022) with the semantics of TSB-AD 1.5 and
/// vus 0.0.6 `generate_curve` (version `opt`; bit-identical to each other), TS §4.
///
/// For each buffer length w = 0, 1, …, W (the sliding window), with h = ⌊w/2⌋, the buffer
/// points B_w and weights ext_w of ``BufferedLabels``, and the grid of ``SeriesCurve``:
///
///     events E_w: consecutive ranges j, j+1 are one event iff b_j + h ≥ a_{j+1} − h
///                 (the widened ranges share an index); M_w = |E_w|
///     for k = 0 … T−1:
///         S_k    = Σ_{i ∈ B_w, s[i] ≥ θ_k} ext_w(i)       flagged buffer weight
///         TP_k   = A_k + S_k
///         Pn_k   = P + S_k/2                             (threshold-dependent, TSB-AD ≥ 2024-10-25)
///         rec_k  = min(TP_k/Pn_k, 1)
///         D_k    = #{e ∈ E_w : max_{i∈e} s[i] ≥ θ_k}      events with a flagged point
///         TPR_k  = rec_k · D_k/M_w
///         FPR_k  = (N_k − TP_k)/(n − Pn_k)
///         PREC_k = TP_k/N_k
///     ROC_w = Σ trapezoids over (0,0), (FPR_0, TPR_0), …, (FPR_{T−1}, TPR_{T−1}), (1,1)
///             (signed widths: the polyline need not be monotone)
///     PR_w  = Σ_k (TPR_k − TPR_{k−1})·PREC_k,  TPR_{−1} = 0    (step rule, no anchor)
///
/// **VUS-ROC = mean of ROC_w, VUS-PR = mean of PR_w over w = 0…W.** n − Pn > 0 and N_k ≥ 1
/// always hold (a single class is an error; θ_k is a score).
///
/// Edge cases (vectors in brackets):
/// - W = 0 is not the point AUROC: recall is still scaled by the event ratio and only 250
///   thresholds are used [`rand_500_signal_w0`, `perfect_detector_grid_skip`]; W = 1 equals
///   W = 0 [`perfect_block_w1`].
/// - W larger than the series: ramps are clipped [`window_exceeds_series`].
/// - A detector flagging the anomalies and no buffer point reaches TPR 1 at FPR 0, so VUS = 1
///   at any W if the grid hits that cut [`perfect_block`]; a coarse grid can miss it
///   [`grid_truncation_n1024`].
/// - Constant scores: ROC_w = 1 − FPR_w/2, PR_w = (P + S_w)/n, so VUS-ROC > 0.5 once W ≥ 2
///   [`constant_scores`]. Uniform noise gets VUS-ROC 0.80 at W = 125 [`rand_2500_noise_w125`]:
///   **VUS is comparable only at equal W**, so outputs print W beside it.
/// - A flagged buffer point counts ext as TP and 1 − ext as FP.
///
/// Cost: the one sort of ``SeriesCurve``, then per buffer length O(|B_w| + m + T) with rank
/// histograms (the reference is O(W·T·n)); the areas and the means over w use the correctly
/// rounded sum. 100,000 points at W = 100 take a few milliseconds.
public struct VolumeUnderSurface: Sendable, Equatable {
    /// W.
    public let window: Int
    /// VUS-ROC, the mean of ``rocPerWindow``.
    public let roc: Double
    /// VUS-PR, the mean of ``prPerWindow``.
    public let pr: Double
    /// ROC_w for w = 0…W.
    public let rocPerWindow: [Double]
    /// PR_w for w = 0…W.
    public let prPerWindow: [Double]
}

extension SeriesCurve {
    /// VUS-ROC and VUS-PR at sliding window `window` (`bad_window` below 0).
    public func volumeUnderSurface(window: Int) throws -> VolumeUnderSurface {
        try volumeUnderSurface(window: window, keepingCurves: false).result
    }

    /// The same, with the per-window TPR/FPR/precision curves (for the VUS surface picture).
    public func volumeUnderSurface(window: Int, keepingCurves: Bool) throws
        -> (result: VolumeUnderSurface, curves: [RangeCurvePoints]) {
        guard window >= 0 else { throw MetricsError.invalidWindow(window) }
        let n = count, T = thresholdCount, P = Double(labels.positives)
        let ranges = labels.ranges
        var builder = BufferBuilder(count: n)
        // Widened maxima of each range, grown one step of h at a time.
        var widenedMax = ranges.map { r in scores[r].max() ?? -.infinity }  // a range is never empty
        var widenedH = 0
        var softHistogram = [Double](repeating: 0, count: T + 1)
        var eventHistogram = [Int](repeating: 0, count: T + 1)
        var rocs: [Double] = [], prs: [Double] = []
        var curves: [RangeCurvePoints] = []
        var sum = CorrectlyRoundedSum()
        for w in 0...window {
            let h = w / 2
            while widenedH < h {
                widenedH += 1
                for (j, r) in ranges.enumerated() {
                    if r.lowerBound - widenedH >= 0 { widenedMax[j] = max(widenedMax[j], scores[r.lowerBound - widenedH]) }
                    if r.upperBound + widenedH < n { widenedMax[j] = max(widenedMax[j], scores[r.upperBound + widenedH]) }
                }
            }
            builder.build(labels, window: w)
            for k in 0...T { softHistogram[k] = 0; eventHistogram[k] = 0 }
            for (i, weight) in zip(builder.indices, builder.weights) { softHistogram[gridRank(of: scores[i])] += weight }
            // Merged events: widened ranges sharing an index.
            var events = 0
            var j = 0
            while j < ranges.count {
                var top = widenedMax[j]
                while j + 1 < ranges.count && ranges[j].upperBound + h >= ranges[j + 1].lowerBound - h {
                    j += 1
                    top = max(top, widenedMax[j])
                }
                eventHistogram[gridRank(of: top)] += 1
                events += 1
                j += 1
            }
            let points = curvePoints(soft: softHistogram, events: eventHistogram, eventCount: events,
                                     recallBase: { s in P + s / 2 })
            let roc = points.rocArea(using: &sum)
            let pr = points.stepPRArea(using: &sum)
            rocs.append(roc)
            prs.append(pr)
            if keepingCurves { curves.append(points) }
        }
        sum.reset()
        for v in rocs { sum.add(v) }
        let roc = sum.value / Double(rocs.count)
        sum.reset()
        for v in prs { sum.add(v) }
        let pr = sum.value / Double(prs.count)
        return (VolumeUnderSurface(window: window, roc: roc, pr: pr, rocPerWindow: rocs, prPerWindow: prs), curves)
    }

    /// TPR, FPR and precision at every grid threshold from the rank histograms of the flagged
    /// buffer weight and of the detected events. `recallBase(S)` is Pn for flagged buffer
    /// weight S (VUS: P + S/2; range-AUC: a constant).
    func curvePoints(soft: [Double], events: [Int], eventCount: Int, recallBase: (Double) -> Double) -> RangeCurvePoints {
        let T = thresholdCount, n = Double(count)
        var points = RangeCurvePoints(tpr: [Double](repeating: 0, count: T), fpr: [Double](repeating: 0, count: T),
                                      precision: [Double](repeating: 0, count: T))
        var s = 0.0
        var detected = 0
        let m = Double(eventCount)
        for k in 0..<T {
            s += soft[k]
            detected += events[k]
            let tp = Double(anomaliesAtGrid[k]) + s
            let pn = recallBase(s)
            let recall = min(tp / pn, 1)
            let flagged = Double(flaggedAtGrid[k])
            points.tpr[k] = recall * (Double(detected) / m)
            points.fpr[k] = (flagged - tp) / (n - pn)
            points.precision[k] = tp / flagged
        }
        return points
    }
}

/// The TPR / FPR / precision of one buffer length at the T grid thresholds (VUS, range-AUC).
public struct RangeCurvePoints: Sendable, Equatable {
    public var tpr: [Double]
    public var fpr: [Double]
    public var precision: [Double]

    /// The trapezoid area of (0,0), (FPR_k, TPR_k)…, (1,1), signed widths.
    func rocArea(using sum: inout CorrectlyRoundedSum) -> Double {
        sum.reset()
        var x = 0.0, y = 0.0
        for k in tpr.indices {
            sum.add((fpr[k] - x) * (tpr[k] + y) / 2)
            x = fpr[k]
            y = tpr[k]
        }
        sum.add((1 - x) * (1 + y) / 2)
        return sum.value
    }

    /// Σ (TPR_k − TPR_{k−1})·PREC_k with TPR_{−1} = 0 (VUS's step rule).
    func stepPRArea(using sum: inout CorrectlyRoundedSum) -> Double {
        sum.reset()
        var previous = 0.0
        for k in tpr.indices {
            sum.add((tpr[k] - previous) * precision[k])
            previous = tpr[k]
        }
        return sum.value
    }

    /// Σ (TPR_k − TPR_{k−1})·(PREC_k + PREC_{k−1})/2 with TPR_{−1} = 0, PREC_{−1} = 1
    /// (range-AUC's trapezoid anchored at precision 1).
    func trapezoidPRArea(using sum: inout CorrectlyRoundedSum) -> Double {
        sum.reset()
        var previousT = 0.0, previousP = 1.0
        for k in tpr.indices {
            sum.add((tpr[k] - previousT) * (precision[k] + previousP) / 2)
            previousT = tpr[k]
            previousP = precision[k]
        }
        return sum.value
    }
}
