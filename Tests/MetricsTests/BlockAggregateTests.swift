import Testing
import Metrics

/// Block reduction against every instance case with a block size, plus the explicit-index form.
@Suite struct BlockAggregateTests {
    static let blockCases = Fixtures.cases(kind: "instance").filter {
        Fixtures.vectorCase($0)["params"]?["block_size"]?.int != nil
    }

    @Test("instance vectors: block counts, labels digest, scores, AUROC/AP or null with reason", arguments: blockCases)
    func blockVector(name: String) throws {
        let vector = Fixtures.vectorCase(name)
        let expected = try #require(vector["expected"]?["block"])
        let blockSize = try #require(vector["params"]?["block_size"]?.int)
        #expect(expected["B"]?.int == blockSize)
        let input = Fixtures.instance(name)
        let blocks = try BlockAggregate(scores: input.scores, labels: input.labels, blockSize: blockSize)
        #expect(blocks.count == expected["n_blocks"]?.int)
        #expect(blocks.lastBlockSize == expected["last_block_size"]?.int)
        #expect(blocks.anomalousCount == expected["n_anomalous_blocks"]?.int)
        let digest = SHA256.hex(blocks.labels.map { $0 ? 1 : 0 })
        #expect(String(digest.prefix(16)) == expected["block_labels_sha256_16"]?.string)
        if let labels = expected["block_labels"]?.array {
            #expect(blocks.labels == labels.map { $0.int == 1 })
        }
        if let scores = expected["block_scores"]?.array {
            // fl(fsum/m) is deterministic: the block scores agree bit for bit.
            #expect(blocks.scores == scores.map { $0.double! })
        }
        switch blocks.curve() {
        case .defined(let curve):
            expectClose(curve.auroc, field(expected, "auroc"), tolerance: ReferenceVectors.tolerance, "\(name).block.auroc")
            expectClose(curve.averagePrecision, field(expected, "average_precision"), tolerance: ReferenceVectors.tolerance, "\(name).block.average_precision")
        case .undefined(let reason):
            #expect(expected["auroc"]?.isNull == true)
            #expect(expected["average_precision"]?.isNull == true)
            #expect(reason.description == expected["reason"]?.string)
        }
    }

    @Test("majority is strict, the partial last block is kept, one block is null")
    func rules() throws {
        // Blocks of 4: [1,1,0,0] is exactly half -> normal; [1,1,1,0] -> anomalous; last [1] of size 1.
        let labels = [true, true, false, false, true, true, true, false, true]
        let scores = [1.0, 2, 3, 4, 5, 6, 7, 8, 9]
        let blocks = try BlockAggregate(scores: scores, labels: labels, blockSize: 4)
        #expect(blocks.labels == [false, true, true])
        #expect(blocks.sizes == [4, 4, 1])
        #expect(blocks.scores == [2.5, 6.5, 9])
        let single = try BlockAggregate(scores: scores, labels: labels, blockSize: 100)
        guard case .undefined(.singleBlock) = single.curve() else {
            Issue.record("one block must be undefined")
            return
        }
        // A block longer than the rows is one block, up to Int.max (whose arithmetic once trapped).
        #expect(try BlockAggregate(scores: scores, labels: labels, blockSize: Int.max).sizes == [9])
        #expect(throws: MetricsError.invalidParameter(name: "blockSize", reason: "must be at least 1, got 0")) {
            try BlockAggregate(scores: scores, labels: labels, blockSize: 0)
        }
        #expect(throws: MetricsError.nonFiniteScore(index: 1)) {
            try BlockAggregate(scores: [1, .nan], labels: [true, false], blockSize: 1)
        }
    }

    @Test("explicit block indices group rows (not necessarily contiguous) in increasing index order")
    func explicitIndices() throws {
        let scores = [1.0, 10, 2, 20, 3, 1e308, 1e308]
        let labels = [false, true, false, true, true, true, false]
        let index = [7, 3, 7, 3, 7, 9, 9]
        let blocks = try BlockAggregate(scores: scores, labels: labels, blockIndex: index)
        #expect(blocks.blockIndices == [3, 7, 9])
        #expect(blocks.sizes == [2, 3, 2])
        #expect(blocks.labels == [true, false, false])
        #expect(blocks.scores == [15, 2, 1e308])  // the 2e308 sum overflows: rescaled mean
        let fixed = try BlockAggregate(scores: [1, 2, 3, 4], labels: [true, true, false, false], blockSize: 2)
        let indexed = try BlockAggregate(scores: [1, 2, 3, 4], labels: [true, true, false, false], blockIndex: [0, 0, 1, 1])
        #expect(fixed.scores == indexed.scores && fixed.labels == indexed.labels)
    }
}
