/// The labels of one series in time order, validated, with their anomaly ranges
/// (`Fixtures/ts-metrics/SPEC.md` §1; sections cited as "TS §" in this folder).
///
/// `labels[i]` is 1 for an anomalous point, 0 for a normal one. The **ranges** R₁…R_m are the
/// maximal runs of 1 as inclusive index ranges [a_j, b_j] in time order (``runs(of:)``); two
/// ranges always have at least one normal point between them. P = Σ labels.
///
/// Errors (TS §1), checked in this order: an empty series (`empty`), a label other than 0 or 1
/// (`bad_label`), and P = 0 or P = n (`single_class`): every range metric is undefined then,
/// and the references crash or return NaN.
public struct SeriesLabels: Sendable, Equatable {
    /// The 0/1 labels, time order.
    public let labels: [UInt8]
    /// The anomaly ranges [a_j, b_j], inclusive, in time order.
    public let ranges: [ClosedRange<Int>]
    /// P, the number of anomalous points.
    public let positives: Int

    /// n, the number of points.
    public var count: Int { labels.count }
    /// m, the number of anomaly ranges.
    public var rangeCount: Int { ranges.count }

    /// Validates `labels` (see the type's errors) and finds the ranges. O(n).
    public init(_ labels: [UInt8]) throws {
        guard !labels.isEmpty else { throw MetricsError.empty }
        if let bad = labels.firstIndex(where: { $0 > 1 }) { throw MetricsError.invalidLabel(index: bad) }
        var positives = 0
        for label in labels { positives &+= Int(label) }
        guard positives > 0 && positives < labels.count else {
            throw MetricsError.singleClass(positives: positives, count: labels.count)
        }
        self.labels = labels
        self.positives = positives
        self.ranges = SeriesLabels.runs(of: labels)
    }

    /// The maximal runs of non-zero entries of `flags` as inclusive index ranges, in order
    /// (TS §1 `runs`). Empty when every entry is 0.
    public static func runs(of flags: [UInt8]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        flags.withUnsafeBufferPointer { f in
            var i = 0
            let n = f.count
            while i < n {
                if f[i] == 0 { i &+= 1; continue }
                let start = i
                while i < n && f[i] != 0 { i &+= 1 }
                out.append(start...(i - 1))
            }
        }
        return out
    }
}

/// A prediction ŷ of one series (1 = flagged), kept as its flagged runs: every
/// threshold-dependent metric of TS §6 needs only the runs and how they overlap the labels.
///
/// Built from given 0/1 flags (any other value is `bad_label`), or from scores and a
/// threshold t with this project's rule ŷ[i] = [s[i] ≥ t] (TS §1), or with TSB-AD's strict
/// rule ŷ[i] = [s[i] > t] (TS §2.2, compat mode only). A prediction with nothing flagged or
/// everything flagged is valid (TS §7).
public struct SeriesPrediction: Sendable, Equatable {
    /// n, the number of points.
    public let count: Int
    /// The flagged runs, inclusive, in time order.
    public let ranges: [ClosedRange<Int>]
    /// The number of flagged points.
    public let flagged: Int

    /// From 0/1 flags.
    public init(flags: [UInt8]) throws {
        if let bad = flags.firstIndex(where: { $0 > 1 }) { throw MetricsError.invalidPrediction(index: bad) }
        self.count = flags.count
        self.ranges = SeriesLabels.runs(of: flags)
        self.flagged = ranges.reduce(0) { $0 + $1.count }
    }

    /// How scores become flags.
    public enum Rule: Sendable, Equatable {
        /// ŷ = [s ≥ t], the project's rule (TS §1).
        case atOrAbove
        /// ŷ = [s > t], TSB-AD's sweeps (TS §2.2).
        case above
    }

    /// Flags the points whose score passes `threshold` under `rule`. O(n).
    public init(scores: [Double], threshold: Double, rule: Rule = .atOrAbove) {
        var ranges: [ClosedRange<Int>] = []
        var flagged = 0
        scores.withUnsafeBufferPointer { s in
            let n = s.count
            var i = 0
            func hit(_ x: Double) -> Bool { rule == .atOrAbove ? x >= threshold : x > threshold }
            while i < n {
                if !hit(s[i]) { i &+= 1; continue }
                let start = i
                while i < n && hit(s[i]) { i &+= 1 }
                ranges.append(start...(i - 1))
                flagged &+= i - start
            }
        }
        self.count = scores.count
        self.ranges = ranges
        self.flagged = flagged
    }

    /// The prediction as 0/1 flags.
    public var flags: [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        for r in ranges { for i in r { out[i] = 1 } }
        return out
    }

    /// Checks that the prediction belongs to a series of `labels.count` points.
    func check(against labels: SeriesLabels) throws {
        guard count == labels.count else { throw MetricsError.lengthMismatch(expected: labels.count, actual: count) }
    }

    /// The number of flagged points inside each label range, in range order (two pointers
    /// over both sorted run lists, O(m + runs)).
    func hitsPerRange(_ labels: SeriesLabels) -> [Int] {
        var hits = [Int](repeating: 0, count: labels.ranges.count)
        var j = 0
        let p = ranges
        for (index, r) in labels.ranges.enumerated() {
            while j < p.count && p[j].upperBound < r.lowerBound { j &+= 1 }
            var k = j
            var c = 0
            while k < p.count && p[k].lowerBound <= r.upperBound {
                c &+= min(p[k].upperBound, r.upperBound) - max(p[k].lowerBound, r.lowerBound) + 1
                k &+= 1
            }
            hits[index] = c
        }
        return hits
    }

    /// The point-wise confusion matrix against `labels` (TS §6.1).
    func pointConfusion(_ labels: SeriesLabels, hits: [Int]) -> ConfusionMetrics {
        let tp = hits.reduce(0, +)
        let fp = flagged - tp
        return ConfusionMetrics(unchecked: tp, fp, labels.positives - tp, labels.count - labels.positives - fp)
    }
}
