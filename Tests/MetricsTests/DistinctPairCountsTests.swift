import Randomness
import Testing
@testable import Metrics

/// The mergeable pair table of two scorers: it counts each distinct (score₁, score₂) pair of
/// the rows by class, and the merge of the tables of any partition of the rows, in any grouping
/// and order, is the table of all of them.
@Suite struct DistinctPairCountsTests {
    /// Random rows scored twice: heavy ties (a few values, ±0.0), rounded decimals, or all
    /// distinct; the second scorer correlated with the first.
    static func rows(_ kind: Int, count n: Int, using g: inout Xoshiro256StarStar)
        -> (scores1: [Double], scores2: [Double], labels: [UInt8]) {
        var labels = (0..<n).map { _ in UInt8(g.uniformInt(below: 8) == 0 ? 1 : 0) }
        labels[0] = 1
        labels[1] = 1
        labels[2] = 0
        labels[3] = 0
        var scores1: [Double] = [], scores2: [Double] = []
        for i in 0..<n {
            let shift = labels[i] == 1 ? 1.0 : 0
            let x = g.standardNormal() + shift
            let y = 0.6 * x + 0.8 * g.standardNormal()
            switch kind {
            case 0:
                scores1.append([-0.0, 0.0, 0.5, 1, -2][g.uniformInt(below: 5)])
                scores2.append([0.0, 1, 2][g.uniformInt(below: 3)])
            case 1:
                scores1.append((x * 10).rounded() / 10)
                scores2.append((y * 4).rounded() / 4)
            default:
                scores1.append(x)
                scores2.append(y)
            }
        }
        return (scores1, scores2, labels)
    }

    /// The rows of `indices`.
    static func part(_ rows: (scores1: [Double], scores2: [Double], labels: [UInt8]), _ indices: [Int]) throws -> DistinctPairCounts {
        try DistinctPairCounts(scores1: indices.map { rows.scores1[$0] }, scores2: indices.map { rows.scores2[$0] },
                               labels: indices.map { rows.labels[$0] })
    }

    @Test("a table counts each distinct pair by class, sorted by the two keys, -0.0 as 0.0", arguments: 0..<3)
    func table(kind: Int) throws {
        var g = Xoshiro256StarStar(seed: 5 + UInt64(kind))
        for n in [4, 50, 3000] {
            let rows = Self.rows(kind, count: n, using: &g)
            let table = try DistinctPairCounts(scores1: rows.scores1, scores2: rows.scores2, labels: rows.labels)
            #expect(table.rowCount == n)
            #expect(table.positiveCount == rows.labels.reduce(0) { $0 + Int($1) })
            var expected: [[UInt64]: (Int, Int)] = [:]
            for i in 0..<n {
                let key = [RadixSort.descendingKey(rows.scores1[i]), RadixSort.descendingKey(rows.scores2[i])]
                var entry = expected[key] ?? (0, 0)
                if rows.labels[i] == 1 { entry.0 += 1 } else { entry.1 += 1 }
                expected[key] = entry
            }
            #expect(table.count == expected.count)
            let words = table.words
            for k in 0..<table.count {
                let key = [words[3 * k], words[3 * k + 1]]
                #expect(expected[key]?.0 == table.positives(at: k) && expected[key]?.1 == table.negatives(at: k))
                if k > 0 { #expect([words[3 * k - 3], words[3 * k - 2]].lexicographicallyPrecedes(key)) }
                #expect(table.score1(at: k).sign == .plus || table.score1(at: k) != 0)
                #expect(table.score1(at: k) == rows.scores1.first { RadixSort.descendingKey($0) == key[0] }!)
            }
        }
    }

    @Test("merging the tables of a partition gives the table of the whole, in any grouping and order", arguments: 0..<3)
    func mergeEqualsWhole(kind: Int) throws {
        var g = Xoshiro256StarStar(seed: 50 + UInt64(kind))
        let rows = Self.rows(kind, count: 5000, using: &g)
        let whole = try DistinctPairCounts(scores1: rows.scores1, scores2: rows.scores2, labels: rows.labels)
        for shards in [1, 2, 3, 7] {
            let assignment = rows.labels.indices.map { _ in g.uniformInt(below: shards) }
            let parts = try (0..<shards).map { s in try Self.part(rows, assignment.indices.filter { assignment[$0] == s }) }
            #expect(try DistinctPairCounts.merged(parts) == whole)
            #expect(try DistinctPairCounts.merged(parts.reversed()) == whole)
            if shards >= 3 {
                let left = try DistinctPairCounts.merged([try DistinctPairCounts.merged([parts[0], parts[1]]), parts[2]])
                let right = try DistinctPairCounts.merged([parts[0], try DistinctPairCounts.merged([parts[2], parts[1]])])
                #expect(left == right)
                #expect(try DistinctPairCounts.merged([left] + parts[3...]) == whole)
            }
        }
    }

    @Test("bad rows and bad words are errors, not traps")
    func validation() throws {
        #expect(throws: MetricsError.empty) { try DistinctPairCounts(scores1: [], scores2: [], labels: []) }
        #expect(throws: MetricsError.lengthMismatch(expected: 2, actual: 1)) { try DistinctPairCounts(scores1: [1, 2], scores2: [1], labels: [1, 0]) }
        #expect(throws: MetricsError.lengthMismatch(expected: 2, actual: 1)) { try DistinctPairCounts(scores1: [1, 2], scores2: [1, 2], labels: [1]) }
        #expect(throws: MetricsError.nonFiniteScore(index: 1)) { try DistinctPairCounts(scores1: [1, 2], scores2: [1, .nan], labels: [1, 0]) }
        #expect(throws: MetricsError.self) { try DistinctPairCounts(scores1: [1], scores2: [1], labels: [2]) }
        let good = try DistinctPairCounts(scores1: [3, 1, 2, 2, 2], scores2: [0, 0, 1, 1, 0], labels: [1, 0, 1, 0, 0])
        #expect(good.count == 4)
        #expect(try DistinctPairCounts(words: good.words) == good)
        var unsorted = good.words
        for i in 0..<3 { unsorted.swapAt(i, 3 + i) }
        #expect(throws: MetricsError.self) { try DistinctPairCounts(words: unsorted) }
        var repeated = good.words
        repeated[4] = repeated[1]  // entry 1 = entry 0's pair
        repeated[3] = repeated[0]
        #expect(throws: MetricsError.self) { try DistinctPairCounts(words: repeated) }
        var empty = good.words
        empty[2] = 0
        #expect(throws: MetricsError.self) { try DistinctPairCounts(words: empty) }
        #expect(throws: MetricsError.self) { try DistinctPairCounts(words: [1, 2]) }
        #expect(throws: MetricsError.self) { try DistinctPairCounts(words: [RadixSort.descendingKey(1), RadixSort.descendingKey(.infinity), 1]) }
        #expect(throws: MetricsError.self) { try DistinctPairCounts(words: [0x8000_0000_0000_0000, RadixSort.descendingKey(1), 1]) }
        #expect(throws: MetricsError.self) { try DistinctPairCounts.merged([]) }
    }
}
