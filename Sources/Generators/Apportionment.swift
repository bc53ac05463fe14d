/// Splits an exact total among weighted parts: the largest-remainder (Hamilton) method.
///
/// Each part gets `floor(total * w / W)`; the units left over go one each to the parts with the
/// largest fractional remainders (ties to the earlier part). The counts always sum to `total`,
/// so a recipe asking for 1,000 anomalies with weights 1:1 gets exactly 500 and 500.
public enum Apportionment {
    public static func counts(total: Int, weights: [Double]) -> [Int] {
        precondition(total >= 0 && !weights.isEmpty && weights.allSatisfy { $0 > 0 })
        let sum = weights.reduce(0, +)
        let quotas = weights.map { Double(total) * $0 / sum }
        var counts = quotas.map { Int($0.rounded(.down)) }
        var left = total - counts.reduce(0, +)
        // Floating-point rounding can leave the floors one too high in principle: repair first.
        while left < 0, let i = counts.indices.max(by: { counts[$0] < counts[$1] }) {
            counts[i] -= 1
            left += 1
        }
        let order = quotas.indices.sorted { a, b in
            let ra = quotas[a] - Double(counts[a]), rb = quotas[b] - Double(counts[b])
            return ra != rb ? ra > rb : a < b
        }
        var k = 0
        while left > 0 {
            counts[order[k % order.count]] += 1
            left -= 1
            k += 1
        }
        return counts
    }
}
