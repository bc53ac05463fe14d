import Testing
@testable import Recipe

@Suite struct RecipeNodeTests {
    @Test func suggestionsWithinTwoEdits() {
        #expect(RecipeNode.closest(to: "seeed", in: ["seed", "name"]) == "seed")
        #expect(RecipeNode.closest(to: "xyz", in: ["seed", "name"]) == nil)
    }

    @Test func underscoresInNumbers() throws {
        let recipe = try RecipeLoader.parse(yaml: "version: 1\ngenerator:\n  kind: zigzag\n  rows: {train: 1_000_000, test: 2_000}\n",
                                            source: "x")
        guard let spec = recipe.generator.parameters(as: ZigzagSpec.self) else { return }
        #expect(spec.rows.train == 1_000_000)
    }
}
