import DataIO

/// Recipe problems are data errors (exit code 2) with the code `bad_recipe`, naming the recipe
/// (file or bundled name) and the key path: `zigzag: generator.noise.fraction must be in [0, 1], got 1.5`.
enum RecipeError {
    static func at(_ source: String, _ path: String, _ message: String) -> DataError {
        DataError(.badRecipe, file: source, path.isEmpty ? message : "\(path): \(message)")
    }
}
