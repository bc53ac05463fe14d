import Foundation

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

    /// The protocol of the dataset at `folder`, or nil when its manifest has none.
    public static func read(_ folder: String) -> DatasetProtocol? {
        guard let (name, recipe) = resolvedRecipe(folder),
              let evaluation = recipe["evaluation"] as? [String: Any],
              let cutoffs = evaluation["cutoffs"] as? [String] else { return nil }
        var found = DatasetProtocol(recipe: name ?? "?", cutoffs: cutoffs,
                                    blocks: evaluation["blocks"] as? Bool ?? false)
        if let series = evaluation["series"] as? [String: Any] {
            found.series = (series["window"] as? Int, series["values"] as? String)
        }
        return found
    }

    /// The rows per block of the dataset at `folder` (its recipe's `blocks.size`), or nil when it
    /// has no blocks.
    public static func blockSize(_ folder: String) -> Int? {
        guard let (_, recipe) = resolvedRecipe(folder), let blocks = recipe["blocks"] as? [String: Any],
              let size = blocks["size"] as? Int, size > 0 else { return nil }
        return size
    }

    /// The recipe name and resolved recipe of the manifest of the dataset at `folder`, if any.
    private static func resolvedRecipe(_ folder: String) -> (name: String?, recipe: [String: Any])? {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let recipe = object["recipe"] as? [String: Any] else { return nil }
        return (object["recipe_name"] as? String, recipe)
    }
}
