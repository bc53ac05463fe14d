import Dispatch

/// The mergeable summary of a set of scored, labelled rows: each distinct score with the number
/// of anomalies and of normal rows that have it. It is everything ``BinaryCurve`` keeps (the
/// curve's thresholds are these scores, its cumulative counts their running sums), so any set
/// of rows can be cut into shards, each shard summarised on its own, the summaries merged by
/// adding counts, and the curve of the merge is the curve of the whole, bit for bit: every
/// ranking metric and cut-off derived from it is identical.
///
/// Layout: ``words`` holds two 64-bit words per distinct score, in increasing order of the
/// score's descending-order radix key (``RadixSort``), i.e. scores from the highest down: the
/// key, then `positives | negatives << 32`. `-0.0` and `0.0` share one key, as in the curve.
/// On a little-endian machine (the only kind supported) the words' bytes are the records
/// `UInt64 key, UInt32 positives, UInt32 negatives` of the partial-evaluation file format, so
/// they are written and read in one block.
///
/// Unlike the curve, a summary may hold a single class (a shard of normal rows only); the class
/// check happens when the curve is built from it (``BinaryCurve/init(_:)``). Counts are exact
/// integers: merging is associative and commutative, and refuses a total above
/// ``BinaryCurve/maximumCount`` rows.
public struct DistinctScoreCounts: Sendable, Equatable {
    /// `[key₀, counts₀, key₁, counts₁, …]`, keys strictly increasing, every counts word non-zero.
    public private(set) var words: [UInt64]
    /// n, the number of rows counted.
    public let rowCount: Int
    /// P, the number of anomalies counted.
    public let positiveCount: Int

    /// K, the number of distinct scores.
    public var count: Int { words.count / 2 }

    /// The score of entry `k` (entries run from the highest score down).
    public func score(at k: Int) -> Double { RadixSort.value(ofDescendingKey: words[2 * k]) }
    /// Anomalies with exactly the score of entry `k`.
    public func positives(at k: Int) -> Int { Int(words[2 * k + 1] & 0xFFFF_FFFF) }
    /// Normal rows with exactly the score of entry `k`.
    public func negatives(at k: Int) -> Int { Int(words[2 * k + 1] >> 32) }

    /// The descending-order radix key of a finite score (the order of ``words``).
    public static func key(of score: Double) -> UInt64 { RadixSort.descendingKey(score) }

    /// Summarises rows: finite scores and labels 0 or 1 (1 = anomaly), of the same non-zero
    /// length. One radix sort, as ``BinaryCurve`` does. Either class may be absent.
    public init(scores: [Double], labels: [UInt8]) throws {
        let n = scores.count
        guard labels.count == n else { throw MetricsError.lengthMismatch(expected: n, actual: labels.count) }
        guard n > 0 else { throw MetricsError.empty }
        guard n <= BinaryCurve.maximumCount else { throw MetricsError.tooManyRows(count: n, limit: BinaryCurve.maximumCount) }
        var positives = 0
        var bad = false
        labels.withUnsafeBufferPointer { buffer in
            for label in buffer {
                positives &+= Int(label & 1)
                bad = bad || label > 1
            }
        }
        if bad, let index = labels.firstIndex(where: { $0 > 1 }) { throw MetricsError.invalidLabel(index: index) }
        let negatives = n - positives
        var allFinite = true
        var a = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            scores.withUnsafeBufferPointer { s in
                labels.withUnsafeBufferPointer { y in
                    var p = 0, q = positives
                    for i in 0..<n {
                        let x = s[i]
                        allFinite = allFinite && x.isFinite
                        if y[i] == 1 {
                            buffer[p] = RadixSort.descendingKey(x)
                            p &+= 1
                        } else {
                            buffer[q] = RadixSort.descendingKey(x)
                            q &+= 1
                        }
                    }
                }
            }
            initialized = n
        }
        if !allFinite, let index = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        var b = [UInt64](repeating: 0, count: n)
        var distinct = 0
        a.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in
                distinct = BinaryCurve.sortAndCollapse(a: aBuffer.baseAddress!, b: bBuffer.baseAddress!,
                                                       positives: positives, negatives: negatives)
            }
        }
        // a[k]: cumulative TP << 32 | FP; b[k]: the threshold's bits. Turn them into entries.
        var words = [UInt64](repeating: 0, count: 2 * distinct)
        words.withUnsafeMutableBufferPointer { w in
            var previousTP: UInt64 = 0, previousFP: UInt64 = 0
            for k in 0..<distinct {
                let tp = a[k] >> 32, fp = a[k] & 0xFFFF_FFFF
                w[2 * k] = RadixSort.descendingKey(Double(bitPattern: b[k]))
                w[2 * k + 1] = (tp - previousTP) | (fp - previousFP) << 32
                previousTP = tp
                previousFP = fp
            }
        }
        self.words = words
        self.rowCount = n
        self.positiveCount = positives
    }

    /// A summary from its words (read from a file), validated: an even number of words, keys
    /// strictly increasing and each a finite score's key, every entry counting at least one
    /// row, at most ``BinaryCurve/maximumCount`` rows in all.
    public init(words: [UInt64]) throws {
        guard words.count % 2 == 0 else {
            throw MetricsError.invalidParameter(name: "words", reason: "an odd number of words (\(words.count)); entries are two words each")
        }
        var rows: UInt64 = 0, positives: UInt64 = 0
        var failure: MetricsError? = nil
        words.withUnsafeBufferPointer { w in
            var previous: UInt64 = 0
            for k in 0..<(w.count / 2) {
                let key = w[2 * k], counts = w[2 * k + 1]
                if k > 0 && key <= previous {
                    failure = .invalidParameter(name: "keys", reason: "entry \(k): the keys are not strictly increasing")
                    return
                }
                let value = RadixSort.value(ofDescendingKey: key)
                if !value.isFinite || (value == 0 && value.sign == .minus) {
                    failure = .invalidParameter(name: "keys", reason: "entry \(k): the key is not that of a finite score")
                    return
                }
                if counts == 0 {
                    failure = .invalidParameter(name: "counts", reason: "entry \(k) counts no row")
                    return
                }
                previous = key
                positives &+= counts & 0xFFFF_FFFF
                rows &+= (counts & 0xFFFF_FFFF) &+ (counts >> 32)
            }
        }
        if let failure { throw failure }
        guard rows <= UInt64(BinaryCurve.maximumCount) else {
            throw MetricsError.tooManyRows(count: Int(clamping: rows), limit: BinaryCurve.maximumCount)
        }
        self.words = words
        self.rowCount = Int(rows)
        self.positiveCount = Int(positives)
    }

    private init(unchecked words: [UInt64], rowCount: Int, positiveCount: Int) {
        self.words = words
        self.rowCount = rowCount
        self.positiveCount = positiveCount
    }

    // MARK: - Merging

    /// The summary of the union of the rows of `parts` (disjoint sets of rows): a k-way merge
    /// of the sorted entries, adding the counts of equal scores. Exact, associative and
    /// commutative. Merged pairwise as a balanced tree whose merges of one level run on two
    /// threads; no allocation per entry. Throws ``MetricsError/tooManyRows(count:limit:)``
    /// past ``BinaryCurve/maximumCount`` rows in all, ``MetricsError/empty`` for no parts.
    public static func merged(_ parts: [DistinctScoreCounts]) throws -> DistinctScoreCounts {
        guard !parts.isEmpty else { throw MetricsError.empty }
        let rows = parts.reduce(0) { $0 + $1.rowCount }
        guard rows <= BinaryCurve.maximumCount else { throw MetricsError.tooManyRows(count: rows, limit: BinaryCurve.maximumCount) }
        let positives = parts.reduce(0) { $0 + $1.positiveCount }
        var level = parts.map(\.words)
        while level.count > 1 {
            let pairs = level.count / 2
            nonisolated(unsafe) var next = [[UInt64]](repeating: [], count: pairs)
            let current = level
            next.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: pairs) { pair in
                    slots[pair] = mergeTwo(current[2 * pair], current[2 * pair + 1])
                }
            }
            if level.count % 2 == 1 { next.append(level[level.count - 1]) }
            level = next
        }
        return DistinctScoreCounts(unchecked: level[0], rowCount: rows, positiveCount: positives)
    }

    /// Merges two sorted entry lists, adding the counts words of equal keys (the halves cannot
    /// carry into each other: the total stays below 2³² rows, checked by the caller).
    static func mergeTwo(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let na = a.count / 2, nb = b.count / 2
        var length = 0
        let out = [UInt64](unsafeUninitializedCapacity: a.count + b.count) { buffer, initialized in
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    let o = buffer.baseAddress!
                    let x = x.baseAddress!, y = y.baseAddress!
                    var i = 0, j = 0, k = 0
                    while i < na && j < nb {
                        let ka = x[2 * i], kb = y[2 * j]
                        if ka < kb {
                            o[2 * k] = ka
                            o[2 * k + 1] = x[2 * i + 1]
                            i &+= 1
                        } else if kb < ka {
                            o[2 * k] = kb
                            o[2 * k + 1] = y[2 * j + 1]
                            j &+= 1
                        } else {
                            o[2 * k] = ka
                            o[2 * k + 1] = x[2 * i + 1] &+ y[2 * j + 1]
                            i &+= 1
                            j &+= 1
                        }
                        k &+= 1
                    }
                    if i < na {
                        (o + 2 * k).update(from: x + 2 * i, count: 2 * (na - i))
                        k += na - i
                    }
                    if j < nb {
                        (o + 2 * k).update(from: y + 2 * j, count: 2 * (nb - j))
                        k += nb - j
                    }
                    length = 2 * k
                }
            }
            initialized = length
        }
        return out
    }
}

extension BinaryCurve {
    /// The curve of the rows a summary counts: thresholds = its scores, cumulative counts =
    /// running sums of its counts. Identical, bit for bit, to the curve built from those rows.
    /// Throws ``MetricsError/singleClass(positives:count:)`` when P = 0 or N = 0, as that does.
    public init(_ counts: DistinctScoreCounts) throws {
        let k = counts.count
        guard k > 0 else { throw MetricsError.empty }
        let n = counts.rowCount, p = counts.positiveCount
        guard p > 0 && p < n else { throw MetricsError.singleClass(positives: p, count: n) }
        var packed = [UInt64]()
        let thresholds = [Double](unsafeUninitializedCapacity: k) { t, initialized in
            packed = [UInt64](unsafeUninitializedCapacity: k) { c, packedInitialized in
                counts.words.withUnsafeBufferPointer { w in
                    var tp: UInt64 = 0, fp: UInt64 = 0
                    for index in 0..<k {
                        let entry = w[2 * index + 1]
                        tp &+= entry & 0xFFFF_FFFF
                        fp &+= entry >> 32
                        t[index] = RadixSort.value(ofDescendingKey: w[2 * index])
                        c[index] = tp << 32 | fp
                    }
                }
                packedInitialized = k
            }
            initialized = k
        }
        self.init(validatedThresholds: thresholds, cumulativeCounts: packed, positives: p, negatives: n - p)
    }
}
