import Randomness
#if canImport(Glibc)
import Glibc
#endif

/// Histogram-based outlier score (Goldstein & Dengel, 2012), exactly as PyOD's `HBOS` with
/// static bins (PyOD 3.6; checked against its scores in `HBOSTests`):
///
/// - **fit**, per feature: numpy's `histogram(x, bins, density=True)`: `bins` equal-width bins
///   over [min, max] (a constant feature gets [v − ½, v + ½]), edges `low + k·step` with the last
///   edge exactly `max`; bins are left-closed except the last, which also holds `max`; height =
///   count / width / n (numpy's order of division).
/// - **score**, per feature: the bin is found as numpy's `digitize(x, edges, right=True)` does,
///   i.e. right-closed bins (a value on an interior edge scores with the bin *below* it, where
///   fitting counted it in the bin above: PyOD's own mismatch, kept so the numbers agree); a value
///   at or below the first edge (or above the last) within `tolerance` bin widths of it takes the
///   edge bin, beyond that the feature's lowest height. A row's score is
///   −Σ_features log₂(height + α), higher = more anomalous (PyOD's `decision_function`).
///
/// Consequences worth knowing: a constant feature's value sits on an interior edge, so it scores
/// with the empty bin below it (log₂ α) for every row; test values equal to the constant do too.
public struct HBOS: Detector {
    public var bins: Int
    public var alpha: Double
    public var tolerance: Double
    /// Per feature: the `bins + 1` edges and the `bins` values log₂(height + α).
    private var edges: [[Double]] = []
    private var logHeights: [[Double]] = []

    public enum Parameter {
        public static let bins = DetectorParameter(integer: "bins", default: 10, range: 2...100_000,
                                                   help: "equal-width bins per feature (at least 2, as PyOD)")
        public static let alpha = DetectorParameter(number: "alpha", default: 0.1, range: 1e-12...1e6,
                                                    help: "added to each bin's density before the log")
        public static let tolerance = DetectorParameter(number: "tolerance", default: 0.5, range: 0...1e6,
                                                        help: "bin widths beyond the training range still mapped to the edge bin")
    }

    public init(bins: Int = Parameter.bins.defaultValue, alpha: Double = Parameter.alpha.defaultValue,
                tolerance: Double = Parameter.tolerance.defaultValue) {
        self.bins = bins
        self.alpha = alpha
        self.tolerance = tolerance
    }

    public static let info = DetectorInfo(
        name: "hbos", summary: "Histogram-based outlier score (PyOD's static bins, its exact scores)",
        defaultScaling: .none,
        parameters: [Parameter.bins.info, Parameter.alpha.info, Parameter.tolerance.info],
        work: .linear,
        make: { p in
            HBOS(bins: try p.value(Parameter.bins), alpha: try p.value(Parameter.alpha),
                 tolerance: try p.value(Parameter.tolerance))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let d = train.columns, n = train.rows
        edges = []
        logHeights = []
        for j in 0..<d {
            var low = Double.infinity, high = -Double.infinity
            for i in 0..<n { let v = train[i, j]; low = min(low, v); high = max(high, v) }
            if low == high { low -= 0.5; high += 0.5 }
            // numpy.linspace(low, high, bins + 1): start + k·step, the last set to stop.
            let step = (high - low) / Double(bins)
            var e = (0...bins).map { Double($0) * step + low }
            e[bins] = high
            // numpy.histogram's bin index: from the position, then corrected against the edges.
            var counts = [Double](repeating: 0, count: bins)
            for i in 0..<n {
                let v = train[i, j]
                var k = Int((v - low) / (high - low) * Double(bins))
                if k == bins { k -= 1 }
                if v < e[k] { k -= 1 }
                if v >= e[k + 1] && k != bins - 1 { k += 1 }
                counts[k] += 1
            }
            edges.append(e)
            logHeights.append((0..<bins).map { k in log2(counts[k] / (e[k + 1] - e[k]) / Double(n) + alpha) })
        }
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        (0..<x.rows).map { i in
            var score = 0.0
            for j in 0..<x.columns {
                let e = edges[j], v = x[i, j]
                // digitize(right=True): the number of edges strictly below v.
                var lo = 0, hi = e.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if e[mid] < v { lo = mid + 1 } else { hi = mid }
                }
                let index = lo
                let logHeight: Double
                if index == 0 {
                    logHeight = e[0] - v <= (e[1] - e[0]) * tolerance ? logHeights[j][0] : (logHeights[j].min() ?? 0)
                } else if index == bins + 1 {
                    logHeight = v - e[bins] <= (e[bins] - e[bins - 1]) * tolerance ? logHeights[j][bins - 1] : (logHeights[j].min() ?? 0)
                } else {
                    logHeight = logHeights[j][index - 1]
                }
                score += logHeight
            }
            return -score
        }
    }
}
