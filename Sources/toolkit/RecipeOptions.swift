import ArgumentParser
import Recipe

/// The options every command that reads a recipe shares.
struct RecipeOptions: ParsableArguments {
    @Argument(help: "A bundled recipe name (see 'toolkit recipes') or the path of a recipe YAML file.")
    var recipe: String

    @Option(help: "Override the recipe's seed.")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a recipe value, e.g. --set generator.noise.fraction=0.2 (repeatable; the value is YAML).",
        valueName: "key.path=value"))
    var overrides: [String] = []

    /// Loads, overrides and validates the recipe.
    func load() throws -> Recipe {
        let parsed = try overrides.map { try RecipeOverride(parsing: $0) }
        return try RecipeLoader.load(recipe, overrides: parsed, seed: seed)
    }
}
