import Foundation
import Testing
@testable import Recipe
import TestSupport

@Suite struct RecipeCatalogTests {
    @Test func everyBundledRecipeIsValidAndMatchesItsFile() throws {
        // Every top-level YAML file is a recipe (`toolkit check` files live in Recipes/expectations/).
        let files = try FileManager.default.contentsOfDirectory(atPath: recipesFolder())
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(RecipeCatalog.entries.map { $0.name + ".yaml" }.sorted() == files)
        #expect(RecipeCatalog.entries.map(\.name) == RecipeCatalog.entries.map(\.name).sorted())
        for entry in RecipeCatalog.entries {
            let recipe = try RecipeLoader.load(entry.name)
            #expect(recipe.name == entry.name)
            #expect(!entry.description.isEmpty)
            let onDisk = try String(contentsOfFile: recipesFolder() + "/" + entry.name + ".yaml", encoding: .utf8)
            #expect(entry.yaml == onDisk)
        }
    }
}
