import DataIO
import Foundation
import Testing
@testable import Recipe

@Suite struct RecipeLoaderTests {
    static let badRecipes: [String] = {
        let folder = fixture("recipes/bad")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func thereAreAtLeastTenBadRecipes() {
        #expect(RecipeLoaderTests.badRecipes.count >= 10)
    }

    /// Each file in Fixtures/recipes/bad starts with `# expect: MESSAGE`; loading it must fail
    /// with a bad_recipe error naming the file and containing exactly that message.
    @Test(arguments: badRecipes)
    func badRecipeIsRejectedWithItsKeyPath(file: String) throws {
        let path = fixture("recipes/bad/" + file)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("# expect: "))
        let expected = String(firstLine.dropFirst("# expect: ".count))
        do {
            _ = try RecipeLoader.load(path)
            Issue.record("\(file) was accepted")
        } catch let error as DataError {
            #expect(error.code == .badRecipe)
            #expect(error.file == path)
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func bundledNamesLoadFromAnyDirectory() throws {
        let recipe = try RecipeLoader.load("zigzag")
        #expect(recipe.name == "zigzag")
        #expect(recipe.blocks.size == 100)
        guard let spec = recipe.generator.parameters(as: ZigzagSpec.self) else { Issue.record("kind"); return }
        // The paper's zigzag with a test window of 200 blocks; zigzag-paper is the paper's own.
        var longer = ZigzagSpec.paper
        longer.rows.test = 20_000
        longer.anomalies.count = 10_000
        #expect(spec == longer)
        guard let paper = try RecipeLoader.load("zigzag-paper").generator.parameters(as: ZigzagSpec.self) else { Issue.record("kind"); return }
        #expect(paper == ZigzagSpec.paper)
    }

    @Test func minimalRecipeTakesThePaperDefaults() throws {
        let recipe = try RecipeLoader.parse(yaml: "version: 1\ngenerator:\n  kind: zigzag\n", source: "mini.yaml")
        #expect(recipe.name == "mini")
        #expect(recipe.seed == 1)
        #expect(recipe.blocks.size == 0)
        #expect(recipe.generator == GeneratorSpec(ZigzagSpec.paper))
    }

    @Test func unknownNameSuggestsTheClosest() {
        #expect {
            _ = try RecipeLoader.load("zigzgg")
        } throws: { error in
            let text = (error as? DataError)?.description ?? ""
            return text.contains("no bundled recipe named 'zigzgg'") && text.contains("did you mean 'zigzag'")
        }
    }

    @Test func missingFileIsAnError() {
        #expect {
            _ = try RecipeLoader.load("/nonexistent/recipe.yaml")
        } throws: { ($0 as? DataError)?.description == "/nonexistent/recipe.yaml: no such recipe file" }
    }

    @Test func seedAndOverridesApplyInOrder() throws {
        let overrides = try ["generator.noise.fraction=0.2", "generator.anomalies.kinds.1.weight=3",
                             "generator.rows={train: 100, test: 50}", "generator.anomalies.count=10"]
            .map { try RecipeOverride(parsing: $0) }
        let recipe = try RecipeLoader.load("zigzag", overrides: overrides, seed: 18_446_744_073_709_551_615)
        #expect(recipe.seed == UInt64.max)
        guard let spec = recipe.generator.parameters(as: ZigzagSpec.self) else { Issue.record("kind"); return }
        #expect(spec.noise.fraction == 0.2)
        #expect(spec.anomalies.kinds[1].weight == 3)
        #expect(spec.rows == .init(train: 100, test: 50))
    }

    @Test func overridesAreValidatedLikeTheFile() {
        #expect {
            _ = try RecipeLoader.load("zigzag", overrides: [try RecipeOverride(parsing: "generator.noise.fraction=2")])
        } throws: { ($0 as? DataError)?.description == "zigzag: generator.noise.fraction: must be in [0, 1], got 2" }
        #expect {
            _ = try RecipeLoader.load("zigzag", overrides: [try RecipeOverride(parsing: "generator.nosie.fraction=0.1")])
        } throws: { ($0 as? DataError)?.description.contains("generator.nosie: unknown key (did you mean 'noise'?)") == true }
    }

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

    /// Issue 19: a recipe saved with a UTF-8 byte-order mark was rejected (evaluate accepts one).
    @Test func aByteOrderMarkIsAccepted() throws {
        #expect(try RecipeLoader.load(fixture("recipes/bom.yaml")).name == "bom")
    }
}
