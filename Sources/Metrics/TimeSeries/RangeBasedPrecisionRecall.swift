/// Range-based precision and recall (Tatbul et al., NeurIPS 2018), as prts 1.0.0.3 computes
/// them (TS §6.5), and TSB-AD's `R-based-F1` (TS §6.6).
///
/// With 𝓡 = the anomaly ranges and 𝓟 = the flagged runs, and parameters α ∈ [0, 1],
/// cardinality γ ∈ {one, reciprocal} and positional bias δ ∈ {flat, front, middle, back}:
///
///     δ(t), t = 1…L:  flat 1;  front L − t + 1;  back t;  middle t if t ≤ L/2 else L − t + 1
///     ω(X, O) = Σ_{t: a+t−1 ∈ O} δ(t) / Σ_{t=1…L} δ(t)        X = [a, b], O ⊆ X
///     γ(k)    = 1 (one);  1/k for k > 1, else 1 (reciprocal)
///     Recall(R)   = α·[k > 0] + (1 − α)·γ(k)·Σ_{Q ∈ 𝓞} ω(R, R ∩ Q),   𝓞 = {Q ∈ 𝓟 : Q ∩ R ≠ ∅}, k = |𝓞|
///     Recall      = mean over 𝓡;   Precision = the same with the roles of 𝓡 and 𝓟 swapped
///                   (the bias taken over the predicted range), mean over 𝓟
///     F_β = (1 + β²)·P·R / (β²·P + R), 0 when P + R = 0
///
/// Nothing flagged: precision 0 and recall 0 (prts raises there, TSB-AD returns 0).
/// α = 0 gives the paper's precision; prts's α on the precision side is an extension.
///
/// Sums of δ are exact integers (closed forms) divided once, as the reference's float sums of
/// small integers are exact; overlaps are found with two pointers, O(m + runs).
public enum RangeBasedPrecisionRecall {
    public enum Cardinality: String, Sendable, CaseIterable { case one, reciprocal }
    public enum Bias: String, Sendable, CaseIterable { case flat, front, middle, back }

    /// α, γ and δ, the same on both sides (prts's defaults: α = 0, one, flat).
    public struct Parameters: Sendable, Hashable {
        public var alpha: Double
        public var cardinality: Cardinality
        public var bias: Bias

        public init(alpha: Double = 0, cardinality: Cardinality = .one, bias: Bias = .flat) {
            self.alpha = alpha
            self.cardinality = cardinality
            self.bias = bias
        }
    }

    /// Range-based precision and recall; `invalid_parameter` for α ∉ [0, 1].
    public static func evaluate(labels: SeriesLabels, prediction: SeriesPrediction,
                                _ parameters: Parameters = Parameters()) throws -> (precision: Double, recall: Double) {
        try prediction.check(against: labels)
        guard parameters.alpha >= 0 && parameters.alpha <= 1 else {
            throw MetricsError.invalidParameter(name: "alpha", reason: "must be in [0, 1], got \(parameters.alpha)")
        }
        if prediction.ranges.isEmpty { return (0, 0) }
        let precision = side(prediction.ranges, labels.ranges, parameters)
        let recall = side(labels.ranges, prediction.ranges, parameters)
        return (precision, recall)
    }

    /// F_β of a precision and a recall; 0 when both are 0.
    public static func f(precision: Double, recall: Double, beta: Double = 1) -> Double {
        if precision + recall == 0 { return 0 }
        let b2 = beta * beta
        return (1 + b2) * precision * recall / (b2 * precision + recall)
    }

    /// TSB-AD's `R-based-F1`: F1 of recall (α = 0.2, reciprocal, flat) and precision
    /// (α = 0, reciprocal, flat). Quirk kept: an all-ones prediction has no run for TSB-AD's
    /// `np.diff` run finder, so the value is 0 [`all_predicted`, `constant_scores`].
    public static func tsbadF1(labels: SeriesLabels, prediction: SeriesPrediction) throws -> Double {
        try prediction.check(against: labels)
        if prediction.flagged == prediction.count || prediction.ranges.isEmpty { return 0 }
        let recall = side(labels.ranges, prediction.ranges, Parameters(alpha: 0.2, cardinality: .reciprocal, bias: .flat))
        let precision = side(prediction.ranges, labels.ranges, Parameters(alpha: 0, cardinality: .reciprocal, bias: .flat))
        return recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision)
    }

    /// The mean over `own` of α·[k > 0] + (1 − α)·γ(k)·Σ ω, each range against the `other`
    /// ranges it overlaps (both lists sorted and disjoint).
    static func side(_ own: [ClosedRange<Int>], _ other: [ClosedRange<Int>], _ p: Parameters) -> Double {
        if own.isEmpty { return 0 }
        var total = 0.0
        var j = 0
        for r in own {
            while j < other.count && other[j].upperBound < r.lowerBound { j &+= 1 }
            var k = j
            var count = 0
            var omega = 0.0
            let den = Double(deltaSum(p.bias, from: 1, to: r.count, length: r.count))
            while k < other.count && other[k].lowerBound <= r.upperBound {
                let lo = max(r.lowerBound, other[k].lowerBound), hi = min(r.upperBound, other[k].upperBound)
                let num = deltaSum(p.bias, from: lo - r.lowerBound + 1, to: hi - r.lowerBound + 1, length: r.count)
                omega += den > 0 ? Double(num) / den : 0
                count &+= 1
                k &+= 1
            }
            let gamma = p.cardinality == .one || count <= 1 ? 1.0 : 1.0 / Double(count)
            total += p.alpha * (count > 0 ? 1 : 0) + (1 - p.alpha) * gamma * omega
        }
        return total / Double(own.count)
    }

    /// Σ_{t = t1…t2} δ(t) for a range of length L (exact).
    static func deltaSum(_ bias: Bias, from t1: Int, to t2: Int, length L: Int) -> Int {
        guard t2 >= t1 else { return 0 }
        /// Σ t over [lo, hi] and Σ (L + 1 − t) over [lo, hi].
        func rising(_ lo: Int, _ hi: Int) -> Int { hi < lo ? 0 : (lo + hi) * (hi - lo + 1) / 2 }
        func falling(_ lo: Int, _ hi: Int) -> Int { hi < lo ? 0 : (hi - lo + 1) * (L + 1) - rising(lo, hi) }
        switch bias {
        case .flat: return t2 - t1 + 1
        case .front: return falling(t1, t2)
        case .back: return rising(t1, t2)
        case .middle:
            let half = L / 2  // t ≤ L/2 ⇔ t ≤ ⌊L/2⌋ for integer t
            return rising(t1, min(t2, half)) + falling(max(t1, half + 1), t2)
        }
    }
}
