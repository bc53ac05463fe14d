/// The evaluation protocol a dataset's recipe declares (`evaluation:` in the manifest's
/// resolved recipe), which `toolkit evaluate --dataset` applies when not told otherwise.
public struct DatasetProtocol: Sendable, Equatable {
    public var recipe: String
    public var cutoffs: [String]
    public var blocks: Bool
    /// `evaluation.series`: evaluate as a time series, with this window (nil = auto) and
    /// values column; nil when the recipe does not make series.
    public var series: (window: Int?, values: String?)? {
        get { seriesEnabled ? (seriesWindow, seriesValues) : nil }
        set {
            seriesEnabled = newValue != nil
            seriesWindow = newValue?.window
            seriesValues = newValue?.values
        }
    }
    var seriesEnabled = false
    var seriesWindow: Int?
    var seriesValues: String?

    /// The protocol of the dataset at `folder`, or nil when it has no manifest (or one that does
    /// not read: the command reading the folder reports that).
    public static func read(_ folder: String) -> DatasetProtocol? {
        (try? DatasetFolder(folder))?.manifest.map(DatasetProtocol.init)
    }

    /// The protocol a manifest's resolved recipe declares.
    public init(_ manifest: Manifest) {
        let evaluation = manifest.recipe.evaluation
        recipe = manifest.recipeName
        cutoffs = evaluation.cutoffs
        blocks = evaluation.blocks
        series = evaluation.series.map { ($0.window, $0.values) }
    }

    /// The rows per block of the dataset at `folder` (its recipe's `blocks.size`), or nil when it
    /// has no blocks or no manifest.
    public static func blockSize(_ folder: String) -> Int? {
        (try? DatasetFolder(folder))?.blockSize
    }
}
