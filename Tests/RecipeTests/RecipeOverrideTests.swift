import DataIO
import Testing
@testable import Recipe

@Suite struct RecipeOverrideTests {
    @Test func parsesPathAndValue() throws {
        let o = try RecipeOverride(parsing: "generator.noise.values=[-2, 2]")
        #expect(o.path == ["generator", "noise", "values"])
        #expect(o.valueText == "[-2, 2]")
    }

    @Test(arguments: ["novalue", "=3", "a..b=1", ".a=1"])
    func malformedOverridesAreRejected(text: String) {
        #expect { _ = try RecipeOverride(parsing: text) } throws: { ($0 as? DataError)?.code == .badOverride }
    }

    @Test func listIndexOutOfRangeIsAnError() {
        #expect {
            _ = try RecipeLoader.load("zigzag", overrides: [try RecipeOverride(parsing: "generator.anomalies.kinds.5.weight=1")])
        } throws: { error in
            (error as? DataError)?.description.contains("generator.anomalies.kinds.5 is not an index of a list with 2 items") == true
        }
    }

    @Test func settingInsideAScalarIsAnError() {
        #expect {
            _ = try RecipeLoader.load("zigzag", overrides: [try RecipeOverride(parsing: "seed.x=1")])
        } throws: { ($0 as? DataError)?.description.contains("seed is a single value, not a mapping") == true }
    }
}
