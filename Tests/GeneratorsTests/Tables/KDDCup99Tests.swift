import Datasets
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct KDDCup99Tests {
    @Test func lookalikeHasTheFilesValueSetsAndOneHotWidth() throws {
        let table = KDDCup99.lookalike(rows: 20_000, context: GenerationContext(seed: 1))
        #expect(table.columns.map(\.name) == KDDCup99.featureNames)
        func values(_ name: String) -> [String] {
            guard case .categorical(_, let v) = table.columns.first(where: { $0.name == name })!.data else { return [] }
            return v
        }
        #expect(values("protocol_type") == ["icmp", "tcp", "udp"])
        #expect(values("service").count == 66)
        #expect(values("flag").count == 11)
        #expect(values("is_host_login") == ["0"])
        let generator = GeneratorInputs(table: table)
        let layout = try FeatureLayout(inputs: generator.columns, options: OutputSpec(encode: .onehot))
        #expect(layout.outputs.count == 121)
        #expect(layout.outputs[33].name == "dst_host_srv_rerror_rate")
        #expect(layout.outputs[34].name == "protocol_type=icmp")
        #expect(table.classCounts()["normal."] == Int((20_000.0 * 97_278 / 494_021).rounded()))
    }

    @Test(.enabled(if: haveSharedData, "needs ../shared/data/kddcup.data_10_percent.gz"))
    func realFileWithThePaperExactSplit() throws {
        let recipe = try RecipeLoader.load("kddcup99", overrides: [
            try RecipeOverride(parsing: "generator.source.file=\(sharedData("kddcup.data_10_percent.gz"))"),
            try RecipeOverride(parsing: "generator.split.rows_file=\(sharedData("splits/kdd-alad-train-rows.txt.gz"))"),
        ])
        guard let spec = recipe.generator.parameters(as: TableSpec.self) else { Issue.record("kind"); return }
        let generator = try TableGenerator(spec: spec, context: GenerationContext(seed: recipe.seed))
        #expect(generator.source == "uci-original")
        #expect(generator.table.rowCount == 494_021)
        #expect(generator.table.classCounts()["normal."] == 97_278)
        let layout = try FeatureLayout(inputs: generator.columns, options: recipe.output)
        #expect(layout.outputs.count == 121)
        let d = generator.plan.destination, a = generator.plan.isAnomaly
        #expect(d.filter { $0 == .test }.count == 247_011)
        #expect(d.indices.filter { d[$0] == .test && a[$0] }.count == 48_629)
        #expect(d.filter { $0 == .train }.count == 198_361)
    }
}

/// The column schema a table generator would report, for a bare table.
struct GeneratorInputs {
    let table: Table
    var columns: [ColumnSchema] {
        table.columns.map { column in
            switch column.data {
            case .numeric: return .numeric(column.name)
            case .categorical(_, let values): return .categorical(column.name, cardinality: values.count, values: values)
            }
        }
    }
}
