import DataIO

/// The recipes bundled with the toolkit (the files in `Recipes/`, embedded at build time by the
/// EmbedRecipes plugin, so they work from any working directory and need no network).
public enum RecipeCatalog {
    /// One bundled recipe: its name, one-line description, and YAML text.
    public struct Entry: Sendable {
        public let name: String
        public let yaml: String
        /// Parsed when asked for (only `toolkit recipes` lists them): parsing every bundled
        /// recipe to look one up took 6 ms of each process, a tenth of a small bench unit's.
        public var description: String { RecipeCatalog.oneLineDescription(yaml) }
    }

    /// All bundled recipes, by name.
    public static let entries: [Entry] = BundledRecipeTexts.all.map { item in
        Entry(name: item.name, yaml: item.yaml)
    }

    public static func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The first line of the recipe's `description` (read leniently: a broken bundled recipe is
    /// caught by the tests, not here).
    static func oneLineDescription(_ yaml: String) -> String {
        guard let recipe = try? RecipeLoader.parse(yaml: yaml, source: "bundled") else { return "" }
        return recipe.description.split(separator: "\n").first.map(String.init) ?? ""
    }
}
