import Testing
@testable import Recipe

@Suite struct RecipeNodeTests {
    @Test func underscoresInNumbers() throws {
        let recipe = try RecipeLoader.parse(yaml: "version: 1\ngenerator:\n  kind: zigzag\n  rows: {train: 1_000_000, test: 2_000}\n",
                                            source: "x")
        let spec = try #require(recipe.generator.parameters(as: ZigzagSpec.self))
        #expect(spec.rows.train == 1_000_000)
    }
}
