import DataIO
import Datasets
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct ECGSyntheticGeneratorTests {
    /// A small run (20 TRAIN, 50 TEST beats) unless overridden.
    static let small = ["generator.beats={train: 20, test: 50}"]

    static func generate(_ recipe: String = "ecg-synthetic", seed: UInt64? = nil, overrides: [String] = small) throws -> (folder: String, manifest: Manifest) {
        let loaded = try RecipeLoader.load(recipe, overrides: overrides.map { try RecipeOverride(parsing: $0) }, seed: seed)
        let out = temporaryFolder() + "/ecg"
        return (out, try DatasetGeneration.run(loaded, options: .init(destination: out, quiet: true)))
    }

    static let standard = try! generate()

    @Test func classCountsAreApportionedExactly() throws {
        let full = ECGSyntheticGenerator(spec: .ecg5000)
        #expect(full.classCounts(500) == [292, 177, 10, 19, 2])
        #expect(full.classCounts(4500) == [2627, 1590, 86, 175, 22])
        #expect(zip(full.classCounts(500), full.classCounts(4500)).map(+) == [2919, 1767, 96, 194, 24])
        #expect(full.totalRows == 292 + 4500)
        // 50 × (2919, 1767, 96, 194, 24) / 5000 = 29.19, 17.67, 0.96, 1.94, 0.24 → 29, 18, 1, 2, 0;
        // 20 × ... = 11.68, 7.07, 0.38, 0.78, 0.10 → 12, 7, 0, 1, 0.
        let m = Self.standard.manifest
        #expect(m.counts["train"]!.rows == 12 && m.counts["train"]!.anomalies == 0)
        #expect(m.counts["test"]!.rows == 50 && m.counts["test"]!.anomalies == 21)
        #expect(m.counts["test"]!.byKind == ["class:2": 18, "class:3": 1, "class:4": 2])
        #expect(m.source == "synthetic" && m.generator.kind == "ecg_synthetic")
    }

    @Test func idsAreTrainPositionsThenTestPositions() throws {
        let folder = Self.standard.folder
        let train = try readCSV(folder + "/train.csv"), test = try readCSV(folder + "/test.csv")
        #expect(train[0] == ["id"] + (0..<140).map { "t\($0)" })
        let trainIds = train.dropFirst().map { Int($0[0])! }
        #expect(trainIds.count == 12 && trainIds == trainIds.sorted() && trainIds.allSatisfy { (0..<20).contains($0) })
        #expect(test.dropFirst().map { Int($0[0])! } == Array(20..<70))
        let labels = try readCSV(folder + "/labels.csv").dropFirst()
        #expect(labels.map { Int($0[0])! } == trainIds + Array(20..<70))
        for row in labels where row[2] == "1" { #expect(["class:2", "class:3", "class:4"].contains(row[3])) }
        for row in train.dropFirst() + test.dropFirst() {
            let x = row.dropFirst().map { Double($0)! }
            #expect(x.count == 140)
            let mean = x.reduce(0, +) / 140
            let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 140).squareRoot()
            #expect(abs(mean) < 1e-5 && abs(sd - 1) < 1e-5)
        }
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try Self.generate(seed: 4), b = try Self.generate(seed: 4), c = try Self.generate(seed: 5)
        #expect(a.manifest.files == b.manifest.files)
        #expect(a.manifest.files["test.csv"] != c.manifest.files["test.csv"])
    }

    @Test func classWeightsAndNormalClassesAreParameters() throws {
        let d = try Self.generate(overrides: ["generator.beats={train: 10, test: 40}", "generator.class_weights=[1, 1, 0, 1, 0]",
                                              "generator.normal_classes=[1, 4]"])
        // 40 / 3 each: 14, 13, 13 (largest remainder, ties to the earlier class); class 4 normal.
        #expect(d.manifest.counts["test"]!.byKind == ["class:2": 13])
        #expect(d.manifest.counts["train"]!.rows == 4 + 3)
    }

    /// Golden checksums (Fixtures/golden/ecg-synthetic.json, made with its `overrides`): a change
    /// of output for the same recipe and seed is a breaking change (bump the generator version,
    /// regenerate the golden, say so in the CHANGELOG).
    @Test func goldenChecksums() throws {
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: fixture("golden/ecg-synthetic.json")))) as! [String: Any]
        let d = try Self.generate(seed: UInt64(golden["seed"] as! Int), overrides: golden["overrides"] as! [String])
        #expect(d.manifest.files.mapValues(\.sha256) == golden["files"] as! [String: String])
    }
}
