import Testing
@testable import Recipe

@Suite struct RecipeNodeTests {
    @Test func underscoresInNumbers() throws {
        let recipe = try RecipeLoader.parse(yaml: "version: 1\ngenerator:\n  kind: zigzag\n  rows: {train: 1_000_000, test: 2_000}\n",
                                            source: "x")
        guard let spec = recipe.generator.parameters(as: ZigzagSpec.self) else { return }
        #expect(spec.rows.train == 1_000_000)
    }
}
