/// Affiliation precision and recall (Huet et al., KDD 2022), as the implementation shipped
/// (byte-identical) in TSB-AD 1.5 and vus 0.0.6 computes them (TS §6.7).
///
/// Each run [a, b] of the labels or of the prediction becomes the half-open interval
/// [a, b + 1). Ground-truth intervals J_j = [α_j, β_j), j = 1…m, own the zones
/// Z_j = [ζ_j, ζ_{j+1}] with ζ_1 = 0, ζ_{m+1} = n and ζ_j = (β_{j−1} + α_j)/2 between them;
/// 𝓘_j = the predicted intervals cut to Z_j, keeping those of positive length.
///
///     d(x, J)   = 0 inside J, else the distance to J's nearer end
///     F̄_j(d)   = Pr[d(X, J_j) ≥ d], X uniform on Z_j
///              = 1 at d = 0;  1 − (|J_j| + min(d, λ_j) + min(d, ρ_j))/|Z_j| for d > 0,
///                λ_j = α_j − ζ_j, ρ_j = ζ_{j+1} − β_j          (F̄ jumps at the ends of J)
///     p_j = Σ_{I∈𝓘_j} ∫_I F̄_j(d(x, J_j)) dx / Σ_{I∈𝓘_j} |I|      (only when 𝓘_j ≠ ∅)
///     G(y, d) = Pr[|X − y| ≥ d] = 1 − (min(d, y − ζ_j) + min(d, ζ_{j+1} − y))/|Z_j|
///     r_j = (1/|J_j|) ∫_{J_j} G(y, δ(y)) dy,  δ(y) = distance from y to ∪𝓘_j;  0 when 𝓘_j = ∅
///
/// **Precision = mean of p_j over the zones with 𝓘_j ≠ ∅, NaN when there is none (nothing
/// flagged): report it as "undefined", not 0. Recall = mean of r_j over all m zones.**
/// TSB-AD's `Affiliation-F` = 2PR/(P + R + 1e-15), NaN when P is NaN.
///
/// Every integrand is piecewise linear, so each is integrated exactly by the trapezoid rule
/// between its kinks (as `tsmetrics_ref.affiliation` does); the zone means use the correctly
/// rounded sum. Note (TS §8.3): a uniformly random point has precision probability about ½
/// by construction, so flagging everything scores F ≈ 0.68 on `all_predicted`.
///
/// Cost O(m + runs): zones and predicted intervals are walked with one pointer each.
public enum Affiliation {
    /// Affiliation precision (NaN when nothing is flagged) and recall.
    public static func evaluate(labels: SeriesLabels, prediction: SeriesPrediction) throws -> (precision: Double, recall: Double) {
        try prediction.check(against: labels)
        let n = Double(labels.count)
        let truths = labels.ranges.map { (Double($0.lowerBound), Double($0.upperBound + 1)) }
        let predicted = prediction.ranges.map { (Double($0.lowerBound), Double($0.upperBound + 1)) }
        let m = truths.count
        var precisions = CorrectlyRoundedSum(), recalls = CorrectlyRoundedSum()
        var precisionCount = 0
        var first = 0  // first predicted interval that can reach the current zone
        var pieces: [(Double, Double)] = []
        for (j, (a, b)) in truths.enumerated() {
            let lo = j == 0 ? 0.0 : (truths[j - 1].1 + a) / 2
            let hi = j == m - 1 ? n : (b + truths[j + 1].0) / 2
            let zone = hi - lo
            pieces.removeAll(keepingCapacity: true)
            while first < predicted.count && predicted[first].1 <= lo { first &+= 1 }
            var k = first
            while k < predicted.count && predicted[k].0 < hi {
                let p = max(predicted[k].0, lo), q = min(predicted[k].1, hi)
                if p < q { pieces.append((p, q)) }
                k &+= 1
            }
            if pieces.isEmpty {
                recalls.add(0)
                continue
            }
            let left = a - lo, right = hi - b, length = b - a
            // Precision of the zone.
            func fbar(_ d: Double) -> Double { 1.0 - (length + min(d, left) + min(d, right)) / zone }
            var numerator = 0.0, total = 0.0
            for (p, q) in pieces {
                numerator += max(0.0, min(q, b) - max(p, a))
                numerator += integrate({ fbar(a - $0) }, p, min(q, a), a - left, a - right)
                numerator += integrate({ fbar($0 - b) }, max(p, b), q, b + left, b + right)
                total += q - p
            }
            precisions.add(numerator / total)
            precisionCount &+= 1
            // Recall: each y of J against its closest predicted piece.
            var sum = 0.0
            for (index, (p, q)) in pieces.enumerated() {
                let lower = index == 0 ? -Double.infinity : (pieces[index - 1].1 + p) / 2
                let upper = index == pieces.count - 1 ? Double.infinity : (q + pieces[index + 1].0) / 2
                let u = max(a, lower), v = min(b, upper)
                if v <= u { continue }
                sum += max(0.0, min(v, q) - max(u, p))
                sum += integrate({ y in
                    let d = p - y
                    return 1.0 - (min(d, y - lo) + min(d, hi - y)) / zone
                }, u, min(v, p), (p + lo) / 2, (p + hi) / 2)
                sum += integrate({ y in
                    let d = y - q
                    return 1.0 - (min(d, y - lo) + min(d, hi - y)) / zone
                }, max(u, q), v, (q + lo) / 2, (q + hi) / 2)
            }
            recalls.add(sum / length)
        }
        let precision = precisionCount == 0 ? Double.nan : precisions.value / Double(precisionCount)
        return (precision, recalls.value / Double(m))
    }

    /// TSB-AD's `Affiliation-F` = 2PR/(P + R + 1e-15) (NaN when P is NaN).
    public static func tsbadF(precision: Double, recall: Double) -> Double {
        2 * precision * recall / (precision + recall + 1e-15)
    }

    /// ∫_u^v f for a piecewise-linear f whose kinks are among k1, k2: the trapezoid rule between
    /// consecutive points of {u, v} ∪ ({k1, k2} ∩ (u, v)), in increasing order, summed left to
    /// right (the reference's order). 0 when v ≤ u. No allocation: it runs for every piece.
    @inline(__always)
    static func integrate(_ f: (Double) -> Double, _ u: Double, _ v: Double, _ k1: Double, _ k2: Double) -> Double {
        if v <= u { return 0 }
        let a = min(k1, k2), b = max(k1, k2)
        var sum = 0.0
        var x0 = u, f0 = f(u)
        if a > u && a < v {
            let fa = f(a)
            sum += (a - x0) * (f0 + fa) / 2
            x0 = a
            f0 = fa
        }
        if b > u && b < v && b != a {
            let fb = f(b)
            sum += (b - x0) * (f0 + fb) / 2
            x0 = b
            f0 = fb
        }
        let fv = f(v)
        sum += (v - x0) * (f0 + fv) / 2
        return sum
    }
}
