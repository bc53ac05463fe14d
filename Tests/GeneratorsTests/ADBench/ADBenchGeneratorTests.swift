import DataIO
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct ADBenchGeneratorTests {
    static let sample = fixture("tables/adbench-sample.npz")

    @Test func npzIsReadAndSplitStratified() throws {
        let recipe = try RecipeLoader.load("adbench", overrides: [try RecipeOverride(parsing: "generator.source=\(Self.sample)"),
                                                                  try RecipeOverride(parsing: "output.scale=none")])
        let out = temporaryFolder() + "/a"
        let m = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        // 16 normal, 4 anomalies: ⌊0.3·16 + ½⌋ = 5 and ⌊0.3·4 + ½⌋ = 1 to test.
        #expect(m.counts["test"]!.rows == 6 && m.counts["test"]!.anomalies == 1)
        #expect(m.counts["train"]!.rows == 14 && m.counts["train"]!.anomalies == 3)
        let train = try readCSV(out + "/train.csv")
        #expect(train[0] == ["id", "x0", "x1", "x2"])
        // Row id i holds X[i] = (3i, 3i+1, 3i+2)/4.
        for row in train.dropFirst() {
            let i = Double(row[0])!
            #expect(Double(row[1]) == 3 * i / 4 && Double(row[3]) == (3 * i + 2) / 4)
        }
        let labels = try readCSV(out + "/labels.csv").dropFirst()
        #expect(Set(labels.filter { $0[2] == "1" }.map { $0[0] }) == ["3", "7", "11", "19"])
        // Same seed, same split; another seed, another split.
        let again = try DatasetGeneration.run(recipe, options: .init(destination: temporaryFolder() + "/b", quiet: true))
        #expect(again.files == m.files)
    }

    @Test func minMaxScalingUsesTrainingStatistics() throws {
        let recipe = try RecipeLoader.load("adbench", overrides: [try RecipeOverride(parsing: "generator.source=\(Self.sample)")])
        let out = temporaryFolder() + "/a"
        _ = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        let values = try readCSV(out + "/train.csv").dropFirst().map { Double($0[1])! }
        #expect(values.min() == 0 && values.max() == 1)
    }

    @Test func errors() throws {
        #expect {
            try DatasetGeneration.run(try RecipeLoader.load("adbench"), options: .init(destination: temporaryFolder() + "/e", quiet: true))
        } throws: { ($0 as? DataError)?.description.contains("--source FILE") == true }
        let notZip = temporaryFolder() + "/x.npz"
        try "not a zip".write(toFile: notZip, atomically: false, encoding: .utf8)
        let recipe = try RecipeLoader.load("adbench", overrides: [try RecipeOverride(parsing: "generator.source=\(notZip)")])
        #expect(throws: DataError.self) { try DatasetGeneration.run(recipe, options: .init(destination: temporaryFolder() + "/e", quiet: true)) }
        // X of shape (0, 3) (numpy.savez with np.zeros((0, 3)) and np.zeros(0)): it wrote a dataset without splits.
        let empty = try RecipeLoader.load("adbench", overrides: [try RecipeOverride(parsing: "generator.source=\(fixture("tables/adbench-empty.npz"))")])
        let folder = temporaryFolder() + "/e0"
        #expect {
            try DatasetGeneration.run(empty, options: .init(destination: folder, quiet: true))
        } throws: { ($0 as? DataError)?.description.contains("X has 0 rows: a dataset needs at least 2") == true }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
