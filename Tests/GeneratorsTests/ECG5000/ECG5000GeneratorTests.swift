import DataIO
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct ECG5000GeneratorTests {
    /// A folder with UCR-format files: `classes` per line, 140 values each.
    static func ucrFolder(train: [Int], test: [Int], separator: String = "  ") throws -> String {
        let folder = temporaryFolder()
        func text(_ classes: [Int]) -> String {
            classes.enumerated().map { i, c in
                ([String(format: "%.7e", Double(c))] + (0..<140).map { String(format: "%.7e", Double(i) + Double($0) / 100) })
                    .joined(separator: separator)
            }.joined(separator: "\n") + "\n"
        }
        try text(train).write(toFile: folder + "/ECG5000_TRAIN.txt", atomically: false, encoding: .utf8)
        try text(test).write(toFile: folder + "/ECG5000_TEST.txt", atomically: false, encoding: .utf8)
        return folder
    }

    @Test func classOneIsNormalAndTheUCRSplitIsKept() throws {
        let folder = try Self.ucrFolder(train: [1, 2, 1, 5], test: [1, 3, 4, 1, 2], separator: ",")
        let recipe = try RecipeLoader.load("ecg5000", overrides: [try RecipeOverride(parsing: "generator.source=\(folder)")])
        let out = temporaryFolder() + "/ecg"
        let m = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        #expect(m.counts["train"]!.rows == 2 && m.counts["train"]!.anomalies == 0)
        #expect(m.counts["test"]!.rows == 5 && m.counts["test"]!.byKind == ["class:3": 1, "class:4": 1, "class:2": 1])
        let train = try readCSV(out + "/train.csv")
        #expect(train[0].count == 141 && train[0][1] == "t0")
        #expect(train.dropFirst().map { $0[0] } == ["0", "2"])
        let labels = try readCSV(out + "/labels.csv").dropFirst()
        #expect(labels.map { $0[0] } == ["0", "2", "4", "5", "6", "7", "8"])
    }

    /// Without a source, the ecg-synthetic look-alike at the UCR split's sizes, marked as such;
    /// a source that is not there is still an error.
    @Test func withoutASourceTheLookalikeWithAWrongSourceAnError() throws {
        let recipe = try RecipeLoader.load("ecg5000")
        let lookalike = try ECG5000Generator(spec: .init(source: nil, normalClasses: [1, 4]))
        #expect(lookalike.source == "synthetic-lookalike" && lookalike.sourceFile == nil)
        #expect(lookalike.info.kind == "ecg5000" && lookalike.info.description.hasPrefix("look-alike"))
        #expect(lookalike.lookalike?.spec.beats == .init(train: 500, test: 4500))
        #expect(lookalike.lookalike?.spec.classWeights == [2919, 1767, 96, 194, 24])
        #expect(lookalike.lookalike?.spec.normalClasses == [1, 4])
        #expect(lookalike.totalRows == 292 + 19 + 4500)
        // The whole look-alike: the same bytes as ecg-synthetic at its defaults, marked in the manifest.
        let out = temporaryFolder() + "/e"
        let m = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        #expect(m.source == "synthetic-lookalike" && m.sourceFile == nil)
        #expect(m.counts["train"]!.rows == 292)
        #expect(m.counts["test"]!.byKind == ["class:2": 1590, "class:3": 86, "class:4": 175, "class:5": 22])
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: fixture("golden/ecg-synthetic.json")))) as! [String: Any]
        #expect(m.files.mapValues(\.sha256).filter { $0.key != "manifest.json" } == golden["defaults"] as! [String: String])

        let empty = temporaryFolder()
        #expect {
            try ECG5000Generator(spec: .init(source: empty, normalClasses: [1]))
        } throws: { ($0 as? DataError)?.description.contains("no ECG5000_TRAIN") == true }
        // Issue 19: a missing --source said "no ECG5000_TRAIN ... in /".
        #expect {
            try ECG5000Generator(spec: .init(source: "/nonexistent-ucr", normalClasses: [1]))
        } throws: { ($0 as? DataError)?.description == "/nonexistent-ucr: no such file or folder; --source is the folder holding ECG5000_TRAIN and ECG5000_TEST (or one of the two files)" }
    }
}
