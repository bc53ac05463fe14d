import DataIO
import Foundation
import Testing
@testable import Recipe

@Suite struct GeneratorSpecTests {
    static func parse(_ generator: String) throws -> Recipe {
        try RecipeLoader.parse(yaml: "version: 1\nname: t\ngenerator: \(generator)\n", source: "t.yaml")
    }

    /// Issue 20: an unknown kind is an error naming the key and listing every known kind, never
    /// a silent fall-through to a default generator.
    @Test func anUnknownKindNamesTheKeyAndTheKnownKinds() {
        let error = #expect(throws: DataError.self) { try Self.parse("{kind: zigzog}") }
        #expect(error?.description == "t.yaml: generator.kind: expected one of "
                + GeneratorKinds.names.joined(separator: ", ") + ", got 'zigzog' (did you mean 'zigzag'?)")
        let missing = #expect(throws: DataError.self) { try Self.parse("{rows: 3}") }
        #expect(missing?.description == "t.yaml: generator.kind: is required (one of: "
                + GeneratorKinds.names.joined(separator: ", ") + ")")
    }

    @Test func aKindReadsItsOwnParameters() throws {
        let recipe = try Self.parse("{kind: solar_pv}")
        #expect(recipe.generator.kind == "solar_pv")
        #expect(recipe.generator.parameters(as: SolarPVSpec.self) != nil)
        #expect(recipe.generator.parameters(as: ZigzagSpec.self) == nil)
        #expect(recipe.generator.defaultSeriesEvaluation == EvaluationSpec.SeriesSpec(window: nil, values: "power"))
        #expect(try Self.parse("{kind: zigzag}").generator.defaultSeriesEvaluation == nil)
    }

    @Test func equalityComparesKindAndParameters() throws {
        let zigzag = try Self.parse("{kind: zigzag}").generator
        #expect(zigzag == (try Self.parse("{kind: zigzag}").generator))
        #expect(zigzag != (try Self.parse("{kind: zigzag, noise: {fraction: 0.2}}").generator))
        #expect(zigzag != (try Self.parse("{kind: solar_pv}").generator))
    }

    /// The spec encodes as its parameters do, `kind` included (resolved recipes and manifests).
    @Test func encodesAsItsParameters() throws {
        let spec = try Self.parse("{kind: ecg_synthetic}").generator
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(spec) == encoder.encode(try #require(spec.parameters(as: ECGSyntheticSpec.self))))
        let text = String(decoding: try encoder.encode(spec), as: UTF8.self)
        #expect(text.contains("\"kind\":\"ecg_synthetic\""))
    }
}
