/// Whether a cut-off could be used on new data without knowing its labels.
///
/// The CLI labels every thresholded figure with it. An **oracle** cut-off is chosen with the
/// labels of the very data it is evaluated on (Youden, best F1, top-k at the true anomaly
/// ratio), so its metrics are optimistic. A **deployable** one is fixed beforehand (a
/// threshold, a top fraction) or chosen on other data (calibrated).
public enum CutoffSelection: String, Sendable, Hashable {
    case oracle
    case deployable
}

/// A rule that picks a threshold on a ``BinaryCurve`` (`Fixtures/metrics/SPEC.md` §3.5).
public enum CutoffRule: Sendable, Hashable {
    /// Max Youden's J = TPR − FPR over the distinct scores; ties → highest threshold (oracle).
    case youden
    /// Max F1 = 2TP/(TP+FP+P) over the distinct scores; ties → highest threshold (oracle).
    case bestF1
    /// Top-K with K = P, the true number of anomalies (oracle).
    case topContamination
    /// Top-K with K = ⌈k·n⌉ for the exact decimal fraction k, clamped to [1, n] (deployable).
    case topFraction(ExactDecimal)
    /// Top-K with the given K, clamped to [1, n] (deployable).
    case topCount(Int)
    /// The fixed rule s ≥ t (deployable).
    case threshold(Double)

    /// Oracle or deployable when evaluated on the data it was chosen on.
    public var selection: CutoffSelection {
        switch self {
        case .youden, .bestF1, .topContamination: return .oracle
        case .topFraction, .topCount, .threshold: return .deployable
        }
    }
}

/// A chosen threshold and the confusion metrics of "flag iff s ≥ threshold" on a curve.
public struct Cutoff: Sendable, Hashable {
    /// The rule that chose the threshold.
    public let rule: CutoffRule
    /// `true` when the threshold was chosen on another (validation) curve and applied here.
    public let isCalibrated: Bool
    /// The threshold t; for every rule but ``CutoffRule/threshold(_:)`` it is an observed score.
    public let threshold: Double
    /// The confusion matrix and metrics at t on the evaluated curve.
    public let confusion: ConfusionMetrics
    /// The index in the evaluated curve's ``BinaryCurve/thresholds`` of the lowest threshold
    /// the cut flags (pass it to ``BinaryCurve/plotCurves(maxPoints:marked:)``); `nil` when
    /// nothing is flagged.
    public let thresholdIndex: Int?
    /// K for the top rules (after clamping to [1, n], on the curve where the rule was applied),
    /// else `nil`. Ties at the cut are all flagged, so `confusion.nFlagged ≥ K` there.
    public let requestedCount: Int?

    /// Oracle or deployable; calibrated cut-offs are always deployable.
    public var selection: CutoffSelection { isCalibrated ? .deployable : rule.selection }

    /// Youden's J at this threshold (exact rational, correctly rounded).
    public var youdenJ: Double { confusion.youdenJ }
}

extension BinaryCurve {
    /// Applies a rule to this curve.
    public func cutoff(_ rule: CutoffRule) -> Cutoff {
        switch rule {
        case .youden:
            let k = youdenIndex()
            return Cutoff(rule: rule, isCalibrated: false, threshold: thresholds[k], 
                          confusion: confusion(atIndex: k), thresholdIndex: k, requestedCount: nil)
        case .bestF1:
            let k = bestF1Index()
            return Cutoff(rule: rule, isCalibrated: false, threshold: thresholds[k], 
                          confusion: confusion(atIndex: k), thresholdIndex: k, requestedCount: nil)
        case .topContamination:
            return top(rule: rule, count: positives)
        case .topFraction(let fraction):
            return top(rule: rule, count: fraction.ceilingOfProduct(with: count))
        case .topCount(let k):
            return top(rule: rule, count: k)
        case .threshold(let t):
            let above = thresholdsAtOrAbove(t)
            return Cutoff(rule: rule, isCalibrated: false, threshold: t,
                          confusion: confusion(atThreshold: t), thresholdIndex: above > 0 ? above - 1 : nil, requestedCount: nil)
        }
    }

    /// Chooses the threshold with `rule` on `validation` and applies it here with s ≥ t
    /// (`calibrated:RULE`). The result is deployable whatever the rule.
    public func calibrated(_ rule: CutoffRule, on validation: BinaryCurve) -> Cutoff {
        let chosen = validation.cutoff(rule)
        let above = thresholdsAtOrAbove(chosen.threshold)
        return Cutoff(rule: rule, isCalibrated: true, threshold: chosen.threshold,
                      confusion: confusion(atThreshold: chosen.threshold),
                      thresholdIndex: above > 0 ? above - 1 : nil,
                      requestedCount: chosen.requestedCount)
    }

    /// ``CutoffRule/youden``.
    public func youden() -> Cutoff { cutoff(.youden) }
    /// ``CutoffRule/bestF1``.
    public func bestF1() -> Cutoff { cutoff(.bestF1) }
    /// ``CutoffRule/topContamination`` (K = P).
    public func topContamination() -> Cutoff { cutoff(.topContamination) }
    /// ``CutoffRule/topFraction(_:)``.
    public func topFraction(_ fraction: ExactDecimal) -> Cutoff { cutoff(.topFraction(fraction)) }
    /// ``CutoffRule/topCount(_:)``.
    public func topK(count: Int) -> Cutoff { cutoff(.topCount(count)) }
    /// ``CutoffRule/threshold(_:)``.
    public func threshold(_ t: Double) -> Cutoff { cutoff(.threshold(t)) }

    private func top(rule: CutoffRule, count requested: Int) -> Cutoff {
        let k = min(max(requested, 1), count)
        let index = topKIndex(k)
        return Cutoff(rule: rule, isCalibrated: false, threshold: thresholds[index],
                      confusion: confusion(atIndex: index), thresholdIndex: index, requestedCount: k)
    }
}

extension CutoffRule: CustomStringConvertible {
    /// The command-line spelling (`CutoffSpelling` in Recipe reads it back to the same rule).
    public var description: String {
        switch self {
        case .youden: return "youden"
        case .bestF1: return "best-f1"
        case .topContamination: return "top:contamination"
        case .topFraction(let k): return "top:\(k)"
        case .topCount(let k): return "top-count:\(k)"
        case .threshold(let t): return "threshold:\(t)"
        }
    }
}
