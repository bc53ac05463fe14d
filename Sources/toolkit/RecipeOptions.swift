import ArgumentParser
import Recipe

/// The options every command that reads a recipe shares.
struct RecipeOptions: ParsableArguments {
    @Argument(help: "A bundled recipe name (see 'toolkit recipes') or the path of a recipe YAML file.")
    var recipe: String

    @Option(parsing: .unconditional, help: "Override the recipe's seed.", transform: SeedArgument.parse)
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a recipe value, e.g. --set generator.noise.fraction=0.2 (repeatable; the value is YAML).",
        valueName: "key.path=value"))
    var overrides: [String] = []

    /// Loads, overrides (the command's own flags after `--set`) and validates the recipe.
    func load(extraOverrides: [String] = []) throws -> Recipe {
        let parsed = try (overrides + extraOverrides).map { try RecipeOverride(parsing: $0) }
        return try RecipeLoader.load(recipe, overrides: parsed, seed: seed)
    }

    /// `text` as a YAML double-quoted scalar (for paths given to flags).
    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
