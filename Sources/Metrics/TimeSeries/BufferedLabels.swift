/// Buffered ("soft") labels of VUS and range-AUC (TS §3).
///
/// For a buffer length w ≥ 0 with h = ⌊w/2⌋, every anomaly range [a, b] gets two ramps:
///
///     right: i = b+1 … min(b+h, n−1),   r = √(1 − (i−b)/w)
///     left:  i = max(a−h, 0) … a−1,     r = √(1 − (a−i)/w)
///
/// each value computed as `(1.0 - Double(d)/Double(w)).squareRoot()` (one division, one
/// subtraction, one correctly rounded root). The soft label ext_w(i) is 1 on an anomalous
/// point; on a normal point it is 1 when two or more ramps cover it, the single ramp's value
/// when one does, and 0 otherwise. (The references add the ramps and clip at 1; every ramp
/// value is at least √½, so two ramps always exceed 1 and the rule gives the same number.)
/// With h = 0 there is no ramp, so w = 0 and w = 1 give the same labels and nothing is divided
/// by zero. Ramps are clipped at both ends of the series.
///
/// The **buffer points** B_w = {i : y[i] = 0, ext_w(i) > 0} are what VUS and range-AUC need;
/// this type keeps them in index order with their weights.
public struct BufferedLabels: Sendable, Equatable {
    /// w.
    public let window: Int
    /// The buffer points, increasing.
    public let indices: [Int]
    /// ext_w at each buffer point, in (0, 1].
    public let weights: [Double]

    /// The buffer points of `labels` at buffer length `window` (`bad_window` below 0).
    public init(labels: SeriesLabels, window: Int) throws {
        guard window >= 0 else { throw MetricsError.invalidWindow(window) }
        var builder = BufferBuilder(count: labels.count)
        builder.build(labels, window: window)
        let order = builder.indices.indices.sorted { builder.indices[$0] < builder.indices[$1] }
        self.window = window
        self.indices = order.map { builder.indices[$0] }
        self.weights = order.map { builder.weights[$0] }
    }

    /// ext_w for every point (1 on anomalies).
    public func softLabels(_ labels: SeriesLabels) -> [Double] {
        var out = labels.labels.map { Double($0) }
        for (i, w) in zip(indices, weights) { out[i] = w }
        return out
    }
}

/// Finds the buffer points of one buffer length with two dense scratch arrays reused across
/// lengths, touching only the ramps: O(Σ ramp lengths) per length, no sort. The points come
/// out grouped by range, not sorted.
struct BufferBuilder {
    private var cover: [UInt8]
    private var value: [Double]
    private(set) var indices: [Int] = []
    private(set) var weights: [Double] = []

    init(count n: Int) {
        cover = [UInt8](repeating: 0, count: n)
        value = [Double](repeating: 0, count: n)
    }

    mutating func build(_ labels: SeriesLabels, window w: Int) {
        indices.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        let h = w / 2
        guard h > 0 else { return }
        let n = labels.count
        let dw = Double(w)
        var found = indices, foundWeights = weights
        indices = []
        weights = []
        labels.labels.withUnsafeBufferPointer { y in
            cover.withUnsafeMutableBufferPointer { cover in
                value.withUnsafeMutableBufferPointer { value in
                    @inline(__always) func touch(_ i: Int, _ d: Int) {
                        if y[i] != 0 { return }
                        if cover[i] == 0 {
                            found.append(i)
                            value[i] = (1.0 - Double(d) / dw).squareRoot()
                            cover[i] = 1
                        } else {
                            cover[i] = 2
                        }
                    }
                    for r in labels.ranges {
                        let a = r.lowerBound, b = r.upperBound
                        if a > 0 { for i in max(a - h, 0)..<a { touch(i, a - i) } }
                        if b < n - 1 { for i in (b + 1)...min(b + h, n - 1) { touch(i, i - b) } }
                    }
                    foundWeights.reserveCapacity(found.count)
                    for i in found {
                        foundWeights.append(cover[i] >= 2 ? 1.0 : value[i])
                        cover[i] = 0
                    }
                }
            }
        }
        indices = found
        weights = foundWeights
    }
}
