import DataIO
import Datasets
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct ZigzagGeneratorTests {
    struct Dataset {
        let train: [[Int]]   // id first
        let test: [[Int]]
        let labels: [[String]]
        let manifest: Manifest
    }

    func generate(_ name: String, seed: UInt64? = nil, overrides: [String] = []) throws -> Dataset {
        let recipe = try RecipeLoader.load(name, overrides: overrides.map { try RecipeOverride(parsing: $0) }, seed: seed)
        let out = temporaryFolder() + "/data"
        let manifest = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        func ints(_ file: String) throws -> [[Int]] { try readCSV(out + "/" + file).dropFirst().map { $0.map { Int($0)! } } }
        return Dataset(train: try ints("train.csv"), test: try ints("test.csv"),
                       labels: Array(try readCSV(out + "/labels.csv").dropFirst()), manifest: manifest)
    }

    @Test func paperCountsAreMetExactly() throws {
        let d = try generate("zigzag-paper")
        #expect(d.train.count == 9000)
        #expect(d.test.count == 2000)
        #expect(d.labels.count == 11_000)
        let test = d.manifest.counts["test"]!
        #expect(test.anomalies == 1000)
        #expect(test.byKind == ["random_ids": 500, "copy_train": 500])
        #expect(test.blocks == 20)
        #expect(d.manifest.counts["train"]!.anomalies == 0)
        #expect(d.labels.filter { $0[2] == "1" }.count == 1000)
        // ids run 0..10,999 in time order; the test split starts at 9,000.
        #expect(d.train.map { $0[0] } == Array(0..<9000))
        #expect(d.test.map { $0[0] } == Array(9000..<11_000))
        // Blocks of 100 within each split.
        #expect(d.labels[9000][4] == "0" && d.labels[9099][4] == "0" && d.labels[9100][4] == "1")
    }

    /// The default recipe is the paper's zigzag with a test window ten times longer: 200 blocks.
    @Test func defaultRecipeHasTwoHundredTestBlocks() throws {
        let d = try generate("zigzag")
        #expect(d.train.count == 9000 && d.test.count == 20_000)
        let test = d.manifest.counts["test"]!
        #expect(test.anomalies == 10_000 && test.byKind == ["random_ids": 5000, "copy_train": 5000])
        #expect(test.blocks == 200)
        #expect(d.test.map { $0[0] } == Array(9000..<29_000))
    }

    @Test func normalRowsAreTheZigzagWithAboutTenPercentNoise() throws {
        let d = try generate("zigzag-paper")
        let normalTest = zip(d.test, d.labels[9000...]).filter { $0.1[2] == "0" }.map(\.0)
        var ids = 0, noisy = 0, up = 0
        for row in d.train + normalTest {
            let t = row[0]  // with placement replace, the time step of a normal row is its id
            for (j, start) in [0, 10, 20].enumerated() {
                let clean = (start + t % 50) % 30
                let value = row[j + 1]
                ids += 1
                if value != clean {
                    noisy += 1
                    let diff = (value - clean + 30) % 30
                    #expect(diff == 1 || diff == 29, "row \(t) attribute \(j): \(value) vs clean \(clean)")
                    if diff == 1 { up += 1 }
                }
            }
        }
        #expect(ids == 30_000)
        // Binomial(30000, 0.1): sd = 52; allow 5 sd.
        #expect(abs(noisy - 3000) < 260, "noisy ids: \(noisy)")
        // +1 and -1 equally likely among the noisy ids: sd about 27.
        #expect(abs(2 * up - noisy) < 2 * 140, "up \(up) of \(noisy)")
    }

    @Test func anomaliesAreWhatTheirKindSays() throws {
        let d = try generate("zigzag-paper", seed: 11)
        let trainRows = Set(d.train.map { Array($0.dropFirst()) })
        var copies = 0
        for (row, label) in zip(d.test, d.labels[9000...]) where label[2] == "1" {
            let values = Array(row.dropFirst())
            #expect(values.allSatisfy { (0..<30).contains($0) })
            if label[3] == "copy_train" {
                #expect(trainRows.contains(values))
                copies += 1
            } else {
                #expect(label[3] == "random_ids")
            }
        }
        #expect(copies == 500)
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try generate("zigzag", seed: 5), b = try generate("zigzag", seed: 5), c = try generate("zigzag", seed: 6)
        #expect(a.manifest.files == b.manifest.files)
        #expect(a.manifest.files["test.csv"] != c.manifest.files["test.csv"])
        #expect(a.manifest.files["train.csv"] != c.manifest.files["train.csv"])
    }

    @Test func amadCodeVariantIsARandomWalkWithInsertedAnomalies() throws {
        let d = try generate("zigzag-amad-code")
        #expect(d.train.count == 9000 && d.test.count == 2000)
        #expect(d.manifest.counts["test"]!.byKind == ["random_ids": 1000])
        #expect(d.manifest.counts["test"]!.blocks == 100)
        var steps = 0, ups = 0
        for row in d.train {
            for j in 1..<3 {
                let diff = (row[j + 1] - row[j] + 10) % 10
                #expect(diff == 1 || diff == 9)
                steps += 1
                if diff == 1 { ups += 1 }
            }
        }
        // P(+1) = 0.2 over 18,000 steps: sd about 54.
        #expect(abs(ups - 3600) < 270, "ups \(ups) of \(steps)")
    }

    @Test func countsThatCannotBeMetAreErrors() {
        #expect {
            _ = try generate("zigzag", overrides: ["generator.rows.test=10"])
        } throws: { ($0 as? DataError)?.description.contains("generator.anomalies.count: cannot exceed rows.test (10), got 10000") == true }
    }

    /// Golden checksums (Fixtures/golden/*.json): any change to a generator's output for the same
    /// recipe and seed is a breaking change that must be deliberate (bump the generator version,
    /// regenerate the goldens, say so in the CHANGELOG).
    @Test(arguments: ["zigzag", "zigzag-paper", "zigzag-amad-code"])
    func goldenChecksums(name: String) throws {
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: fixture("golden/\(name).json")))) as! [String: Any]
        let d = try generate(name, seed: UInt64(golden["seed"] as! Int))
        let expected = golden["files"] as! [String: String]
        #expect(d.manifest.files.mapValues(\.sha256) == expected)
    }
}
