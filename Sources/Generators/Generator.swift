import Datasets
import Recipe

/// A dataset generator: streams rows into a ``DatasetWriter`` and describes itself for the
/// manifest. All randomness comes from the ``GenerationContext``.
public protocol Generator {
    /// The feature columns, in order.
    var columns: [ColumnSchema] { get }
    /// Kind, version (bumped on any change of output) and a one-line description.
    var info: Manifest.GeneratorInfo { get }
    /// Total rows that ``generate(into:context:progress:)`` will write (for progress bars).
    var totalRows: Int { get }
    /// Where the data comes from (`synthetic`, `synthetic-lookalike`, a source file's description).
    var source: String { get }

    /// Writes every row. `progress` is called with the number of rows written so far, now and
    /// then. Returns each anomaly kind's parameters for the manifest.
    func generate(into writer: DatasetWriter, context: GenerationContext,
                  progress: (Int) -> Void) throws -> [String: JSONValue]
}
