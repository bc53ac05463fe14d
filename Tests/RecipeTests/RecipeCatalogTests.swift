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

    /// The contaminated-KDD settings of the fifth paper are one recipe at three training anomaly
    /// ratios: the -10 and -20 files are the 5 % one with the ratio set, nothing else.
    @Test func contaminatedKDDSettingsDifferOnlyInTheRatio() throws {
        for (name, ratio) in [("kddcup99-contaminated-10", "0.1"), ("kddcup99-contaminated-20", "0.2")] {
            var variant = try RecipeLoader.load(name)
            let base = try RecipeLoader.load("kddcup99-contaminated",
                                             overrides: [try RecipeOverride(parsing: "generator.split.train_anomaly_ratio=" + ratio)])
            #expect(variant.name == name && variant.description.contains("(\(Int(Double(ratio)! * 100))% here"))
            variant.name = base.name
            variant.description = base.description
            #expect(variant == base, "\(name)")
        }
    }
}
