import Recipe
import Testing
@testable import Generators

@Suite struct GeneratorRegistryTests {
    /// Every kind a recipe can name has exactly one generator, in the same order.
    @Test func everyKindHasOneGenerator() {
        #expect(GeneratorRegistry.all.map(\.kind) == GeneratorKinds.names)
    }

    @Test func shardableKindsAreTheShardableGenerators() {
        #expect(GeneratorRegistry.shardableKinds == ["behaviour_logs", "solar_pv"])
    }

    @Test func aRecipeGetsTheGeneratorOfItsKind() throws {
        for name in ["zigzag", "solar-pv", "ecg-synthetic"] {
            let recipe = try RecipeLoader.load(name)
            let generator = try GeneratorRegistry.generator(for: recipe.generator, context: GenerationContext(seed: recipe.seed))
            #expect(generator.info.kind == recipe.generator.kind, "\(name)")
        }
    }
}
