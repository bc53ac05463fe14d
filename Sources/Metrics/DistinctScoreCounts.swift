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
    /// The words, in an array or in memory borrowed from an owner (a mapped file).
    private let storage: WordStorage
    /// n, the number of rows counted.
    public let rowCount: Int
    /// P, the number of anomalies counted.
    public let positiveCount: Int

    /// `[key₀, counts₀, key₁, counts₁, …]`, keys strictly increasing, every counts word non-zero
    /// (a copy; ``withWords(_:)`` lends them without one).
    public var words: [UInt64] {
        storage.words
    }

    /// Calls `body` with the words (no copy).
    public func withWords<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try storage.withBuffer(body)
    }

    /// K, the number of distinct scores.
    public var count: Int { storage.count / 2 }

    /// The score of entry `k` (entries run from the highest score down).
    public func score(at k: Int) -> Double { withWords { RadixSort.value(ofDescendingKey: $0[2 * k]) } }
    /// Anomalies with exactly the score of entry `k`.
    public func positives(at k: Int) -> Int { withWords { Int($0[2 * k + 1] & 0xFFFF_FFFF) } }
    /// Normal rows with exactly the score of entry `k`.
    public func negatives(at k: Int) -> Int { withWords { Int($0[2 * k + 1] >> 32) } }

    public static func == (a: DistinctScoreCounts, b: DistinctScoreCounts) -> Bool {
        a.rowCount == b.rowCount && a.positiveCount == b.positiveCount
            && a.withWords { x in b.withWords { y in x.elementsEqual(y) } }
    }

    /// The descending-order radix key of a finite score (the order of ``words``).
    public static func key(of score: Double) -> UInt64 { RadixSort.descendingKey(score) }

    /// Summarises rows: finite scores and labels 0 or 1 (1 = anomaly), of the same non-zero
    /// length. One radix sort, as ``BinaryCurve`` does. Either class may be absent.
    public init(scores: [Double], labels: [UInt8]) throws {
        let n = scores.count
        guard labels.count == n else { throw MetricsError.lengthMismatch(expected: n, actual: labels.count) }
        guard n > 0 else { throw MetricsError.empty }
        guard n <= BinaryCurve.maximumCount else { throw MetricsError.tooManyRows(count: n, limit: BinaryCurve.maximumCount) }
        let positives = try BinaryCurve.positives(in: labels)
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
        self.storage = WordStorage(words)
        self.rowCount = n
        self.positiveCount = positives
    }

    /// A summary from its words (read from a file), validated: an even number of words, keys
    /// strictly increasing and each a finite score's key, every entry counting at least one
    /// row, at most ``BinaryCurve/maximumCount`` rows in all.
    public init(words: [UInt64]) throws {
        let (rows, positives) = try words.withUnsafeBufferPointer { try DistinctScoreCounts.validate($0) }
        self.init(unchecked: WordStorage(words), rowCount: rows, positiveCount: positives)
    }

    /// A summary of words in memory that `owner` keeps alive and unchanged (e.g. a mapped
    /// partial-evaluation file: no copy), validated like ``init(words:)``.
    public init(validating words: UnsafeBufferPointer<UInt64>, owner: AnyObject & Sendable) throws {
        let (rows, positives) = try DistinctScoreCounts.validate(words)
        self.init(unchecked: WordStorage(borrowing: words, owner: owner), rowCount: rows, positiveCount: positives)
    }

    /// The keys of finite scores lie in [smallestKey, largestKey] (the keys of +∞ and NaNs
    /// are below, of −∞ and negative NaNs above); `-0.0`'s own bits give `negativeZeroKey`
    /// (the summary files it under 0.0).
    static let smallestKey: UInt64 = 0x0010_0000_0000_0000
    static let largestKey: UInt64 = 0xFFEF_FFFF_FFFF_FFFF
    static let negativeZeroKey: UInt64 = 0x8000_0000_0000_0000

    private static func validate(_ w: UnsafeBufferPointer<UInt64>) throws -> (rows: Int, positives: Int) {
        guard w.count % 2 == 0 else {
            throw MetricsError.invalidParameter(name: "words", reason: "an odd number of words (\(w.count)); entries are two words each")
        }
        let n = w.count / 2
        guard n > 0 else { return (0, 0) }
        // One branch-free pass (flags and sums), then a slower one to name a failure.
        var rows: UInt64 = 0, positives: UInt64 = 0
        var previous: UInt64 = 0
        var bad = false
        for k in 0..<n {
            let key = w[2 * k], counts = w[2 * k + 1]
            bad = bad || (k > 0 && key <= previous) || counts == 0 || key == negativeZeroKey
            previous = key
            positives &+= counts & 0xFFFF_FFFF
            rows &+= (counts & 0xFFFF_FFFF) &+ (counts >> 32)
        }
        // Keys increase, so the first and last bound them all.
        bad = bad || w[0] < smallestKey || w[2 * (n - 1)] > largestKey
        if bad {
            for k in 0..<n {
                let key = w[2 * k], counts = w[2 * k + 1]
                if k > 0 && key <= w[2 * k - 2] {
                    throw MetricsError.invalidParameter(name: "keys", reason: "entry \(k): the keys are not strictly increasing")
                }
                if key < smallestKey || key > largestKey || key == negativeZeroKey {
                    throw MetricsError.invalidParameter(name: "keys", reason: "entry \(k): the key is not that of a finite score")
                }
                if counts == 0 {
                    throw MetricsError.invalidParameter(name: "counts", reason: "entry \(k) counts no row")
                }
            }
        }
        guard rows <= UInt64(BinaryCurve.maximumCount) else {
            throw MetricsError.tooManyRows(count: Int(clamping: rows), limit: BinaryCurve.maximumCount)
        }
        return (Int(rows), Int(positives))
    }

    private init(unchecked storage: WordStorage, rowCount: Int, positiveCount: Int) {
        self.storage = storage
        self.rowCount = rowCount
        self.positiveCount = positiveCount
    }

    // MARK: - Merging

    /// The summary of the union of the rows of `parts` (disjoint sets of rows): a k-way merge
    /// of the sorted entries, adding the counts of equal scores. Exact, associative and
    /// commutative. Throws ``MetricsError/tooManyRows(count:limit:)`` past
    /// ``BinaryCurve/maximumCount`` rows in all, ``MetricsError/empty`` for no parts.
    ///
    /// Cost: one pass over the entries, no allocation per entry (see ``EntryMerge``).
    public static func merged(_ parts: [DistinctScoreCounts]) throws -> DistinctScoreCounts {
        let (rows, positives) = try totals(parts)
        if parts.count == 1 { return parts[0] }
        var level = parts
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: EntryMerge.maximumWays).map { start in
                let group = Array(level[start..<min(start + EntryMerge.maximumWays, level.count)])
                if group.count == 1 { return group[0] }
                let words = withBuffers(group[...], []) { EntryMerge.entries($0) }
                return DistinctScoreCounts(unchecked: WordStorage(words), rowCount: group.reduce(0) { $0 + $1.rowCount },
                                           positiveCount: group.reduce(0) { $0 + $1.positiveCount })
            }
        }
        return DistinctScoreCounts(unchecked: level[0].storage, rowCount: rows, positiveCount: positives)
    }

    /// n and P of the union, checked against ``BinaryCurve/maximumCount``.
    static func totals(_ parts: [DistinctScoreCounts]) throws -> (rows: Int, positives: Int) {
        guard !parts.isEmpty else { throw MetricsError.empty }
        let rows = parts.reduce(0) { $0 + $1.rowCount }
        guard rows <= BinaryCurve.maximumCount else { throw MetricsError.tooManyRows(count: rows, limit: BinaryCurve.maximumCount) }
        return (rows, parts.reduce(0) { $0 + $1.positiveCount })
    }

    /// Calls `body` with the words of every part of `parts` (after those in `pinned`).
    static func withBuffers<R>(_ parts: ArraySlice<DistinctScoreCounts>, _ pinned: [UnsafeBufferPointer<UInt64>],
                               _ body: ([UnsafeBufferPointer<UInt64>]) -> R) -> R {
        guard let first = parts.first else { return body(pinned) }
        return first.withWords { withBuffers(parts.dropFirst(), pinned + [$0], body) }
    }
}

extension BinaryCurve {
    /// The curve of the rows a summary counts: thresholds = its scores, cumulative counts =
    /// running sums of its counts. Identical, bit for bit, to the curve built from those rows.
    /// Throws ``MetricsError/singleClass(positives:count:)`` when P = 0 or N = 0, as that does.
    public init(_ counts: DistinctScoreCounts) throws {
        try self.init(merging: [counts])
    }

    /// The curve of the union of the rows of `parts` (disjoint sets of rows), straight from
    /// their summaries: ``init(_:)`` of ``DistinctScoreCounts/merged(_:)``, without building
    /// the merged summary first (the k-way merge writes the thresholds and cumulative counts).
    public init(merging parts: [DistinctScoreCounts]) throws {
        let (n, p) = try DistinctScoreCounts.totals(parts)
        guard p > 0 && p < n else { throw MetricsError.singleClass(positives: p, count: n) }
        var merged = parts
        while merged.count > EntryMerge.maximumWays {
            merged = [try DistinctScoreCounts.merged(Array(merged.prefix(EntryMerge.maximumWays)))] + merged.dropFirst(EntryMerge.maximumWays)
        }
        let (thresholds, packed) = DistinctScoreCounts.withBuffers(merged[...], []) { EntryMerge.curve($0) }
        self.init(validatedThresholds: thresholds, cumulativeCounts: packed, positives: p, negatives: n - p)
    }
}

/// Where a k-way merge of sorted entry lists writes its output entries (slice by slice).
protocol EntrySink: Sendable {
    /// Writes output entry `index` of this slice.
    mutating func put(_ index: Int, key: UInt64, counts: UInt64)
}

/// The k-way merge of sorted entry lists (``DistinctScoreCounts/words`` layout), equal keys'
/// counts words added (the halves cannot carry into each other: the total stays below 2³² rows,
/// checked by the callers), into entries or straight into a curve's arrays.
///
/// The key range is cut at quantiles of the largest list into slices merged on two threads:
/// each slice writes from where at most the entries of the slices before it end, and the gaps
/// left where equal keys were added together are closed afterwards. Within a slice, a
/// tournament tree of the lists' next keys picks each output entry (a two-way merge for two
/// lists, a copy for one). Output buffers are uninitialized and advised to use huge pages: at 10⁷ entries,
/// zero-filling and faulting in 4 KiB pages otherwise costs more than the merge itself.
enum EntryMerge {
    /// Lists merged at once (more are merged in groups).
    static let maximumWays = 256

    /// The merged entries.
    static func entries(_ inputs: [UnsafeBufferPointer<UInt64>]) -> [UInt64] {
        let total = inputs.reduce(0) { $0 + $1.count / 2 }
        return [UInt64](unsafeUninitializedCapacity: 2 * total) { buffer, initialized in
            RadixSort.adviseHugePages(UnsafeMutableRawPointer(buffer.baseAddress), byteCount: 16 * total)
            nonisolated(unsafe) let output = buffer.baseAddress!
            let produced = merge(inputs, total: total, needsCountsBefore: false) { offset, _ in Entries(base: output + 2 * offset) }
            // Close the gaps.
            var end = 0
            for (offset, count, _) in produced {
                if offset != end { (output + 2 * end).update(from: output + 2 * offset, count: 2 * count) }
                end += count
            }
            initialized = 2 * end
        }
    }

    /// The merged entries as a curve: thresholds (scores, decreasing) and packed cumulative
    /// counts TP << 32 | FP.
    static func curve(_ inputs: [UnsafeBufferPointer<UInt64>]) -> ([Double], [UInt64]) {
        let total = inputs.reduce(0) { $0 + $1.count / 2 }
        var packed: [UInt64] = []
        let thresholds = [Double](unsafeUninitializedCapacity: total) { t, initialized in
            packed = [UInt64](unsafeUninitializedCapacity: total) { c, packedInitialized in
                RadixSort.adviseHugePages(UnsafeMutableRawPointer(t.baseAddress), byteCount: 8 * total)
                RadixSort.adviseHugePages(UnsafeMutableRawPointer(c.baseAddress), byteCount: 8 * total)
                nonisolated(unsafe) let values = t.baseAddress!, counts = c.baseAddress!
                let produced = merge(inputs, total: total, needsCountsBefore: true) { offset, before in
                    Curve(thresholds: values + offset, counts: counts + offset, running: before)
                }
                // Close the gaps left where equal keys were added together.
                var end = 0
                for (offset, count, _) in produced {
                    if offset != end {
                        (values + end).update(from: values + offset, count: count)
                        (counts + end).update(from: counts + offset, count: count)
                    }
                    end += count
                }
                initialized = end
                packedInitialized = end
            }
        }
        return (thresholds, packed)
    }

    /// Writes entries.
    struct Entries: EntrySink, @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt64>
        @inline(__always)
        func put(_ index: Int, key: UInt64, counts: UInt64) {
            base[2 * index] = key
            base[2 * index + 1] = counts
        }
    }

    /// Writes a curve slice: the score of each key and the running counts from the slice's start.
    struct Curve: EntrySink, @unchecked Sendable {
        let thresholds: UnsafeMutablePointer<Double>
        let counts: UnsafeMutablePointer<UInt64>
        /// TP << 32 | FP so far (from the slices before this one, at first).
        var running: UInt64
        @inline(__always)
        mutating func put(_ index: Int, key: UInt64, counts entry: UInt64) {
            // entry = positives | negatives << 32; the curve packs TP << 32 | FP.
            running &+= (entry & 0xFFFF_FFFF) << 32 | entry >> 32
            thresholds[index] = RadixSort.value(ofDescendingKey: key)
            counts[index] = running
        }
    }

    /// Merges the inputs slice by slice (in parallel) into sinks made by `sink(offset, before)`
    /// for a slice whose output starts at entry `offset`; `before` is the curve-packed count
    /// (TP << 32 | FP) of the entries of the slices before it when `needsCountsBefore` (a
    /// parallel pass over the counts first), else 0. Returns, per slice in order, its output
    /// offset, the number of entries it wrote and its sink when done.
    static func merge<Sink: EntrySink>(_ inputs: [UnsafeBufferPointer<UInt64>], total: Int, needsCountsBefore: Bool,
                                       sink: (Int, UInt64) -> Sink) -> [(offset: Int, count: Int, sink: Sink)] {
        let inputs = inputs.filter { !$0.isEmpty }
        guard !inputs.isEmpty else { return [] }
        // Slices of the key range: cut at quantiles of the largest input.
        let slices = total >= 1 << 16 ? 8 : 1
        let largest = inputs.indices.max { inputs[$0].count < inputs[$1].count }!
        let largestCount = inputs[largest].count / 2
        var pivots: [UInt64] = []
        for slice in 1..<slices {
            let key = inputs[largest][2 * (largestCount * slice / slices)]
            if pivots.last.map({ key > $0 }) ?? true { pivots.append(key) }
        }
        // Per slice and input, the entry range [starts[s][i], starts[s + 1][i]).
        let starts: [[Int]] = [inputs.map { _ in 0 }] + pivots.map { pivot in inputs.map { lowerBound(pivot, in: $0) } }
            + [inputs.map { $0.count / 2 }]
        let sliceCount = starts.count - 1
        let offsets = (0..<sliceCount).map { s in starts[s].reduce(0, +) }
        nonisolated(unsafe) let shared = inputs
        var before = [UInt64](repeating: 0, count: sliceCount)
        if needsCountsBefore {
            var sums = [UInt64](repeating: 0, count: sliceCount)
            sums.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: sliceCount) { s in
                    var sum: UInt64 = 0
                    for i in shared.indices {
                        let base = shared[i].baseAddress!
                        for entry in starts[s][i]..<starts[s + 1][i] { sum &+= base[2 * entry + 1] }
                    }
                    // positives | negatives << 32 → TP << 32 | FP.
                    slots[s] = (sum & 0xFFFF_FFFF) << 32 | sum >> 32
                }
            }
            for s in 1..<sliceCount { before[s] = before[s - 1] &+ sums[s - 1] }
        }
        var sinks = (0..<sliceCount).map { sink(offsets[$0], before[$0]) }
        var produced = [Int](repeating: 0, count: sliceCount)
        sinks.withUnsafeMutableBufferPointer { sinkSlots in
            produced.withUnsafeMutableBufferPointer { counts in
                nonisolated(unsafe) let sinkSlots = sinkSlots, counts = counts
                DispatchQueue.concurrentPerform(iterations: sliceCount) { s in
                    let ranges = shared.indices.compactMap { i -> UnsafeBufferPointer<UInt64>? in
                        let range = UnsafeBufferPointer(rebasing: shared[i][(2 * starts[s][i])..<(2 * starts[s + 1][i])])
                        return range.isEmpty ? nil : range
                    }
                    counts[s] = mergeSlice(ranges, into: &sinkSlots[s])
                }
            }
        }
        return (0..<sliceCount).map { (offsets[$0], produced[$0], sinks[$0]) }
    }

    /// The first entry index of `input` whose key is ≥ `key`.
    static func lowerBound(_ key: UInt64, in input: UnsafeBufferPointer<UInt64>) -> Int {
        var low = 0, high = input.count / 2
        while low < high {
            let mid = (low + high) >> 1
            if input[2 * mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Merges non-empty sorted entry lists into `sink`; returns the number of entries written.
    static func mergeSlice<Sink: EntrySink>(_ inputs: [UnsafeBufferPointer<UInt64>], into sink: inout Sink) -> Int {
        switch inputs.count {
        case 0:
            return 0
        case 1:
            let x = inputs[0].baseAddress!
            let n = inputs[0].count / 2
            for i in 0..<n { sink.put(i, key: x[2 * i], counts: x[2 * i + 1]) }
            return n
        case 2:
            return mergeTwo(inputs[0], inputs[1], into: &sink)
        default:
            return mergeTournament(inputs, into: &sink)
        }
    }

    static func mergeTwo<Sink: EntrySink>(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>, into o: inout Sink) -> Int {
        let na = a.count / 2, nb = b.count / 2
        let x = a.baseAddress!, y = b.baseAddress!
        var i = 0, j = 0, k = 0
        while i < na && j < nb {
            let ka = x[2 * i], kb = y[2 * j]
            if ka < kb {
                o.put(k, key: ka, counts: x[2 * i + 1])
                i &+= 1
            } else if kb < ka {
                o.put(k, key: kb, counts: y[2 * j + 1])
                j &+= 1
            } else {
                o.put(k, key: ka, counts: x[2 * i + 1] &+ y[2 * j + 1])
                i &+= 1
                j &+= 1
            }
            k &+= 1
        }
        while i < na {
            o.put(k, key: x[2 * i], counts: x[2 * i + 1])
            i &+= 1
            k &+= 1
        }
        while j < nb {
            o.put(k, key: y[2 * j], counts: y[2 * j + 1])
            j &+= 1
            k &+= 1
        }
        return k
    }

    /// A tournament (loser) tree over the inputs' next keys: the winner is the smallest key,
    /// each internal node keeps the loser of its match (its key and input), so replacing the
    /// winner by its input's next key replays one leaf-to-root path: ⌈log₂ k⌉ comparisons with
    /// the key beside the node (the path's loads do not wait on each other) and no branch on
    /// who won. Equal keys (from different inputs) win one after the other and their counts
    /// are added into one entry. An exhausted input's key is `UInt64.max`, which no finite
    /// score has (the largest key is −Double.greatestFiniteMagnitude's, 0xFFEF_FFFF_FFFF_FFFF).
    static func mergeTournament<Sink: EntrySink>(_ inputs: [UnsafeBufferPointer<UInt64>], into o: inout Sink) -> Int {
        let k = inputs.count
        var leaves = 1, levels = 0
        while leaves < k {
            leaves <<= 1
            levels += 1
        }
        let exhausted = UInt64.max
        let ends = UnsafeMutablePointer<UnsafePointer<UInt64>>.allocate(capacity: leaves)
        let cursors = UnsafeMutablePointer<UnsafePointer<UInt64>>.allocate(capacity: leaves)
        let loserKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: leaves)
        let loserSources = UnsafeMutablePointer<Int>.allocate(capacity: leaves)
        let winnerKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * leaves)
        let winnerSources = UnsafeMutablePointer<Int>.allocate(capacity: 2 * leaves)
        defer {
            ends.deallocate(); cursors.deallocate(); loserKeys.deallocate(); loserSources.deallocate()
            winnerKeys.deallocate(); winnerSources.deallocate()
        }
        for i in 0..<leaves {
            let input = inputs[i < k ? i : 0]
            cursors[i] = input.baseAddress!
            ends[i] = i < k ? input.baseAddress! + input.count : input.baseAddress!
            winnerKeys[leaves + i] = i < k ? input[0] : exhausted
            winnerSources[leaves + i] = i
        }
        // Build: play every match bottom-up; the winner goes up, the loser stays at the node.
        for node in stride(from: leaves - 1, through: 1, by: -1) {
            let a = 2 * node, b = 2 * node + 1
            let bWins = winnerKeys[b] < winnerKeys[a]
            let (win, lose) = bWins ? (b, a) : (a, b)
            winnerKeys[node] = winnerKeys[win]
            winnerSources[node] = winnerSources[win]
            loserKeys[node] = winnerKeys[lose]
            loserSources[node] = winnerSources[lose]
        }
        var winner = winnerSources[1]
        var winnerKey = winnerKeys[1]
        var written = 0
        while winnerKey != exhausted {
            let key = winnerKey
            var counts: UInt64 = 0
            repeat {
                // Take the winner's entry and advance its input.
                let cursor = cursors[winner]
                counts &+= cursor[1]
                let next = cursor + 2
                cursors[winner] = next
                var candidateKey = next < ends[winner] ? next[0] : exhausted
                var candidate = winner
                // Replay its path to the root, selecting with masks (a branch here would be
                // mispredicted half of the time).
                var node = (winner &+ leaves) >> 1
                for _ in 0..<levels {
                    let otherKey = loserKeys[node], other = loserSources[node]
                    let swap = 0 &- UInt64(unsafeBitCast(otherKey < candidateKey, to: UInt8.self))
                    let keyDifference = (otherKey ^ candidateKey) & swap
                    let sourceDifference = (other ^ candidate) & Int(bitPattern: UInt(swap))
                    loserKeys[node] = otherKey ^ keyDifference
                    loserSources[node] = other ^ sourceDifference
                    candidateKey ^= keyDifference
                    candidate ^= sourceDifference
                    node >>= 1
                }
                winner = candidate
                winnerKey = candidateKey
            } while winnerKey == key
            o.put(written, key: key, counts: counts)
            written += 1
        }
        return written
    }
}
