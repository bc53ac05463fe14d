/// The two threshold grids of the time-series metrics, bit for bit as numpy makes them.
///
/// **Position grid** (VUS and range-AUC, TS §2.1): T = 250 thresholds at *sorted positions*,
/// not at every distinct score. With u₀ ≥ u₁ ≥ … ≥ u_{n−1} the scores in descending order
/// (multiplicity kept), θ_k = u[g_k] with
///
///     n == 1:  g_k = 0
///     else:    step = fl((n − 1)/(T − 1));  g_k = trunc(fl(k·step)) for k < T − 1;  g_{T−1} = n − 1
///
/// which is numpy's `linspace(0, n − 1, T).astype(int)`. It is *not* ⌊k(n−1)/(T−1)⌋: for
/// n = 1024, k = 83 the product is 340.99999999999994 and truncates to 340 where the exact
/// floor is 341 (vector `grid_truncation_n1024`). One division, then one multiply per k, no FMA.
///
/// **Value grid** (TSB-AD's oracle sweeps, TS §2.2): numpy `linspace(lo, hi, m)`,
///
///     d = hi − lo;  step = d/(m − 1)
///     step ≠ 0:  v_k = k·step + lo          (k < m − 1)
///     step = 0:  v_k = (k/(m − 1))·d + lo   (constant scores: every v_k = lo)
///     v_{m−1} = hi
///
/// each product and sum rounded once; flags are ŷ = [s > v_k] there.
public enum ThresholdGrid {
    /// T of the VUS / range-AUC grid.
    public static let vusThresholdCount = 250
    /// m of TSB-AD's sweeps.
    public static let sweepThresholdCount = 100

    /// The sorted positions g_0 … g_{T−1} for a series of `n` ≥ 1 points.
    public static func positions(count n: Int, thresholds T: Int = vusThresholdCount) -> [Int] {
        precondition(n >= 1 && T >= 2, "positions need n >= 1 and T >= 2")
        if n == 1 { return [Int](repeating: 0, count: T) }
        let step = Double(n - 1) / Double(T - 1)
        var out = [Int](repeating: 0, count: T)
        for k in 0..<(T - 1) {
            out[k] = Int(Double(k) * step)  // one rounded multiply (Swift never contracts to FMA), truncated
        }
        out[T - 1] = n - 1
        return out
    }

    /// numpy `linspace(lo, hi, m)`, bit for bit (m ≥ 2).
    public static func linspace(_ lo: Double, _ hi: Double, count m: Int = sweepThresholdCount) -> [Double] {
        precondition(m >= 2, "linspace needs at least two points")
        let d = hi - lo
        let step = d / Double(m - 1)
        var out = [Double](repeating: 0, count: m)
        for k in 0..<(m - 1) {
            out[k] = step != 0 ? Double(k) * step + lo : (Double(k) / Double(m - 1)) * d + lo
        }
        out[m - 1] = hi
        return out
    }
}
