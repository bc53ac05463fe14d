import Randomness
import Testing
@testable import Metrics

/// The mergeable distinct-score summary: its curve is the curve of the rows, and the merge of
/// the summaries of any partition of the rows, in any grouping, is the summary of all of them.
@Suite struct DistinctScoreCountsTests {
    /// Random rows: heavy ties (a few values), rounded decimals, or all distinct; ±0.0 mixed.
    static func rows(_ kind: Int, count n: Int, using g: inout Xoshiro256StarStar) -> (scores: [Double], labels: [UInt8]) {
        var labels = (0..<n).map { _ in UInt8(g.uniformInt(below: 10) == 0 ? 1 : 0) }
        labels[0] = 1
        labels[1] = 0
        let scores: [Double] = (0..<n).map { i in
            switch kind {
            case 0: return [-0.0, 0.0, 0.5, 1, -2][g.uniformInt(below: 5)]
            case 1: return (g.standardNormal() * 100).rounded() / 100 + (labels[i] == 1 ? 1 : 0)
            default: return g.standardNormal() + (labels[i] == 1 ? 1.5 : 0)
            }
        }
        return (scores, labels)
    }

    static func expectSameCurve(_ a: BinaryCurve, _ b: BinaryCurve, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        #expect(a.positives == b.positives, sourceLocation: sourceLocation)
        #expect(a.thresholds.map(\.bitPattern) == b.thresholds.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.packedCounts == b.packedCounts, sourceLocation: sourceLocation)
    }

    @Test("the curve of a summary is the curve of its rows, bit for bit", arguments: 0..<3)
    func curveOfSummary(kind: Int) throws {
        var g = Xoshiro256StarStar(seed: 31 + UInt64(kind))
        for n in [2, 17, 300, 5000] {
            let (scores, labels) = Self.rows(kind, count: n, using: &g)
            let counts = try DistinctScoreCounts(scores: scores, labels: labels)
            #expect(counts.rowCount == n)
            #expect(counts.positiveCount == labels.reduce(0) { $0 + Int($1) })
            Self.expectSameCurve(try BinaryCurve(counts), try BinaryCurve(scores: scores, labels: labels))
            // -0.0 and 0.0 are one entry, reported as 0.0.
            #expect((0..<counts.count).allSatisfy { counts.score(at: $0).sign == .plus || counts.score(at: $0) != 0 })
        }
    }

    @Test("merging the summaries of a partition gives the summary of the whole, in any grouping and order", arguments: 0..<3)
    func mergeEqualsWhole(kind: Int) throws {
        var g = Xoshiro256StarStar(seed: 77 + UInt64(kind))
        let (scores, labels) = Self.rows(kind, count: 4000, using: &g)
        let whole = try DistinctScoreCounts(scores: scores, labels: labels)
        for shards in [1, 2, 7] {
            // Shards of random rows (some may hold one class only).
            let assignment = (0..<scores.count).map { _ in g.uniformInt(below: shards) }
            let parts = try (0..<shards).map { s in
                let rows = assignment.indices.filter { assignment[$0] == s }
                return try DistinctScoreCounts(scores: rows.map { scores[$0] }, labels: rows.map { labels[$0] })
            }
            #expect(try DistinctScoreCounts.merged(parts) == whole)
            #expect(try DistinctScoreCounts.merged(parts.reversed()) == whole)
            if shards >= 3 {
                let left = try DistinctScoreCounts.merged([try DistinctScoreCounts.merged([parts[0], parts[1]]), parts[2]])
                let right = try DistinctScoreCounts.merged([parts[0], try DistinctScoreCounts.merged([parts[1], parts[2]])])
                #expect(left == right)
                #expect(try DistinctScoreCounts.merged([left] + parts[3...]) == whole)
            }
            Self.expectSameCurve(try BinaryCurve(try DistinctScoreCounts.merged(parts)), try BinaryCurve(scores: scores, labels: labels))
            Self.expectSameCurve(try BinaryCurve(merging: parts.reversed()), try BinaryCurve(scores: scores, labels: labels))
        }
    }

    @Test("large merges (key range cut into slices merged on two threads, gaps closed) equal the whole", arguments: [2, 3, 10])
    func largeMerge(shards: Int) throws {
        var g = Xoshiro256StarStar(seed: 404 + UInt64(shards))
        for kind in 0..<3 {
            let (scores, labels) = Self.rows(kind == 0 ? 1 : 2, count: 150_000, using: &g)
            let assignment = (0..<scores.count).map { _ in g.uniformInt(below: shards) }
            var rows = [[Int]](repeating: [], count: shards)
            for (row, shard) in assignment.enumerated() { rows[shard].append(row) }
            // kind 2: many keys shared by every shard (rounded scores in all), so slices leave gaps.
            let values = kind == 2 ? scores.map { ($0 * 1000).rounded() / 1000 } : scores
            let parts = try rows.map { try DistinctScoreCounts(scores: $0.map { values[$0] }, labels: $0.map { labels[$0] }) }
            let whole = try DistinctScoreCounts(scores: values, labels: labels)
            #expect(try DistinctScoreCounts.merged(parts) == whole)
            #expect(try DistinctScoreCounts.merged(parts.reversed()) == whole)
            Self.expectSameCurve(try BinaryCurve(merging: parts), try BinaryCurve(scores: values, labels: labels))
        }
    }

    @Test("more parts than one heap merges (256): merged in groups, the same summary and curve")
    func manyParts() throws {
        var g = Xoshiro256StarStar(seed: 600)
        let (scores, labels) = Self.rows(1, count: 3000, using: &g)
        let parts = try (0..<300).map { s in
            let rows = Array(stride(from: s, to: scores.count, by: 300))
            return try DistinctScoreCounts(scores: rows.map { scores[$0] }, labels: rows.map { labels[$0] })
        }
        #expect(try DistinctScoreCounts.merged(parts) == (try DistinctScoreCounts(scores: scores, labels: labels)))
        Self.expectSameCurve(try BinaryCurve(merging: parts), try BinaryCurve(scores: scores, labels: labels))
    }

    @Test("a summary can borrow validated words kept alive by an owner")
    func borrowed() throws {
        final class Owner: @unchecked Sendable {
            let words: UnsafeMutableBufferPointer<UInt64>
            init(_ values: [UInt64]) {
                words = .allocate(capacity: values.count)
                _ = words.initialize(from: values)
            }
            deinit { words.deallocate() }
        }
        let good = try DistinctScoreCounts(scores: [3, 1, 2, 2], labels: [1, 0, 1, 0])
        let owner = Owner(good.words)
        let borrowed = try DistinctScoreCounts(validating: UnsafeBufferPointer(owner.words), owner: owner)
        #expect(borrowed == good)
        #expect(borrowed.words == good.words)
        owner.words[0] = owner.words[2]
        let bad = Owner(owner.words.map { $0 })
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(validating: UnsafeBufferPointer(bad.words), owner: bad) }
    }

    @Test("a shard of one class is summarised; its curve is refused as single_class")
    func singleClassShard() throws {
        let counts = try DistinctScoreCounts(scores: [0.3, 0.1, 0.3], labels: [0, 0, 0])
        #expect(counts.count == 2)
        #expect(counts.positiveCount == 0)
        #expect(counts.negatives(at: 0) == 2)
        let error = #expect(throws: MetricsError.self) { try BinaryCurve(counts) }
        #expect(error?.code == "single_class")
    }

    @Test("bad rows and bad words are errors, not traps")
    func validation() throws {
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(scores: [], labels: []) }
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(scores: [.nan], labels: [1]) }
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(scores: [1], labels: [2]) }
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(scores: [1, 2], labels: [1]) }
        let good = try DistinctScoreCounts(scores: [3, 1, 2, 2], labels: [1, 0, 1, 0])
        #expect(try DistinctScoreCounts(words: good.words) == good)
        var unsorted = good.words
        unsorted.swapAt(0, 2)
        unsorted.swapAt(1, 3)
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(words: unsorted) }
        var empty = good.words
        empty[1] = 0
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(words: empty) }
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(words: [1, 2, 3]) }
        // Every finite score's key is valid, from -max to +max and the subnormals.
        for x in [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1, -1] {
            #expect(try DistinctScoreCounts(words: [RadixSort.descendingKey(x), 1]).score(at: 0) == x)
        }
        for x in [Double.infinity, -.infinity, .nan, -.nan, Double(bitPattern: 0x7FF0_0000_0000_0001), Double(bitPattern: 0xFFFF_FFFF_FFFF_FFFF)] {
            let key = ~(x.bitPattern ^ (UInt64(bitPattern: Int64(bitPattern: x.bitPattern) >> 63) | 0x8000_0000_0000_0000))
            #expect(throws: MetricsError.self) { try DistinctScoreCounts(words: [key, 1]) }
        }
        // The keys of +inf and of -0.0 (whose own bits; the summary files it under 0.0) are invalid.
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(words: [RadixSort.descendingKey(.infinity), 1]) }
        #expect(throws: MetricsError.self) { try DistinctScoreCounts(words: [0x8000_0000_0000_0000, 1]) }
        #expect(throws: MetricsError.self) { try DistinctScoreCounts.merged([]) }
    }
}
