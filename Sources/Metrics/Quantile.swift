/// Sample quantile with linear interpolation between order statistics: numpy's default
/// `method="linear"`, R's type 7.
///
/// For sorted x₀ ≤ … ≤ x_{m−1} and probability q in [0, 1]: h = (m − 1)·q, j = ⌊h⌋, g = h − j,
/// and Q(q) = x_j + g·(x_{j+1} − x_j), evaluated like numpy's `_lerp` (from the upper end when
/// g ≥ ½) so the values agree bit for bit. NaN for an empty array or q outside [0, 1].
public func linearQuantile(sorted values: [Double], probability q: Double) -> Double {
    let m = values.count
    guard m > 0, q >= 0, q <= 1 else { return .nan }
    let h = Double(m - 1) * q
    let j = Int(h.rounded(.down))
    if j >= m - 1 { return values[m - 1] }
    let g = h - Double(j)
    let a = values[j], b = values[j + 1]
    let diff = b - a
    return g >= 0.5 ? b - diff * (1 - g) : a + diff * g
}
