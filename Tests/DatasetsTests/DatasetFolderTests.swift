import DataIO
import Foundation
import Testing
import TestSupport
@testable import Datasets
@testable import Recipe

@Suite struct DatasetFolderTests {
    static func folder() -> String {
        temporaryFolder(prefix: "toolkit-folder-")
    }

    /// The manifest the writer encodes decodes to the same manifest (and encodes again to the
    /// same bytes): one model, both ways.
    @Test func aManifestRoundTrips() throws {
        let folder = Self.folder()
        try writeManifest(to: folder, columns: [.numeric("x", minimum: -1, maximum: 2.5), .categorical("c", cardinality: 3, values: ["a", "b", "c"])],
                          rows: ["train": 10, "test": 5], blockSize: 5, evaluation: "{cutoffs: ['top:0.2'], blocks: true}")
        let text = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        let dataset = try DatasetFolder(folder)
        let manifest = try #require(dataset.manifest)
        #expect(try manifest.jsonText() == text)
        #expect(manifest.columns[1].values == ["a", "b", "c"] && manifest.columns[0].maximum == 2.5)
        #expect(dataset.rows(in: "test") == 5 && dataset.rows(in: "validation") == nil)
        #expect(dataset.blockSize == 5 && dataset.evaluation?.cutoffs == ["top:0.2"])
        #expect(dataset.summary.first { $0.key == "test rows" }?.value == "5 (0 anomalies)")
    }

    @Test func everyBundledRecipeRoundTripsThroughAManifest() throws {
        for entry in RecipeCatalog.entries {
            let recipe = try RecipeLoader.load(entry.name)
            let manifest = Manifest(recipeName: recipe.name, recipe: recipe, seed: recipe.seed,
                                    generator: .init(kind: "k", version: 1, description: "d"), random: .init(algorithm: "a", streams: ["s"]),
                                    source: "synthetic", format: "csv", columns: [], counts: [:], anomalyKinds: ["x": .object(["p": .double(0.5), "n": .int(3)])],
                                    files: ["train.csv": .init(sha256: "00", bytes: 1)])
            let text = try manifest.jsonText()
            let decoded = try Manifest.decode(Data(text.utf8), file: "manifest.json")
            #expect(try decoded.jsonText() == text, "\(entry.name)")
        }
    }

    @Test func aBadManifestNamesTheKey() throws {
        let folder = Self.folder()
        try writeManifest(to: folder, columns: [.numeric("x")], rows: ["train": 3])
        let path = folder + "/manifest.json"
        let good = try String(contentsOfFile: path, encoding: .utf8)
        func error(_ text: String) -> DataError? {
            try? text.write(toFile: path, atomically: false, encoding: .utf8)
            return #expect(throws: DataError.self) { try DatasetFolder(folder) }
        }
        #expect(error(good.replacingOccurrences(of: "\"rows\" : 3", with: "\"rows\" : \"3\""))?.description
                == "\(path): counts.train.rows: expected a whole number")
        // Counts out of range (which once trapped readers and joins further on).
        #expect(error(good.replacingOccurrences(of: "\"rows\" : 3", with: "\"rows\" : -3"))?.description
                == "\(path): counts.train.rows: expected a count from 0 to 9007199254740991, got -3")
        #expect(error(good.replacingOccurrences(of: "\"rows\" : 3", with: "\"rows\" : 9223372036854775807"))?.description
                == "\(path): counts.train.rows: expected a count from 0 to 9007199254740991, got 9223372036854775807")
        #expect(error(good.replacingOccurrences(of: "\"type\" : \"numeric\"", with: "\"type\" : \"multi\""))?.description
                == "\(path): columns[0].type: 'multi' is not a column type; expected categorical, multi_categorical, numeric or indicator")
        #expect(error(good.replacingOccurrences(of: "\"columns\"", with: "\"kolumns\""))?.description
                == "\(path): no 'columns' key; expected a manifest written by `toolkit generate`")
        #expect(error(good.replacingOccurrences(of: "\"kind\" : \"zigzag\"", with: "\"kind\" : \"zigzag\", \"bogus\" : 1"))?.message
                .hasPrefix("the resolved recipe: generator.bogus: unknown key") == true)
        // A count with a fraction parses as JSON: Foundation names no key, but it is not "not
        // valid JSON" either (it once was).
        #expect(error(good.replacingOccurrences(of: "\"rows\" : 3", with: "\"rows\" : 1.5"))?.description
                == "\(path): a number does not fit its key: a count or size written with a fraction (such as 1.5) or out of range; expected a manifest written by `toolkit generate`")
        #expect(error("[1, 2")?.description == "\(path): not valid JSON")
    }

    @Test func aFolderWithoutAManifestHasLabelsButNoSchema() throws {
        let folder = Self.folder()
        try "id,label\n1,0\n".write(toFile: folder + "/labels.csv", atomically: false, encoding: .utf8)
        let dataset = try DatasetFolder(folder)
        #expect(dataset.manifest == nil && dataset.labelFile() == folder + "/labels.csv" && dataset.summary.isEmpty)
        #expect(throws: DataError.self) { try dataset.columns() }
        #expect(throws: DataError.self) { try DatasetFolder(folder + "/nope") }
    }

    @Test func verifyComparesSizeAndChecksum() throws {
        let folder = Self.folder()
        let text = "id,x\n1,2\n"
        try text.write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
        let recipe = try RecipeLoader.parse(yaml: "version: 1\ngenerator: {kind: zigzag}", source: "t")
        let manifest = Manifest(recipeName: "t", recipe: recipe, seed: 1, generator: .init(kind: "zigzag", version: 1, description: ""),
                                random: .init(algorithm: "a", streams: []), source: "file", format: "csv", columns: [.numeric("x")],
                                counts: [:], anomalyKinds: [:],
                                files: ["train.csv": .init(sha256: try FileSystem.sha256(of: folder + "/train.csv"), bytes: text.utf8.count)])
        try manifest.jsonText().write(toFile: folder + "/manifest.json", atomically: false, encoding: .utf8)
        let dataset = try DatasetFolder(folder)
        try dataset.verify(folder + "/train.csv")
        try "id,x\n1,3\n".write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
        #expect(throws: DataError.self) { try dataset.verify(folder + "/train.csv") }
    }
}
