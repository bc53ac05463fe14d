/// Holm's step-down adjustment of m p-values (family-wise error control, uniformly more
/// powerful than Bonferroni): sort ascending p₍₁₎ ≤ … ≤ p₍ₘ₎, adjusted
/// p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎), returned in the input order. `nil` entries
/// (undefined tests) stay `nil` and do not count towards m.
public enum Holm {
    public static func adjust(_ pValues: [Double?]) -> [Double?] {
        let defined = pValues.enumerated().compactMap { index, p in p.map { (index, $0) } }
        let m = defined.count
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var running = 0.0
        for (rank, (index, p)) in defined.sorted(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }).enumerated() {
            running = max(running, min(1, Double(m - rank) * p))
            adjusted[index] = running
        }
        return adjusted
    }
}
