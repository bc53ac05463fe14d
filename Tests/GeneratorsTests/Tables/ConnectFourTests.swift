import Datasets
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct ConnectFourTests {
    @Test func lookalikePositionsAreLegalEightPlyBoards() {
        let table = ConnectFour.lookalike(rows: 2000, context: GenerationContext(seed: 1))
        #expect(table.rowCount == 2000)
        #expect(table.columns.count == 42)
        for row in stride(from: 0, to: 2000, by: 37) {
            var x = 0, o = 0
            for column in 0..<7 {
                var seenBlank = false
                for cell in 0..<6 {
                    guard case .categorical(let codes, _) = table.columns[column * 6 + cell].data else {
                        Issue.record("column \(column * 6 + cell) is not categorical")
                        return
                    }
                    switch codes[row] {
                    case 0: x += 1; #expect(!seenBlank, "a piece floats above a blank")
                    case 1: o += 1; #expect(!seenBlank, "a piece floats above a blank")
                    default: seenBlank = true
                    }
                }
            }
            #expect(x == 4 && o == 4)
        }
        let counts = table.classCounts()
        #expect(counts["win"] == Int((2000.0 * 44_473 / 67_557).rounded()))
        #expect(counts["loss"] == Int((2000.0 * 16_635 / 67_557).rounded()))
    }

    @Test func lookalikeIsDeterministicPerSeed() {
        let a = ConnectFour.lookalike(rows: 300, context: GenerationContext(seed: 2))
        let b = ConnectFour.lookalike(rows: 300, context: GenerationContext(seed: 2))
        let c = ConnectFour.lookalike(rows: 300, context: GenerationContext(seed: 3))
        #expect(a.columns == b.columns && a.classCodes == b.classCodes)
        #expect(a.columns != c.columns)
    }

    @Test(.enabled(if: haveSharedData, "needs ../shared/data/connect-4.data.Z"))
    func realFileGivesThePaperCounts() throws {
        let recipe = try RecipeLoader.load("connect4", overrides: [try RecipeOverride(parsing: "generator.source.file=\(sharedData("connect-4.data.Z"))")])
        guard let spec = recipe.generator.parameters(as: TableSpec.self) else { Issue.record("kind"); return }
        let generator = try TableGenerator(spec: spec, context: GenerationContext(seed: recipe.seed))
        #expect(generator.source == "uci-original")
        #expect(generator.sourceFile?.knownOriginal == true)
        #expect(generator.table.rowCount == 67_557)
        #expect(generator.table.classCounts() == ["win": 44_473, "loss": 16_635, "draw": 6_449])
        let d = generator.plan.destination, a = generator.plan.isAnomaly
        #expect(d.filter { $0 == .train }.count == 40_000)
        #expect(d.indices.filter { d[$0] == .test }.count == 8_000)
        #expect(d.indices.filter { d[$0] == .test && a[$0] }.count == 4_000)
        #expect(d.indices.filter { d[$0] == .train && a[$0] }.isEmpty)
    }
}
