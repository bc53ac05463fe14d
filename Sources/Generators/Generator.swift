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

    /// Writes every row. `progress` is called with the number of rows written so far, now and
    /// then. Returns each anomaly kind's parameters for the manifest.
    func generate(into writer: DatasetWriter, context: GenerationContext,
                  progress: (Int) -> Void) throws -> [String: JSONValue]
}

extension Generator {
    public var sourceFile: Manifest.SourceFile? { nil }
    public var trainStatistics: [String: ColumnStatistics] { [:] }
}
