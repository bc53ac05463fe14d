import Evaluation
import Testing

/// The order-independent fingerprint of covered label rows.
@Suite struct LabelCoverageTests {
    @Test("shards covering each row once add up to the whole set, in any order")
    func partitionAddsUp() {
        let all = LabelCoverage.all(1000)
        var sum = LabelCoverage()
        for shard in 0..<7 {
            sum.add(LabelCoverage.of(positions: (0..<1000).filter { $0 % 7 == shard }.reversed().map { Int32($0) }))
        }
        #expect(sum == all)
        #expect(all.rows == 1000)
    }

    @Test("a row repeated and another missing keeps the count but not the fingerprint")
    func swapDetected() {
        var positions = (0..<1000).map { Int32($0) }
        for missing in [0, 1, 500, 999] {
            for repeated in [0, 2, 501, 998] where repeated != missing {
                positions[missing] = Int32(repeated)
                let coverage = LabelCoverage.of(positions: positions)
                #expect(coverage.rows == 1000)
                #expect(coverage.first != LabelCoverage.all(1000).first && coverage.second != LabelCoverage.all(1000).second)
                positions[missing] = Int32(missing)
            }
        }
    }

    @Test("the hex fingerprint reads back; bad text is refused")
    func hex() {
        let coverage = LabelCoverage.of(positions: [3, 1, 4])
        #expect(LabelCoverage(rows: 3, hexFingerprint: coverage.hexFingerprint) == coverage)
        #expect(coverage.hexFingerprint.allSatisfy { $0.count == 16 })
        #expect(LabelCoverage(rows: 3, hexFingerprint: ["xyz", "0"]) == nil)
        #expect(LabelCoverage(rows: -1, hexFingerprint: coverage.hexFingerprint) == nil)
    }
}
