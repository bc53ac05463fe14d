#if canImport(Glibc)
import Glibc
#endif

/// Ranks of detectors across datasets (Demšar, JMLR 2006): per dataset the best detector (the
/// highest score) gets rank 1, ties share their mean rank; the average rank over datasets
/// orders the detectors. The Friedman statistic χ²_F = 12N/(k(k+1)) · (Σ R_j² − k(k+1)²/4) with
/// its χ² (k − 1) p-value tests whether they differ at all, and the Nemenyi critical
/// difference CD = q_α·√(k(k+1)/(6N)) (α = 0.05) says which average ranks differ.
public struct Ranking: Sendable {
    public let detectors: [String]
    /// Average rank per detector, in `detectors` order.
    public let averageRanks: [Double]
    public let datasets: Int
    public let friedmanStatistic: Double?
    public let friedmanPValue: Double?
    /// Nemenyi's critical difference at α = 0.05 (nil beyond 10 detectors or with one dataset).
    public let criticalDifference: Double?

    /// `scores[d][j]`: the score of detector j on dataset d (higher is better).
    public init(detectors: [String], scores: [[Double]]) {
        self.detectors = detectors
        let k = detectors.count, n = scores.count
        datasets = n
        var sums = [Double](repeating: 0, count: k)
        for row in scores {
            let ranks = Ranking.ranks(row)
            for j in 0..<k { sums[j] += ranks[j] }
        }
        averageRanks = sums.map { $0 / Double(max(n, 1)) }
        if n >= 2 && k >= 2 {
            let kk = Double(k), nn = Double(n)
            let statistic = 12 * nn / (kk * (kk + 1)) * (averageRanks.reduce(0) { $0 + $1 * $1 } - kk * (kk + 1) * (kk + 1) / 4)
            friedmanStatistic = statistic
            friedmanPValue = Ranking.chiSquaredSurvival(statistic, degreesOfFreedom: k - 1)
            let q = [2: 1.960, 3: 2.343, 4: 2.569, 5: 2.728, 6: 2.850, 7: 2.949, 8: 3.031, 9: 3.102, 10: 3.164][k]
            criticalDifference = q.map { $0 * (kk * (kk + 1) / (6 * nn)).squareRoot() }
        } else {
            friedmanStatistic = nil
            friedmanPValue = nil
            criticalDifference = nil
        }
    }

    /// Ranks 1…k of one row, best (highest) first, ties sharing the mean rank.
    static func ranks(_ row: [Double]) -> [Double] {
        let order = row.indices.sorted { row[$0] > row[$1] }
        var ranks = [Double](repeating: 0, count: row.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && row[order[j + 1]] == row[order[i]] { j += 1 }
            let mean = Double(i + j + 2) / 2
            for t in i...j { ranks[order[t]] = mean }
            i = j + 1
        }
        return ranks
    }

    /// P(χ²_ν > x) = Q(ν/2, x/2), the regularized upper incomplete gamma function (series for
    /// x < a + 1, Lentz's continued fraction otherwise; Numerical Recipes §6.2).
    static func chiSquaredSurvival(_ x: Double, degreesOfFreedom: Int) -> Double {
        let a = Double(degreesOfFreedom) / 2, z = x / 2
        if z <= 0 { return 1 }
        let logGammaA: Double = Glibc.lgamma(a)
        if z < a + 1 {
            var term = 1 / a, sum = term, n = a
            for _ in 0..<500 { n += 1; term *= z / n; sum += term; if abs(term) < abs(sum) * 1e-15 { break } }
            return max(0, 1 - sum * exp(-z + a * log(z) - logGammaA))
        }
        var b = z + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d
        for i in 1...500 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < 1e-300 { d = 1e-300 }
            c = b + an / c; if abs(c) < 1e-300 { c = 1e-300 }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return exp(-z + a * log(z) - logGammaA) * h
    }
}
