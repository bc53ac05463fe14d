import Testing
@testable import Recipe

@Suite struct GeneratorKindsTests {
    @Test func everyKindIsListedOnceAndFoundByName() throws {
        #expect(GeneratorKinds.names == ["zigzag", "table", "behaviour_logs", "solar_pv", "ecg5000", "ecg_synthetic", "series_file", "adbench"])
        #expect(Set(GeneratorKinds.names).count == GeneratorKinds.all.count)
        for type in GeneratorKinds.all {
            #expect(GeneratorKinds.type(named: type.kind).map(ObjectIdentifier.init) == ObjectIdentifier(type))
        }
        #expect(GeneratorKinds.type(named: "zigzog") == nil)
    }

    /// Each bundled recipe's kind resolves to the parameter type the registry names.
    @Test func bundledRecipesUseRegisteredKinds() throws {
        for entry in RecipeCatalog.entries {
            let recipe = try RecipeLoader.load(entry.name)
            #expect(type(of: recipe.generator.parameters).kind == recipe.generator.kind, "\(entry.name)")
            #expect(GeneratorKinds.names.contains(recipe.generator.kind), "\(entry.name)")
        }
    }
}
