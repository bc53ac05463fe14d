import Randomness

/// k-means++ seeding (Arthur & Vassilvitskii, 2007) in scikit-learn's greedy form
/// (`sklearn.cluster._kmeans._kmeans_plusplus`, used by `GaussianMixture(init_params="k-means++")`):
/// the first centre is a uniformly drawn row; each further centre is the best of
/// `2 + ⌊ln k⌋` candidate rows, each drawn with probability proportional to its squared
/// distance D²(x) to the nearest centre chosen so far, "best" meaning the candidate that
/// leaves the smallest potential Σₓ D²(x) (the first such candidate on a tie).
///
/// Returns `k` row indices in the order chosen. A row already chosen has D² = 0 and is never
/// drawn again, so the centres are distinct rows unless the matrix has fewer than `k` distinct
/// rows: then, once every row coincides with a centre (potential 0), the last row is taken
/// (scikit-learn's `searchsorted` + `clip` does the same) and centres repeat.
///
/// Randomness: one `uniformInt(below: n)` draw for the first centre, then `trials`
/// `uniformUnit()` draws per further centre, from the generator given (numpy's generator is
/// not reproduced, so the rows chosen differ from scikit-learn's for the same data).
public enum KMeansPlusPlus {
    /// The number of candidates per centre after the first: scikit-learn's `2 + int(np.log(k))`.
    public static func localTrials(_ k: Int) -> Int {
        2 + Int(log(Double(k)))
    }

    /// `k` centre rows of `x` (`1 ≤ k ≤ x.rows`).
    public static func centres(_ x: Matrix, count k: Int, generator: inout Xoshiro256StarStar) -> [Int] {
        let n = x.rows
        precondition(k >= 1 && k <= n, "KMeansPlusPlus: \(k) centres from \(n) rows")
        let trials = localTrials(k)
        var chosen = [generator.uniformInt(below: n)]
        chosen.reserveCapacity(k)
        // Squared distances are summed by hand, row by row, rather than expanded as
        // ‖x‖² + ‖c‖² − 2x·c with a BLAS product (scikit-learn's way): the direct sum is never
        // negative, loses nothing to cancellation, and has one fixed order of operations, so
        // the same seed picks the same rows whatever OpenBLAS kernel set a machine has.
        var closest = squaredDistances(x, to: chosen[0])
        var cumulative = [Double](repeating: 0, count: n)
        for _ in 1..<k {
            // The potential is the last cumulative sum, so every target u · potential (u < 1)
            // falls below it unless the potential is 0.
            var running = 0.0
            for i in 0..<n { running += closest[i]; cumulative[i] = running }
            var best: (row: Int, potential: Double, distances: [Double])? = nil
            for _ in 0..<trials {
                let target = generator.uniformUnit() * running
                let row = firstIndex(in: cumulative, above: target) ?? n - 1
                var distances = squaredDistances(x, to: row)
                var candidatePotential = 0.0
                for i in 0..<n {
                    distances[i] = min(distances[i], closest[i])
                    candidatePotential += distances[i]
                }
                if best.map({ candidatePotential < $0.potential }) ?? true {
                    best = (row, candidatePotential, distances)
                }
            }
            guard let best else { preconditionFailure("k-means++: at least one trial per centre") }
            chosen.append(best.row)
            closest = best.distances
        }
        return chosen
    }

    /// ‖xᵢ − x_row‖² for every row i.
    static func squaredDistances(_ x: Matrix, to row: Int) -> [Double] {
        let n = x.rows, d = x.columns
        return x.values.withUnsafeBufferPointer { v in
            let c = row * d
            return (0..<n).map { i in
                var sum = 0.0
                let r = i * d
                for j in 0..<d {
                    let difference = v[r + j] - v[c + j]
                    sum += difference * difference
                }
                return sum
            }
        }
    }

    /// The first index whose (non-decreasing) cumulative value exceeds `target`, by bisection;
    /// nil when none does. A strict `>` never lands on a row of zero weight.
    static func firstIndex(in cumulative: [Double], above target: Double) -> Int? {
        var low = 0, high = cumulative.count
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low < cumulative.count ? low : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
