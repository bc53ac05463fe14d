#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one sorted-threshold core every curve, area and cut-off of the module derives from
/// (in the spirit of scikit-learn's `_binary_clf_curve`).
///
/// Built from `n` finite scores and binary labels (label `true` = anomaly = positive; higher
/// score = more anomalous; no automatic direction flip, `Fixtures/metrics/SPEC.md` §1). The scores are sorted once,
/// in descending order, and equal scores are collapsed into one threshold. The candidate
/// thresholds are the distinct observed scores v₁ > v₂ > … > v_K; two scores are the same
/// exactly when they are equal as binary64 values, so `-0.0 == 0.0` (reported as `0.0`) and
/// values one ulp apart are different thresholds.
///
/// For each threshold index `k` (0-based here, so `k` stands for v_{k+1}) the curve keeps the
/// exact cumulative counts under the rule "predict anomaly iff s ≥ t" (`Fixtures/metrics/SPEC.md` §3.1):
/// - TP_k = #{i : yᵢ = 1, sᵢ ≥ v_k} (``truePositives(at:)``),
/// - FP_k = #{i : yᵢ = 0, sᵢ ≥ v_k} (``falsePositives(at:)``),
/// with TP = FP = 0 before the first threshold, and TP_{K-1} = P, FP_{K-1} = N at the last.
///
/// Edge cases: empty input, arrays of different lengths, a NaN or infinite score, and a single
/// class (P = 0 or N = 0) throw ``MetricsError``; nothing here traps on data.
///
/// Cost: O(n) time by an LSD radix sort (see `RadixSort`), no comparison sort. Memory: the
/// curve keeps 16 bytes per distinct threshold; building it needs 16 bytes per row besides
/// the caller's arrays. Counts are stored in 32 bits, so `n` must stay below 2³² − 1 rows
/// (``maximumCount``), far beyond what fits in memory on the target machines.
public struct BinaryCurve: Sendable {
    /// The largest supported number of rows.
    public static let maximumCount = Int(UInt32.max) - 1

    /// n, the number of instances.
    public let count: Int
    /// P, the number of anomalies (positives).
    public let positives: Int
    /// N, the number of normal instances (negatives).
    public var negatives: Int { count - positives }

    /// The distinct scores in decreasing order: v₁ > v₂ > … > v_K.
    public let thresholds: [Double]
    /// TP_k << 32 | FP_k for each threshold.
    @usableFromInline let packedCounts: [UInt64]

    /// K, the number of distinct thresholds.
    public var thresholdCount: Int { thresholds.count }

    /// TP_k: anomalies with score ≥ `thresholds[k]`.
    @inlinable
    public func truePositives(at k: Int) -> Int { Int(packedCounts[k] >> 32) }

    /// FP_k: normal instances with score ≥ `thresholds[k]`.
    @inlinable
    public func falsePositives(at k: Int) -> Int { Int(packedCounts[k] & 0xFFFF_FFFF) }

    /// TP_k + FP_k: instances with score ≥ `thresholds[k]`.
    @inlinable
    public func flagged(at k: Int) -> Int {
        let c = packedCounts[k]
        return Int(c >> 32) + Int(c & 0xFFFF_FFFF)
    }

    // MARK: - Building

    /// Builds the curve from scores and `Bool` labels (`true` = anomaly).
    public init(scores: [Double], labels: [Bool]) throws {
        guard labels.count == scores.count else {
            throw MetricsError.lengthMismatch(expected: scores.count, actual: labels.count)
        }
        var positives = 0
        labels.withUnsafeBufferPointer { for label in $0 where label { positives += 1 } }
        try self.init(scores: scores, positives: positives) { labels[$0] }
    }

    /// Builds the curve from scores and `UInt8` labels, which must be 0 or 1 (1 = anomaly).
    public init(scores: [Double], labels: [UInt8]) throws {
        guard labels.count == scores.count else {
            throw MetricsError.lengthMismatch(expected: scores.count, actual: labels.count)
        }
        try self.init(scores: scores, positives: try Self.positives(in: labels)) { labels[$0] == 1 }
    }

    /// The number of 1s among 0/1 labels, one branch-free pass; a label above 1 is an error
    /// naming its index. Shared with ``DistinctScoreCounts``.
    static func positives(in labels: [UInt8]) throws -> Int {
        var positives = 0
        var bad = false
        labels.withUnsafeBufferPointer { buffer in
            for label in buffer {
                positives &+= Int(label & 1)
                bad = bad || label > 1
            }
        }
        if bad, let index = labels.firstIndex(where: { $0 > 1 }) {
            throw MetricsError.invalidLabel(index: index)
        }
        return positives
    }

    @inline(__always)
    private init(scores: [Double], positives: Int, isPositive: (Int) -> Bool) throws {
        let n = scores.count
        guard n > 0 else { throw MetricsError.empty }
        guard n <= BinaryCurve.maximumCount else {
            throw MetricsError.tooManyRows(count: n, limit: BinaryCurve.maximumCount)
        }
        let negatives = n - positives

        // A: positives' keys in [0, P), negatives' keys in [P, n); later the packed counts.
        var allFinite = true
        var a = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            RadixSort.adviseHugePages(UnsafeMutableRawPointer(buffer.baseAddress), byteCount: n * 8)
            scores.withUnsafeBufferPointer { s in
                var p = 0
                var q = positives
                for i in 0..<n {
                    let x = s[i]
                    allFinite = allFinite && x.isFinite
                    let key = RadixSort.descendingKey(x)
                    if isPositive(i) {
                        buffer[p] = key
                        p &+= 1
                    } else {
                        buffer[q] = key
                        q &+= 1
                    }
                }
            }
            initialized = n
        }
        if !allFinite, let index = scores.firstIndex(where: { !$0.isFinite }) {
            throw MetricsError.nonFiniteScore(index: index)
        }
        // Checked after the scores, in the spec's order (`Fixtures/metrics/SPEC.md` §2: format errors, then class).
        guard positives > 0 && negatives > 0 else {
            throw MetricsError.singleClass(positives: positives, count: n)
        }
        // B: sort scratch; later the thresholds (as doubles).
        var b = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            RadixSort.adviseHugePages(UnsafeMutableRawPointer(buffer.baseAddress), byteCount: n * 8)
            initialized = n
        }

        var distinct = 0
        a.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in
                bBuffer.withMemoryRebound(to: UInt64.self) { bKeys in
                    distinct = BinaryCurve.sortAndCollapse(
                        a: aBuffer.baseAddress!, b: bKeys.baseAddress!,
                        positives: positives, negatives: negatives)
                }
            }
        }
        a.removeLast(n - distinct)
        b.removeLast(n - distinct)
        if distinct < n / 2 {  // give back the unused capacity
            a = Array(unsafeUninitializedCapacity: distinct) { buffer, initialized in
                _ = buffer.initialize(from: a)
                initialized = distinct
            }
            b = Array(unsafeUninitializedCapacity: distinct) { buffer, initialized in
                _ = buffer.initialize(from: b)
                initialized = distinct
            }
        }
        self.count = n
        self.positives = positives
        self.thresholds = b
        self.packedCounts = a
    }

    /// Builds the curve from a table of distinct scores that is already collapsed: the
    /// thresholds v₁ > v₂ > … > v_K and, for each, how many anomalies (`positiveCounts[k]`) and
    /// normal instances (`negativeCounts[k]`) have exactly that score. This is the curve that
    /// ``init(scores:labels:)-([Double],[UInt8])`` builds from the rows the table counts, bit for
    /// bit: the same thresholds and cumulative counts, so every metric derived from it is the
    /// same. (Merged partial evaluations are turned into a curve this way.)
    ///
    /// Validated: the three arrays have the same non-zero length; every threshold is finite and
    /// strictly below the previous one (`-0.0` is taken as `0.0`, so both cannot appear); every
    /// threshold counts at least one row; counts are not negative; P > 0 and N > 0 (else
    /// ``MetricsError/singleClass(positives:count:)``); n ≤ ``maximumCount``.
    public init(thresholds: [Double], positiveCounts: [Int], negativeCounts: [Int]) throws {
        let k = thresholds.count
        guard k > 0 else { throw MetricsError.empty }
        guard positiveCounts.count == k else { throw MetricsError.lengthMismatch(expected: k, actual: positiveCounts.count) }
        guard negativeCounts.count == k else { throw MetricsError.lengthMismatch(expected: k, actual: negativeCounts.count) }
        var values = [Double](repeating: 0, count: k)
        var packed = [UInt64](repeating: 0, count: k)
        var tp = 0, fp = 0
        for index in 0..<k {
            let value = thresholds[index] + 0.0  // -0.0 + 0.0 == +0.0
            guard value.isFinite else { throw MetricsError.nonFiniteScore(index: index) }
            if index > 0 && !(value < values[index - 1]) {
                throw MetricsError.invalidParameter(
                    name: "thresholds", reason: "must be strictly decreasing; \(thresholds[index]) at index \(index) follows \(values[index - 1])")
            }
            let p = positiveCounts[index], q = negativeCounts[index]
            guard p >= 0, q >= 0, p + q >= 1 else {
                throw MetricsError.invalidParameter(
                    name: "counts", reason: "threshold \(index) must count at least one row and no negative number, got \(p) anomalies and \(q) normal")
            }
            tp += p
            fp += q
            guard tp + fp <= BinaryCurve.maximumCount else {
                throw MetricsError.tooManyRows(count: tp + fp, limit: BinaryCurve.maximumCount)
            }
            values[index] = value
            packed[index] = UInt64(tp) << 32 | UInt64(fp)
        }
        guard tp > 0 && fp > 0 else { throw MetricsError.singleClass(positives: tp, count: tp + fp) }
        self.init(validatedThresholds: values, cumulativeCounts: packed, positives: tp, negatives: fp)
    }

    /// The curve from arrays the caller has already validated (as the public initializers do):
    /// distinct finite thresholds in decreasing order and the packed cumulative counts
    /// TP_k << 32 | FP_k, ending at P and N.
    init(validatedThresholds thresholds: [Double], cumulativeCounts: [UInt64], positives: Int, negatives: Int) {
        self.count = positives + negatives
        self.positives = positives
        self.thresholds = thresholds
        self.packedCounts = cumulativeCounts
    }

    /// Sorts both classes and merges them into thresholds and cumulative counts, in place.
    ///
    /// On entry `a[0..<P]` holds the positives' keys and `a[P..<n]` the negatives'; `b` is
    /// scratch. The negatives are sorted and left in `a[P..<n]`, the positives sorted and moved
    /// to `b[N..<n]`. The merge then writes threshold k's value to `b[k]` and its packed counts
    /// to `a[k]`. That is safe: after emitting threshold k at least k + 1 keys have been read,
    /// i of them positives and j negatives, and k ≤ i + j − 1 is below both next read
    /// positions, N + i in `b` and P + j in `a`. Peak memory is therefore 16 bytes per row.
    /// Returns K.
    static func sortAndCollapse(
        a: UnsafeMutablePointer<UInt64>, b: UnsafeMutablePointer<UInt64>, positives: Int, negatives: Int
    ) -> Int {
        if RadixSort.sort(keys: a + positives, scratch: b + positives, count: negatives) {
            (a + positives).update(from: b + positives, count: negatives)
        }
        let positivesInScratch = RadixSort.sort(keys: a, scratch: b, count: positives)
        let positiveSource = positivesInScratch ? b : a
        memmove(b + negatives, positiveSource, positives * MemoryLayout<UInt64>.stride)

        let pos = b + negatives
        let neg = a + positives
        var i = 0, j = 0, k = 0
        var tp: UInt64 = 0, fp: UInt64 = 0
        while i < positives || j < negatives {
            let key: UInt64
            if j == negatives || (i < positives && pos[i] <= neg[j]) {
                key = pos[i]
            } else {
                key = neg[j]
            }
            while i < positives && pos[i] == key {
                i &+= 1
                tp &+= 1
            }
            while j < negatives && neg[j] == key {
                j &+= 1
                fp &+= 1
            }
            b[k] = RadixSort.value(ofDescendingKey: key).bitPattern
            a[k] = tp << 32 | fp
            k &+= 1
        }
        return k
    }

    // MARK: - Thresholds

    /// The number of thresholds v_k with v_k ≥ t, i.e. the index one past the last threshold
    /// whose rule "s ≥ t" it reproduces. 0 when t exceeds every score (or is NaN: `s ≥ NaN` is
    /// false, so nothing is flagged); K when t ≤ v_K. Binary search, O(log K).
    public func thresholdsAtOrAbove(_ t: Double) -> Int {
        var low = 0, high = thresholds.count
        thresholds.withUnsafeBufferPointer { v in
            while low < high {
                let mid = (low + high) >> 1
                if v[mid] >= t { low = mid + 1 } else { high = mid }
            }
        }
        return low
    }

    /// The confusion matrix of the rule "flag iff s ≥ t" for any t (`Fixtures/metrics/SPEC.md` §3.1). `t = +∞`
    /// flags nothing, `t = −∞` everything, and NaN nothing (the comparison is false).
    public func confusion(atThreshold t: Double) -> ConfusionMetrics {
        let above = thresholdsAtOrAbove(t)
        if above == 0 { return ConfusionMetrics(unchecked: 0, 0, positives, negatives) }
        return confusion(atIndex: above - 1)
    }

    /// The confusion matrix when flagging every instance with score ≥ `thresholds[k]`.
    public func confusion(atIndex k: Int) -> ConfusionMetrics {
        let tp = truePositives(at: k), fp = falsePositives(at: k)
        return ConfusionMetrics(unchecked: tp, fp, positives - tp, negatives - fp)
    }
}
