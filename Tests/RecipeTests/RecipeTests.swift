import Testing
@testable import Recipe

@Suite struct RecipeTests {
    @Test func minimalRecipeTakesThePaperDefaults() throws {
        let recipe = try RecipeLoader.parse(yaml: "version: 1\ngenerator:\n  kind: zigzag\n", source: "mini.yaml")
        #expect(recipe.name == "mini")
        #expect(recipe.seed == 1)
        #expect(recipe.blocks.size == 0)
        #expect(recipe.generator == GeneratorSpec(ZigzagSpec.paper))
    }
}
