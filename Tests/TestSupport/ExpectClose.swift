import Testing

/// |a − b| ≤ tolerance (equal values, ±∞ included, always pass), with a readable failure;
/// two nils match, one nil fails.
public func expectClose(
    _ actual: Double?, _ expected: Double?, tolerance: Double = 1e-9, _ what: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual, let expected else {
        #expect(actual == nil && expected == nil, "\(what()): got \(String(describing: actual)), expected \(String(describing: expected))",
                sourceLocation: sourceLocation)
        return
    }
    if actual == expected { return }
    #expect(abs(actual - expected) <= tolerance, "\(what()): got \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

/// `|a − b| ≤ max(tolerance, relative·|b|)` elementwise (Float32 arrays: the Tensor tests), with a
/// message naming the first mismatch (`relative` for sums whose size makes Float32 rounding exceed
/// an absolute bound). Unlike the `Double` form, equal infinities do not pass (∞ − ∞ is NaN).
public func expectClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5, relative: Float = 0,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "counts \(a.count) vs \(b.count)", sourceLocation: sourceLocation)
    for i in 0..<Swift.min(a.count, b.count) where !(Swift.abs(a[i] - b[i]) <= Swift.max(tolerance, relative * Swift.abs(b[i]))) {
        Issue.record("element \(i): \(a[i]) vs \(b[i])", sourceLocation: sourceLocation)
        return
    }
}
