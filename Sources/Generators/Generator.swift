import Datasets
import Recipe

/// A dataset generator: streams rows into a ``DatasetWriter`` and describes itself for the
/// manifest. All randomness comes from the ``GenerationContext``.
public protocol Generator {
    /// The feature columns, in order (before the recipe's output encoding).
    var columns: [ColumnSchema] { get }
    /// Kind, version (bumped on any change of output) and a one-line description.
    var info: Manifest.GeneratorInfo { get }
    /// Total rows that ``generate(into:context:progress:)`` will write (for progress bars).
    var totalRows: Int { get }
    /// Where the data comes from: `synthetic`, `synthetic-lookalike`, `uci-original` or `file`.
    var source: String { get }
    /// The real file read, if any.
    var sourceFile: Manifest.SourceFile? { get }
    /// Statistics of the numeric columns over the training rows, for scaling (empty when the
    /// generator streams and cannot know them in advance).
    var trainStatistics: [String: ColumnStatistics] { get }
    /// Figures measured while generating, for the manifest's `statistics` (read after
    /// ``generate(into:context:progress:)``; empty for most generators).
    var statistics: [String: JSONValue] { get }

    /// Writes every row. `progress` is called with the number of rows written so far, now and
    /// then. Returns each anomaly kind's parameters for the manifest.
    func generate(into writer: DatasetWriter, context: GenerationContext,
                  progress: (Int) -> Void) throws -> [String: JSONValue]
}

extension Generator {
    public var sourceFile: Manifest.SourceFile? { nil }
    public var trainStatistics: [String: ColumnStatistics] { [:] }
    public var statistics: [String: JSONValue] { [:] }
}

/// A generator that can write any shard of its rows alone (`--shard i/n`): rows are produced in
/// chunks whose random streams are counter-based (seeded by the chunk's index), and whatever
/// state crosses chunks is either replayed cheaply (a sampler's position) or a function of the
/// row's time, so shard i writes exactly the rows the whole run puts there.
public protocol ShardableGenerator: Generator {
    /// The rows (0-based, in the whole run's order) that shard `index` of `count` holds:
    /// consecutive, whole chunks, the shards' ranges tiling 0..<totalRows in order.
    func rows(ofShard index: Int, of count: Int) -> Range<Int>
    /// Writes the rows `rows` (a range from ``rows(ofShard:of:)``, or all of them).
    func generate(into writer: DatasetWriter, context: GenerationContext, rows: Range<Int>,
                  progress: (Int) -> Void) throws -> [String: JSONValue]
}

extension ShardableGenerator {
    public func generate(into writer: DatasetWriter, context: GenerationContext,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        try generate(into: writer, context: context, rows: 0..<totalRows, progress: progress)
    }

    /// Splits `chunks` chunks of `chunkRows` rows (the last one possibly shorter, `total` rows in
    /// all) as evenly as whole chunks allow: shard i gets chunks ⌊i·C/n⌋ ..< ⌊(i+1)·C/n⌋.
    public static func shardRows(_ index: Int, of count: Int, chunkRows: Int, total: Int) -> Range<Int> {
        let chunks = (total + chunkRows - 1) / chunkRows
        let first = index * chunks / count, last = (index + 1) * chunks / count
        return min(first * chunkRows, total)..<min(last * chunkRows, total)
    }
}

