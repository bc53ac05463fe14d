/// A two-sided confidence interval [lower, upper].
public struct ConfidenceInterval: Sendable, Hashable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `self` with both ends clipped to [low, high].
    public func clipped(to low: Double, _ high: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: min(max(lower, low), high), upper: min(max(upper, low), high))
    }
}

/// Checks 0 < level < 1.
internal func validateConfidenceLevel(_ level: Double) throws {
    guard level > 0 && level < 1 else {
        throw MetricsError.invalidParameter(name: "confidenceLevel", reason: "must be in (0, 1), got \(level)")
    }
}
