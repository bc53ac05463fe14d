import Randomness
#if canImport(Glibc)
import Glibc
#endif

/// Histogram-based outlier score (Goldstein & Dengel, 2012), as PyOD's `HBOS` with static
/// bins: per feature, `bins` equal-width bins over the training range with density heights
/// (count / (n · width), numpy's `density=True`); a row's score is
/// Σ_features −log(height of its bin + α), α = 0.1 keeping empty bins finite. A value outside
/// the training range counts as the edge bin when within `tolerance` bin widths of it (PyOD's
/// 0.5), else gets the feature's lowest height. A constant feature has one bin of width 1.
public struct HBOS: Detector {
    public var bins: Int
    public var alpha: Double
    public var tolerance: Double
    private var lows: [Double] = []
    private var widths: [Double] = []
    private var heights: [[Double]] = []

    public init(bins: Int = 10, alpha: Double = 0.1, tolerance: Double = 0.5) {
        self.bins = bins
        self.alpha = alpha
        self.tolerance = tolerance
    }

    public static let info = DetectorInfo(
        name: "hbos", summary: "Histogram-based outlier score (PyOD's static bins)",
        defaultScaling: .none,
        parameters: [ParameterInfo("bins", "10", "equal-width bins per feature"),
                     ParameterInfo("alpha", "0.1", "added to each normalised bin height before the log"),
                     ParameterInfo("tolerance", "0.5", "bin widths beyond the training range still mapped to the edge bin")],
        make: { p in
            HBOS(bins: try p.integer("bins", default: 10, range: 1...100_000),
                 alpha: try p.double("alpha", default: 0.1, range: 1e-12...1e6),
                 tolerance: try p.double("tolerance", default: 0.5, range: 0...1e6))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let d = train.columns, n = train.rows
        lows = []; widths = []; heights = []
        for j in 0..<d {
            var low = Double.infinity, high = -Double.infinity
            for i in 0..<n { let v = train[i, j]; low = min(low, v); high = max(high, v) }
            let width = high > low ? (high - low) / Double(bins) : 1
            var counts = [Double](repeating: 0, count: bins)
            for i in 0..<n { counts[bin(train[i, j], low, width)] += 1 }
            lows.append(low); widths.append(width)
            heights.append(counts.map { $0 / (Double(n) * width) })
        }
    }

    @inline(__always)
    private func bin(_ v: Double, _ low: Double, _ width: Double) -> Int {
        min(max(Int(((v - low) / width).rounded(.down)), 0), bins - 1)
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        (0..<x.rows).map { i in
            var score = 0.0
            for j in 0..<x.columns {
                let position = (x[i, j] - lows[j]) / widths[j]
                let height: Double
                if position < -tolerance || position > Double(bins) + tolerance {
                    height = heights[j].min() ?? 0
                } else {
                    height = heights[j][bin(x[i, j], lows[j], widths[j])]
                }
                score += -log(height + alpha)
            }
            return score
        }
    }
}
