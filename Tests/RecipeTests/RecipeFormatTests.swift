import Testing
@testable import Recipe

@Suite struct RecipeFormatTests {
    /// `recipes show` output must itself be a valid recipe that reads back to the same value.
    @Test(arguments: ["zigzag", "zigzag-amad-code"])
    func shownRecipeRoundTrips(name: String) throws {
        let recipe = try RecipeLoader.load(name, seed: 123)
        let text = try RecipeFormat.yaml(recipe)
        #expect(text.contains("fraction: 0.1") || text.contains("fraction: 0.0"))
        #expect(!text.contains("e-1"))
        let again = try RecipeLoader.parse(yaml: text, source: "shown")
        #expect(again == recipe)
    }
}
