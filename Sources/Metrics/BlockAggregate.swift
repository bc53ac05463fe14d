/// Block-level reduction of instance scores and labels (the AMAD protocol, `Fixtures/metrics/SPEC.md` §4).
///
/// Rules:
/// 1. Fixed size B: in the canonical (label-file) order, block j holds rows
///    [jB, min((j+1)B, n)) for j = 0 … ⌈n/B⌉ − 1. The last partial block (m = n mod B rows) is
///    **kept** as a block of its own. With an explicit per-row block index instead, the rows
///    sharing an index form a block (they need not be contiguous) and blocks come in
///    increasing index order.
/// 2. Block label = anomaly iff 2·(#anomalies) > m: strictly more than half, so a block with
///    exactly 50 % anomalies is normal.
/// 3. Block score = fl(fsum(x)/m), the correctly rounded sum followed by one division
///    (``correctlyRoundedMean(_:)-(UnsafeBufferPointer<Double>)``), with the 2⁻⁶⁴ rescaling
///    when the sum overflows. It does not depend on row order and keeps ties between blocks
///    of equal size.
/// 4. Block metrics are the instance definitions applied to the block arrays (``curve()``). If
///    every block has the same label, including a single block (B ≥ n), they are undefined:
///    ``BlockOutcome/undefined(_:)`` with a reason, which is not an error.
public struct BlockAggregate: Sendable {
    /// The block scores (correctly rounded means), in block order.
    public let scores: [Double]
    /// The block labels (`true` = anomalous block), in block order.
    public let labels: [Bool]
    /// The number of rows of each block.
    public let sizes: [Int]
    /// The block index of each block: 0, 1, … for fixed-size blocks, the distinct per-row
    /// indices in increasing order otherwise.
    public let blockIndices: [Int]

    /// The number of blocks.
    public var count: Int { scores.count }
    /// The size of the last block (n mod B when that is non-zero, else B).
    public var lastBlockSize: Int { sizes.last ?? 0 }
    /// The number of anomalous blocks.
    public var anomalousCount: Int { labels.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Consecutive blocks of `blockSize` rows in the given (canonical) order.
    public init(scores: [Double], labels: [Bool], blockSize: Int) throws {
        guard labels.count == scores.count else {
            throw MetricsError.lengthMismatch(expected: scores.count, actual: labels.count)
        }
        guard !scores.isEmpty else { throw MetricsError.empty }
        guard blockSize >= 1 else {
            throw MetricsError.invalidParameter(name: "blockSize", reason: "must be at least 1, got \(blockSize)")
        }
        if let index = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        let n = scores.count
        let blockSize = min(blockSize, n)   // one block at most n rows (and no overflow near Int.max)
        let blocks = (n + blockSize - 1) / blockSize
        var blockScores = [Double](), blockLabels = [Bool](), sizes = [Int]()
        blockScores.reserveCapacity(blocks)
        blockLabels.reserveCapacity(blocks)
        sizes.reserveCapacity(blocks)
        var accumulator = CorrectlyRoundedSum()
        scores.withUnsafeBufferPointer { s in
            labels.withUnsafeBufferPointer { y in
                var start = 0
                while start < n {
                    let stop = min(start + blockSize, n)
                    let m = stop - start
                    var anomalies = 0
                    for i in start..<stop where y[i] { anomalies += 1 }
                    blockScores.append(correctlyRoundedMean(UnsafeBufferPointer(rebasing: s[start..<stop]), using: &accumulator))
                    blockLabels.append(2 * anomalies > m)
                    sizes.append(m)
                    start = stop
                }
            }
        }
        self.scores = blockScores
        self.labels = blockLabels
        self.sizes = sizes
        self.blockIndices = Array(0..<blocks)
    }

    /// Blocks given by an explicit block index per row (e.g. a dataset's `block` column).
    public init(scores: [Double], labels: [Bool], blockIndex: [Int]) throws {
        guard labels.count == scores.count else {
            throw MetricsError.lengthMismatch(expected: scores.count, actual: labels.count)
        }
        guard blockIndex.count == scores.count else {
            throw MetricsError.lengthMismatch(expected: scores.count, actual: blockIndex.count)
        }
        guard !scores.isEmpty else { throw MetricsError.empty }
        if let index = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        // Group rows by block index, keeping row order inside a block (a stable sort).
        let order = blockIndex.indices.sorted { (blockIndex[$0], $0) < (blockIndex[$1], $1) }
        var blockScores = [Double](), blockLabels = [Bool](), sizes = [Int](), indices = [Int]()
        var values = [Double]()
        var start = 0
        while start < order.count {
            let id = blockIndex[order[start]]
            var stop = start
            var anomalies = 0
            values.removeAll(keepingCapacity: true)
            while stop < order.count && blockIndex[order[stop]] == id {
                values.append(scores[order[stop]])
                if labels[order[stop]] { anomalies += 1 }
                stop += 1
            }
            let m = stop - start
            blockScores.append(correctlyRoundedMean(values))
            blockLabels.append(2 * anomalies > m)
            sizes.append(m)
            indices.append(id)
            start = stop
        }
        self.scores = blockScores
        self.labels = blockLabels
        self.sizes = sizes
        self.blockIndices = indices
    }

    /// The block-level curve, or why block metrics are undefined.
    public func curve() -> BlockOutcome {
        if count < 2 { return .undefined(.singleBlock) }
        let anomalous = anomalousCount
        if anomalous == 0 { return .undefined(.noAnomalousBlock) }
        if anomalous == count { return .undefined(.allBlocksAnomalous) }
        // Both classes present and all scores finite: this cannot throw.
        guard let curve = try? BinaryCurve(scores: scores, labels: labels) else {
            return .undefined(.noAnomalousBlock)
        }
        return .defined(curve)
    }
}

/// The outcome of block-level evaluation: a curve, or null with a reason (`Fixtures/metrics/SPEC.md` §4 rule 5).
public enum BlockOutcome: Sendable {
    case defined(BinaryCurve)
    case undefined(BlockUndefinedReason)

    /// The curve when defined.
    public var curve: BinaryCurve? {
        if case .defined(let curve) = self { return curve }
        return nil
    }
}

/// Why block-level metrics are null.
public enum BlockUndefinedReason: String, Sendable, Hashable, CustomStringConvertible {
    /// One block only (B ≥ n).
    case singleBlock = "single_block"
    /// No block has a strict majority of anomalies.
    case noAnomalousBlock = "no_anomalous_block"
    /// Every block is anomalous.
    case allBlocksAnomalous = "all_blocks_anomalous"

    /// A one-line human-readable reason.
    public var description: String {
        switch self {
        case .singleBlock: return "block labels single-class: only one block, block AUROC undefined"
        case .noAnomalousBlock, .allBlocksAnomalous: return "block labels single-class: block AUROC undefined"
        }
    }
}
