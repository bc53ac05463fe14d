import DataIO
import Datasets
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct AnomalyInjectionTests {
    static func generator(_ name: String, _ overrides: [String]) throws -> TableGenerator {
        let recipe = try RecipeLoader.load(name, overrides: overrides.map { try RecipeOverride(parsing: $0) })
        guard let spec = recipe.generator.parameters(as: TableSpec.self) else { fatalError() }
        return try TableGenerator(spec: spec, context: GenerationContext(seed: recipe.seed))
    }

    static let allKinds = "[{kind: global}, {kind: local}, {kind: clustered}, {kind: dependency}, {kind: random_value}, {kind: swapped_attribute}, {kind: deleted_attribute}]"

    /// A KDD Cup 99 look-alike with 100 rows of every kind injected into its test split.
    static func everyKind() throws -> TableGenerator {
        try generator("kddcup99", ["generator.source.lookalike_rows=6000",
                                   "generator.inject={split: test, count: 700, kinds: \(AnomalyInjectionTests.allKinds)}"])
    }

    @Test func everyKindIsInjectedWithExactCounts() throws {
        let g = try Self.everyKind()
        var perKind: [String: Int] = [:]
        for (row, kind) in g.injectedKinds {
            perKind[kind, default: 0] += 1
            #expect(g.plan.destination[row] == .test && g.plan.isAnomaly[row])
        }
        #expect(perKind == ["global": 100, "local": 100, "clustered": 100, "dependency": 100,
                            "random_value": 100, "swapped_attribute": 100, "deleted_attribute": 100])
    }

    @Test func kindsAreWrittenToLabelsAndManifest() throws {
        let recipe = try RecipeLoader.load("connect4", overrides: [
            "generator.source.lookalike_rows=3000", "generator.split.train={normal: 1000, anomalous: 0}",
            "generator.split.test={normal: 400, anomalous: 100}",
            "generator.inject={split: test, count: 60, kinds: [{kind: random_value, weight: 2}, {kind: deleted_attribute}]}",
        ].map { try RecipeOverride(parsing: $0) })
        let out = temporaryFolder() + "/c4"
        let manifest = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        #expect(manifest.counts["test"]!.byKind == ["class:loss": 100, "random_value": 40, "deleted_attribute": 20])
        #expect(manifest.counts["test"]!.anomalies == 160)
        let labels = try readCSV(out + "/labels.csv").dropFirst()
        #expect(labels.filter { $0[3] == "random_value" }.count == 40)
    }

    @Test func impossibleInjectionsAreErrors() {
        #expect {
            _ = try Self.generator("connect4", ["generator.source.lookalike_rows=3000", "generator.split.train={normal: 1000, anomalous: 0}",
                                           "generator.split.test={normal: 400, anomalous: 100}",
                                           "generator.inject={split: test, count: 10, kinds: [{kind: local}]}"])
        } throws: { ($0 as? DataError)?.message == "generator.inject.kinds.0.kind: local needs numeric columns; this table has none" }
        #expect {
            _ = try Self.generator("arrhythmia-toll", ["generator.inject={split: test, count: 500, kinds: [{kind: global}]}"])
        } throws: { ($0 as? DataError)?.message == "generator.inject.count: 500 rows asked for, but the test split has only 77 normal rows" }
    }
}
