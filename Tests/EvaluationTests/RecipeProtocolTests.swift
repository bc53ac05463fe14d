import Evaluation
import Foundation
import Recipe
import Testing

@Suite struct RecipeProtocolTests {
    static let blocks = RecipeProtocol(recipe: "zz", spec: EvaluationSpec(cutoffs: ["youden", "top:0.2"], blocks: true))
    static let series = RecipeProtocol(recipe: "pv", spec: EvaluationSpec(cutoffs: ["youden"], series: .init(window: 24, values: "power")))

    @Test func withoutAProtocolOnlyTheOverridesApply() throws {
        var options = EvaluationOptions()
        #expect(try options.apply(nil, overrides: .init()) == nil)
        #expect(options.cutoffs == CutoffSpec.defaults && options.blocks == nil && options.series == nil)

        let overrides = RecipeProtocol.Overrides(cutoffs: [try CutoffSpec(parsing: "best-f1")], blocks: .size(10), seriesNeeded: true,
                                                 window: .fixed(7))
        #expect(try options.apply(nil, overrides: overrides) == nil)
        #expect(options.cutoffs.map(\.text) == ["best-f1"] && options.blocks == .size(10))
        #expect(options.series?.window == .fixed(7) && options.series?.valuesColumn == nil)
    }

    @Test func theProtocolFillsInWhatIsLeftOpenAndSaysSo() throws {
        var options = EvaluationOptions()
        let note = try options.apply(Self.blocks, overrides: .init())
        #expect(note == "recipe zz's protocol: --cutoff youden --cutoff top:0.2 --block-size dataset")
        #expect(options.cutoffs.map(\.text) == ["youden", "top:0.2"] && options.blocks == .labelColumn && options.series == nil)

        var fixed = EvaluationOptions()
        let given = RecipeProtocol.Overrides(cutoffs: [try CutoffSpec(parsing: "best-f1")], blocks: .size(5))
        #expect(try fixed.apply(Self.blocks, overrides: given) == nil)
        #expect(fixed.cutoffs.map(\.text) == ["best-f1"] && fixed.blocks == .size(5))

        var windows = EvaluationOptions()
        #expect(try windows.apply(Self.blocks, overrides: .init(windowLabels: true)) == "recipe zz's protocol: --cutoff youden --cutoff top:0.2")
        #expect(windows.blocks == nil)
    }

    @Test func aDeclaredSeriesAppliesUnlessTheCallerDecides() throws {
        var options = EvaluationOptions()
        #expect(try options.apply(Self.series, overrides: .init()) == "recipe pv's protocol: --cutoff youden --series --window 24")
        #expect(options.series?.window == .fixed(24) && options.series?.valuesColumn == "power")

        var window = EvaluationOptions()
        #expect(try window.apply(Self.series, overrides: .init(window: .automatic)) == "recipe pv's protocol: --cutoff youden --series")
        #expect(window.series?.window == .automatic)

        var needed = EvaluationOptions()
        _ = try needed.apply(Self.series, overrides: .init(seriesNeeded: true))
        #expect(needed.series?.window == .fixed(24))

        // --series: a plain series, only the values column from the protocol.
        var on = EvaluationOptions()
        #expect(try on.apply(Self.series, overrides: .init(series: true)) == "recipe pv's protocol: --cutoff youden")
        #expect(on.series?.window == .automatic && on.series?.valuesColumn == "power")

        var off = EvaluationOptions()
        _ = try off.apply(Self.series, overrides: .init(series: false))
        #expect(off.series == nil)

        var auto = EvaluationOptions()
        let automatic = RecipeProtocol(recipe: "pv", spec: EvaluationSpec(cutoffs: ["youden"], series: .init()))
        #expect(try auto.apply(automatic, overrides: .init()) == "recipe pv's protocol: --cutoff youden --series --window auto")
        #expect(auto.series?.window == .automatic)
    }

    @Test func aBadCutoffInTheProtocolIsAnErrorUnlessOverridden() throws {
        var options = EvaluationOptions()
        let bad = RecipeProtocol(recipe: "x", spec: EvaluationSpec(cutoffs: ["sideways"]))
        #expect(throws: (any Error).self) { try options.apply(bad, overrides: .init()) }
        try options.apply(bad, overrides: .init(cutoffs: []))
        #expect(options.cutoffs.isEmpty)
    }

    @Test func theDeclaredProtocolIsReadFromTheManifest() throws {
        let folder = temporaryFolder()
        #expect(RecipeProtocol.declared(in: folder) == nil)
        try writeManifest(to: folder, columns: [.numeric("power")],
                          evaluation: "{cutoffs: [youden], blocks: false, series: {window: 24, values: power}}", recipeName: "pv")
        #expect(RecipeProtocol.declared(in: folder) == Self.series)
    }
}
