import Dispatch

/// The mergeable summary of a set of rows scored by two scorers, for DeLong's test: each
/// distinct pair (score₁, score₂) with the number of anomalies and of normal rows that have it.
/// It is everything ``DeLongTest`` needs (each scorer's placements are read off its own
/// distinct-score counts, which are this table's marginals, and the covariance sums over the
/// rows' joint placements are count-weighted sums over the pairs), so any set of rows can be
/// cut into shards, each shard summarised on its own, the summaries merged by adding counts,
/// and ``DeLongTest/init(merging:confidenceLevel:)`` on them gives the test of the whole, bit
/// for bit.
///
/// Size: one entry per distinct pair, which cannot be smaller in general: DeLong's covariance
/// needs each row's placement under both scorers together, and two scorers with distinct
/// scores make every row a distinct pair.
///
/// Layout: ``words`` holds three 64-bit words per distinct pair, in increasing order of (key₁,
/// key₂), the descending-order radix keys of the two scores (``RadixSort``; `-0.0` files under
/// `0.0`): key₁, key₂, then `positives | negatives << 32`. On a little-endian machine the words'
/// bytes are the records `UInt64 key₁, UInt64 key₂, UInt32 positives, UInt32 negatives` of the
/// partial-evaluation file format.
///
/// Like ``DistinctScoreCounts``, a summary may hold a single class; counts are exact integers,
/// merging is associative and commutative and refuses a total above
/// ``BinaryCurve/maximumCount`` rows.
public struct DistinctPairCounts: Sendable, Equatable {
    private let storage: WordStorage
    /// n, the number of rows counted.
    public let rowCount: Int
    /// P, the number of anomalies counted.
    public let positiveCount: Int

    /// `[key₁, key₂, counts, …]` per entry, (key₁, key₂) strictly increasing, every counts word
    /// non-zero (a copy; ``withWords(_:)`` lends them without one).
    public var words: [UInt64] { storage.words }

    /// Calls `body` with the words (no copy).
    public func withWords<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try storage.withBuffer(body)
    }

    /// The number of distinct pairs.
    public var count: Int { storage.count / 3 }

    /// The first scorer's score of entry `k`.
    public func score1(at k: Int) -> Double { withWords { RadixSort.value(ofDescendingKey: $0[3 * k]) } }
    /// The second scorer's score of entry `k`.
    public func score2(at k: Int) -> Double { withWords { RadixSort.value(ofDescendingKey: $0[3 * k + 1]) } }
    /// Anomalies with exactly the pair of entry `k`.
    public func positives(at k: Int) -> Int { withWords { Int($0[3 * k + 2] & 0xFFFF_FFFF) } }
    /// Normal rows with exactly the pair of entry `k`.
    public func negatives(at k: Int) -> Int { withWords { Int($0[3 * k + 2] >> 32) } }

    public static func == (a: DistinctPairCounts, b: DistinctPairCounts) -> Bool {
        a.rowCount == b.rowCount && a.positiveCount == b.positiveCount
            && a.withWords { x in b.withWords { y in x.elementsEqual(y) } }
    }

    /// Summarises rows: the two scorers' finite scores of each row and its label, 0 or 1
    /// (1 = anomaly), all of the same non-zero length. Two stable radix sorts (by the second
    /// score, then by the first), then equal pairs collapsed. Either class may be absent.
    public init(scores1: [Double], scores2: [Double], labels: [UInt8]) throws {
        let n = scores1.count
        guard scores2.count == n else { throw MetricsError.lengthMismatch(expected: n, actual: scores2.count) }
        guard labels.count == n else { throw MetricsError.lengthMismatch(expected: n, actual: labels.count) }
        guard n > 0 else { throw MetricsError.empty }
        guard n <= BinaryCurve.maximumCount else { throw MetricsError.tooManyRows(count: n, limit: BinaryCurve.maximumCount) }
        let positives = try BinaryCurve.positives(in: labels)
        for scores in [scores1, scores2] {
            if let index = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        }
        // The rows in order of the second key, then (stably) of the first.
        var keys = scores2.map(RadixSort.descendingKey)
        var order = [UInt32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = UInt32(i) }
            initialized = n
        }
        RadixSort.sort(&keys, payload: &order)
        keys = order.map { RadixSort.descendingKey(scores1[Int($0)]) }
        RadixSort.sort(&keys, payload: &order)
        // Collapse equal pairs.
        var words: [UInt64] = []
        words.reserveCapacity(3 * n)
        var start = 0
        while start < n {
            let first = keys[start], second = RadixSort.descendingKey(scores2[Int(order[start])])
            var counts: UInt64 = 0
            var stop = start
            while stop < n && keys[stop] == first {
                let row = Int(order[stop])
                guard RadixSort.descendingKey(scores2[row]) == second else { break }
                counts &+= labels[row] == 1 ? 1 : 1 << 32
                stop += 1
            }
            words.append(first)
            words.append(second)
            words.append(counts)
            start = stop
        }
        self.init(unchecked: WordStorage(words), rowCount: n, positiveCount: positives)
    }

    /// A summary from its words (read from a file), validated: a multiple of three words,
    /// pairs strictly increasing and each key a finite score's, every entry counting at least
    /// one row, at most ``BinaryCurve/maximumCount`` rows in all.
    public init(words: [UInt64]) throws {
        let (rows, positives) = try words.withUnsafeBufferPointer { try DistinctPairCounts.validate($0) }
        self.init(unchecked: WordStorage(words), rowCount: rows, positiveCount: positives)
    }

    /// A summary of words in memory that `owner` keeps alive and unchanged (a mapped partial
    /// evaluation file: no copy), validated like ``init(words:)``.
    public init(validating words: UnsafeBufferPointer<UInt64>, owner: AnyObject & Sendable) throws {
        let (rows, positives) = try DistinctPairCounts.validate(words)
        self.init(unchecked: WordStorage(borrowing: words, owner: owner), rowCount: rows, positiveCount: positives)
    }

    private init(unchecked storage: WordStorage, rowCount: Int, positiveCount: Int) {
        self.storage = storage
        self.rowCount = rowCount
        self.positiveCount = positiveCount
    }

    private static func validate(_ w: UnsafeBufferPointer<UInt64>) throws -> (rows: Int, positives: Int) {
        guard w.count % 3 == 0 else {
            throw MetricsError.invalidParameter(name: "words", reason: "\(w.count) words, not a multiple of three; entries are three words each")
        }
        let n = w.count / 3
        var rows: UInt64 = 0, positives: UInt64 = 0
        func finite(_ key: UInt64) -> Bool {
            key >= DistinctScoreCounts.smallestKey && key <= DistinctScoreCounts.largestKey && key != DistinctScoreCounts.negativeZeroKey
        }
        for k in 0..<n {
            let first = w[3 * k], second = w[3 * k + 1], counts = w[3 * k + 2]
            if k > 0 {
                let previousFirst = w[3 * k - 3], previousSecond = w[3 * k - 2]
                guard first > previousFirst || (first == previousFirst && second > previousSecond) else {
                    throw MetricsError.invalidParameter(name: "keys", reason: "entry \(k): the pairs are not strictly increasing")
                }
            }
            guard finite(first) && finite(second) else {
                throw MetricsError.invalidParameter(name: "keys", reason: "entry \(k): a key is not that of a finite score")
            }
            guard counts != 0 else { throw MetricsError.invalidParameter(name: "counts", reason: "entry \(k) counts no row") }
            positives &+= counts & 0xFFFF_FFFF
            rows &+= (counts & 0xFFFF_FFFF) &+ (counts >> 32)
            guard rows <= UInt64(BinaryCurve.maximumCount) else {
                throw MetricsError.tooManyRows(count: Int(clamping: rows), limit: BinaryCurve.maximumCount)
            }
        }
        return (Int(rows), Int(positives))
    }

    // MARK: - Merging

    /// The summary of the union of the rows of `parts` (disjoint sets of rows): the sorted
    /// entries merged, the counts of equal pairs added. Exact, associative and commutative.
    /// Throws ``MetricsError/tooManyRows(count:limit:)`` past ``BinaryCurve/maximumCount`` rows
    /// in all, ``MetricsError/empty`` for no parts.
    ///
    /// Cost: a balanced tree of two-way merges, ⌈log₂ k⌉ passes over the entries for k parts,
    /// the merges of one level two at a time.
    public static func merged(_ parts: [DistinctPairCounts]) throws -> DistinctPairCounts {
        guard !parts.isEmpty else { throw MetricsError.empty }
        let rows = parts.reduce(0) { $0 + $1.rowCount }
        guard rows <= BinaryCurve.maximumCount else { throw MetricsError.tooManyRows(count: rows, limit: BinaryCurve.maximumCount) }
        let positives = parts.reduce(0) { $0 + $1.positiveCount }
        var level = parts.map(\.storage)
        while level.count > 1 {
            let pairs = level.count / 2
            nonisolated(unsafe) var next = [WordStorage?](repeating: nil, count: pairs)
            let current = level
            next.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: pairs) { index in
                    slots[index] = current[2 * index].withBuffer { a in
                        current[2 * index + 1].withBuffer { b in WordStorage(mergeTwo(a, b)) }
                    }
                }
            }
            level = next.compactMap { $0 } + (level.count % 2 == 1 ? [level[level.count - 1]] : [])  // every slot is filled
        }
        return DistinctPairCounts(unchecked: level[0], rowCount: rows, positiveCount: positives)
    }

    /// Merges two sorted entry lists, adding the counts of equal pairs (the halves cannot carry
    /// into each other: the total stays below 2³² rows, checked by the caller).
    static func mergeTwo(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> [UInt64] {
        let na = a.count / 3, nb = b.count / 3
        return [UInt64](unsafeUninitializedCapacity: 3 * (na + nb)) { out, initialized in
            var i = 0, j = 0, k = 0
            @inline(__always) func put(_ first: UInt64, _ second: UInt64, _ counts: UInt64) {
                out[3 * k] = first
                out[3 * k + 1] = second
                out[3 * k + 2] = counts
                k &+= 1
            }
            while i < na && j < nb {
                let a1 = a[3 * i], a2 = a[3 * i + 1], b1 = b[3 * j], b2 = b[3 * j + 1]
                if a1 < b1 || (a1 == b1 && a2 < b2) {
                    put(a1, a2, a[3 * i + 2])
                    i &+= 1
                } else if b1 < a1 || b2 < a2 {
                    put(b1, b2, b[3 * j + 2])
                    j &+= 1
                } else {
                    put(a1, a2, a[3 * i + 2] &+ b[3 * j + 2])
                    i &+= 1
                    j &+= 1
                }
            }
            while i < na {
                put(a[3 * i], a[3 * i + 1], a[3 * i + 2])
                i &+= 1
            }
            while j < nb {
                put(b[3 * j], b[3 * j + 1], b[3 * j + 2])
                j &+= 1
            }
            initialized = 3 * k
        }
    }
}
