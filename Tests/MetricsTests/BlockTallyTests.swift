#if canImport(Glibc)
import Glibc
#endif
import Randomness
import Testing
@testable import Metrics

/// Block tallies: merged over any partition of the rows, they give the blocks
/// ``BlockAggregate`` computes from all the rows, bit for bit.
@Suite struct BlockTallyTests {
    static func expectSame(_ a: BlockAggregate, _ b: BlockAggregate, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.scores.map(\.bitPattern) == b.scores.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.labels == b.labels, sourceLocation: sourceLocation)
        #expect(a.sizes == b.sizes, sourceLocation: sourceLocation)
        #expect(a.blockIndices == b.blockIndices, sourceLocation: sourceLocation)
    }

    @Test("fixed-size and indexed blocks from merged tallies of random shards equal the whole", arguments: [1, 2, 7])
    func mergedEqualsWhole(shards: Int) throws {
        var g = Xoshiro256StarStar(seed: 5 + UInt64(shards))
        for trial in 0..<20 {
            let n = 50 + g.uniformInt(below: 2000)
            let labels = (0..<n).map { _ in UInt8(g.uniformInt(below: 3) == 0 ? 1 : 0) }
            var scores: [Double] = []
            for _ in 0..<n {
                let x = g.standardNormal()
                let exponent = Double(g.uniformInt(below: 30)) - 15
                scores.append(trial % 2 == 0 ? x * pow(10, exponent) : (x * 100).rounded() / 100)
            }
            let size = 1 + g.uniformInt(below: 40)
            let fixed = (0..<n).map { $0 / size }
            let indexed = (0..<n).map { _ in 3 * g.uniformInt(below: 25) }
            let assignment = (0..<n).map { _ in g.uniformInt(below: shards) }
            for (blockIndex, whole) in [
                (fixed, try BlockAggregate(scores: scores, labels: labels.map { $0 == 1 }, blockSize: size)),
                (indexed, try BlockAggregate(scores: scores, labels: labels.map { $0 == 1 }, blockIndex: indexed)),
            ] {
                let parts = try (0..<shards).compactMap { s -> [BlockTally]? in
                    let rows = assignment.indices.filter { assignment[$0] == s }
                    if rows.isEmpty { return nil }
                    return try BlockTally.tallies(scores: rows.map { scores[$0] }, labels: rows.map { labels[$0] },
                                                  blockIndex: rows.map { blockIndex[$0] })
                }
                Self.expectSame(try BlockAggregate(tallies: BlockTally.merged(parts)), whole)
                Self.expectSame(try BlockAggregate(tallies: BlockTally.merged(parts.reversed())), whole)
                if parts.count >= 3 {
                    let grouped = BlockTally.merged([parts[0], BlockTally.merged([parts[1], parts[2]])] + parts[3...])
                    Self.expectSame(try BlockAggregate(tallies: grouped), whole)
                }
            }
        }
    }

    @Test("a tally read back from its parts keeps its exact sum")
    func rebuilt() throws {
        let tally = try #require(try BlockTally.tallies(scores: [1e100, 1, -1e100, 0.1], labels: [1, 0, 0, 1], blockIndex: [4, 4, 4, 4]).first)
        let copy = try BlockTally(index: tally.index, rows: tally.rows, anomalies: tally.anomalies,
                                  sum: CorrectlyRoundedSum(exactSumOf: tally.sum.partialValues), largestMagnitude: tally.largestMagnitude)
        #expect(copy.mean == tally.mean)
        #expect(copy.mean == 1.1 / 4)
        #expect(!copy.isAnomalous)  // 2 of 4: not more than half
        #expect(throws: MetricsError.self) {
            try BlockTally(index: 0, rows: 1, anomalies: 2, sum: CorrectlyRoundedSum(), largestMagnitude: 0)
        }
        #expect(throws: MetricsError.self) {
            try BlockTally(index: 0, rows: 0, anomalies: 0, sum: CorrectlyRoundedSum(), largestMagnitude: 0)
        }
    }

    @Test("scores near the binary64 limit are outside the exact range, and refused by the aggregate")
    func magnitudeLimit() throws {
        let tallies = try BlockTally.tallies(scores: [1e306, 1, 2, 3], labels: [1, 0, 0, 1], blockIndex: [0, 0, 1, 1])
        #expect(!tallies[0].isWithinExactRange)
        #expect(tallies[1].isWithinExactRange)
        #expect(throws: MetricsError.self) { try BlockAggregate(tallies: tallies) }
        let overflowed = try BlockTally.tallies(scores: [1.7e308, 1.7e308], labels: [1, 0], blockIndex: [0, 0])
        #expect(!overflowed[0].isWithinExactRange)
    }
}
