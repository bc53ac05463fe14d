/// One block's mergeable summary: its index, row count, anomaly count and the **exact** sum of
/// its rows' scores (the partials of a ``CorrectlyRoundedSum``), so that tallies of disjoint
/// parts of a block add up, in any grouping and order, to the tally of the whole block, and
/// its mean is the one ``BlockAggregate`` computes from all the rows at once, bit for bit.
///
/// Why it is exact: ``BlockAggregate`` takes a block's score as fl(fsum(x)/m), the correctly
/// rounded sum divided once. The partials hold the sum without rounding, adding partials keeps
/// it exact, and ``mean`` rounds once and divides once, the same two operations on the same
/// real number.
///
/// Where it is not: when a sum overflows, ``BlockAggregate`` rescales by 2⁻⁶⁴, and whether a
/// sum overflows along the way depends on the order of the rows, which a shard does not know.
/// A tally therefore also keeps the largest magnitude of its scores; while
/// `largestMagnitude · rows` ≤ ``exactMagnitudeLimit`` (2¹⁰¹⁶) no partial sum of the block can
/// overflow in any order, neither in a whole evaluation nor in a merge, and the means agree
/// (``isWithinExactRange``). Past it (scores around 10³⁰⁰) the callers refuse rather than guess.
public struct BlockTally: Sendable {
    /// The block's index (0, 1, … for fixed-size blocks; the labels' `block` value otherwise).
    public let index: Int
    /// m, the number of rows.
    public private(set) var rows: Int
    /// The number of anomalous rows.
    public private(set) var anomalies: Int
    /// The exact sum of the rows' scores.
    public private(set) var sum: CorrectlyRoundedSum
    /// The largest |score| of the rows (0 for none).
    public private(set) var largestMagnitude: Double

    /// The bound on `largestMagnitude · rows` below which sums cannot overflow (see the type).
    public static let exactMagnitudeLimit = 0x1p1016

    /// A tally from its parts (e.g. read back from a file), validated: rows ≥ 1, anomalies in
    /// 0...rows, a finite non-negative largest magnitude, a sum that did not overflow.
    public init(index: Int, rows: Int, anomalies: Int, sum: CorrectlyRoundedSum, largestMagnitude: Double) throws {
        guard rows >= 1 else {
            throw MetricsError.invalidParameter(name: "rows", reason: "block \(index) must have at least one row, got \(rows)")
        }
        guard anomalies >= 0 && anomalies <= rows else {
            throw MetricsError.invalidParameter(name: "anomalies", reason: "block \(index) has \(rows) rows but \(anomalies) anomalies")
        }
        guard largestMagnitude.isFinite && largestMagnitude >= 0 else {
            throw MetricsError.invalidParameter(name: "largestMagnitude", reason: "block \(index): must be finite and non-negative")
        }
        guard !sum.overflowed else {
            throw MetricsError.invalidParameter(name: "sum", reason: "block \(index): the sum overflowed")
        }
        self.index = index
        self.rows = rows
        self.anomalies = anomalies
        self.sum = sum
        self.largestMagnitude = largestMagnitude
    }

    /// Whether the mean is certainly the one of ``BlockAggregate`` (see the type).
    public var isWithinExactRange: Bool {
        !sum.overflowed && largestMagnitude * Double(rows) <= BlockTally.exactMagnitudeLimit
    }

    /// fl(fsum(x)/m): the block score of ``BlockAggregate`` when ``isWithinExactRange``.
    public var mean: Double { sum.value / Double(rows) }

    /// The block label: anomalous iff strictly more than half of its rows are (2·anomalies > m).
    public var isAnomalous: Bool { 2 * anomalies > rows }

    /// Adds the rows of another tally of the same block (a disjoint part of it).
    public mutating func add(_ other: BlockTally) {
        precondition(other.index == index, "tallies of different blocks")
        rows += other.rows
        anomalies += other.anomalies
        sum.add(other.sum)
        largestMagnitude = max(largestMagnitude, other.largestMagnitude)
    }

    /// The tallies of rows grouped by a block index per row, in increasing index order. Scores
    /// must be finite and labels 0 or 1; every array the same non-zero length.
    public static func tallies(scores: [Double], labels: [UInt8], blockIndex: [Int]) throws -> [BlockTally] {
        let n = scores.count
        guard labels.count == n else { throw MetricsError.lengthMismatch(expected: n, actual: labels.count) }
        guard blockIndex.count == n else { throw MetricsError.lengthMismatch(expected: n, actual: blockIndex.count) }
        guard n > 0 else { throw MetricsError.empty }
        if let index = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        if let index = labels.firstIndex(where: { $0 > 1 }) { throw MetricsError.invalidLabel(index: index) }
        // Rows in block order: a counting sort over a dense index range, else a sort.
        guard let low = blockIndex.min(), let high = blockIndex.max() else { throw MetricsError.empty }
        var order = [Int32]()
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow && span <= 4 * n + 1024 {
            let width = span + 1
            var starts = [Int](repeating: 0, count: width + 1)
            for block in blockIndex { starts[block - low + 1] += 1 }
            for slot in 0..<width { starts[slot + 1] += starts[slot] }
            order = [Int32](repeating: 0, count: n)
            for row in 0..<n {
                let slot = blockIndex[row] - low
                order[starts[slot]] = Int32(row)
                starts[slot] += 1
            }
        } else {
            order = (0..<Int32(n)).sorted { (blockIndex[Int($0)], $0) < (blockIndex[Int($1)], $1) }
        }
        var result: [BlockTally] = []
        var accumulator = CorrectlyRoundedSum()
        var start = 0
        while start < n {
            let block = blockIndex[Int(order[start])]
            accumulator.reset()
            var stop = start, anomalies = 0, largest = 0.0
            while stop < n && blockIndex[Int(order[stop])] == block {
                let row = Int(order[stop])
                let x = scores[row]
                accumulator.add(x)
                largest = max(largest, abs(x))
                anomalies += Int(labels[row])
                stop += 1
            }
            // An overflowed sum (scores near 10³⁰⁸) is kept as such: outside the exact range.
            var sum = CorrectlyRoundedSum(exactSumOf: accumulator.overflowed ? [] : accumulator.partialValues)
            if accumulator.overflowed { sum.add(accumulator) }
            result.append(BlockTally(unchecked: block, rows: stop - start, anomalies: anomalies, sum: sum, largestMagnitude: largest))
            start = stop
        }
        return result
    }

    private init(unchecked index: Int, rows: Int, anomalies: Int, sum: CorrectlyRoundedSum, largestMagnitude: Double) {
        self.index = index
        self.rows = rows
        self.anomalies = anomalies
        self.sum = sum
        self.largestMagnitude = largestMagnitude
    }

    /// The tallies of the union of several lists of tallies (each in increasing index order, of
    /// disjoint rows): tallies of the same block are added. Pairwise, linear in the entries.
    public static func merged(_ lists: [[BlockTally]]) -> [BlockTally] {
        guard var level = lists.isEmpty ? nil : lists else { return [] }
        while level.count > 1 {
            var next: [[BlockTally]] = []
            next.reserveCapacity((level.count + 1) / 2)
            var index = 0
            while index + 1 < level.count {
                next.append(mergeTwo(level[index], level[index + 1]))
                index += 2
            }
            if index < level.count { next.append(level[index]) }
            level = next
        }
        return level[0]
    }

    private static func mergeTwo(_ a: [BlockTally], _ b: [BlockTally]) -> [BlockTally] {
        var out: [BlockTally] = []
        out.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i].index < b[j].index {
                out.append(a[i])
                i += 1
            } else if b[j].index < a[i].index {
                out.append(b[j])
                j += 1
            } else {
                var both = a[i]
                both.add(b[j])
                out.append(both)
                i += 1
                j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }
}

extension BlockAggregate {
    /// The blocks of merged tallies: the same scores (means), labels, sizes and indices as
    /// ``init(scores:labels:blockSize:)`` or ``init(scores:labels:blockIndex:)`` give for the
    /// rows the tallies count. The tallies must be in strictly increasing index order and
    /// within ``BlockTally/exactMagnitudeLimit`` (else ``MetricsError/invalidParameter(name:reason:)``).
    public init(tallies: [BlockTally]) throws {
        guard !tallies.isEmpty else { throw MetricsError.empty }
        for (position, tally) in tallies.enumerated() {
            if position > 0 && tally.index <= tallies[position - 1].index {
                throw MetricsError.invalidParameter(name: "tallies", reason: "block indices must be strictly increasing; \(tally.index) follows \(tallies[position - 1].index)")
            }
            guard tally.isWithinExactRange else {
                throw MetricsError.invalidParameter(name: "tallies", reason: "block \(tally.index): its scores reach magnitudes (about \(tally.largestMagnitude)) where a sum may overflow; its mean is not merged exactly")
            }
        }
        self.scores = tallies.map(\.mean)
        self.labels = tallies.map(\.isAnomalous)
        self.sizes = tallies.map(\.rows)
        self.blockIndices = tallies.map(\.index)
    }
}
