import DataIO
import Foundation
import Recipe
import Testing
@testable import Generators

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
        try text(train).write(toFile: folder + "/ECG5000_TRAIN.txt", atomically: true, encoding: .utf8)
        try text(test).write(toFile: folder + "/ECG5000_TEST.txt", atomically: true, encoding: .utf8)
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

    @Test func withoutTheFilesTheErrorSaysWhatToDo() throws {
        #expect {
            try DatasetGeneration.run(try RecipeLoader.load("ecg5000"), options: .init(destination: temporaryFolder() + "/e", quiet: true))
        } throws: { ($0 as? DataError)?.description.contains("pass their folder with --source DIR") == true }
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
