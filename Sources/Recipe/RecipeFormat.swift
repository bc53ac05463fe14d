import Foundation
import Yams

/// Renders a resolved recipe: YAML for `toolkit recipes show`, a JSON value for manifests.
public enum RecipeFormat {
    /// The recipe as YAML with every default filled in, keys in a fixed readable order.
    public static func yaml(_ recipe: Recipe) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        return try encoder.encode(recipe)
    }
}
