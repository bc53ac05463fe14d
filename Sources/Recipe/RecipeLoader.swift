import DataIO
import Yams

/// Finds, reads, overrides and validates recipes.
public enum RecipeLoader {
    /// Loads a recipe given by bundled name (`zigzag`) or by path (anything containing `/`, or
    /// ending in `.yaml`/`.yml`, or an existing file), applies the `--set` overrides in order and
    /// then `--seed`, and validates the result.
    public static func load(_ reference: String, overrides: [RecipeOverride] = [], seed: UInt64? = nil) throws -> Recipe {
        let (text, source, name) = try locate(reference)
        return try parse(yaml: text, source: source, fallbackName: name, overrides: overrides, seed: seed)
    }

    /// Reads a recipe from YAML text. `source` names it in error messages.
    public static func parse(yaml: String, source: String, fallbackName: String? = nil,
                             overrides: [RecipeOverride] = [], seed: UInt64? = nil) throws -> Recipe {
        var root: Node
        // A UTF-8 byte-order mark (editors on Windows add one) is not part of the YAML.
        let yaml = yaml.hasPrefix("\u{FEFF}") ? String(yaml.dropFirst()) : yaml
        do {
            root = try Yams.compose(yaml: yaml) ?? Node([(Node, Node)]())
        } catch let error as YamlError {
            throw YAMLErrorText.dataError(error, code: .badRecipe, file: source)
        }
        for override in overrides { root = try override.apply(to: root) }
        if let seed { root = try RecipeOverride(parsing: "seed=\(seed)").apply(to: root) }
        let name = fallbackName ?? FileSystem.lastComponent(of: source).removingYAMLExtension()
        return try Recipe(RecipeNode(node: root, path: "", source: source), fallbackName: name)
    }

    static func locate(_ reference: String) throws -> (text: String, source: String, name: String) {
        let looksLikePath = reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
        if looksLikePath || FileSystem.isRegularFile(reference) {
            guard FileSystem.isRegularFile(reference) else {
                throw DataError(.badRecipe, file: reference, "no such recipe file")
            }
            let text = try FileSystem.readText(reference)
            return (text, reference, FileSystem.lastComponent(of: reference).removingYAMLExtension())
        }
        if let entry = RecipeCatalog.entry(named: reference) {
            return (entry.yaml, reference, reference)
        }
        let names = RecipeCatalog.entries.map(\.name)
        let message = "no bundled recipe named '\(reference)' and no such file\(Spelling.suggestion(for: reference, in: names)); bundled recipes: \(names.joined(separator: ", "))"
        throw DataError(.badRecipe, message)
    }

}

extension String {
    func removingYAMLExtension() -> String {
        for suffix in [".yaml", ".yml"] where hasSuffix(suffix) { return String(dropLast(suffix.count)) }
        return self
    }
}
