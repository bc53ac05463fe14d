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
