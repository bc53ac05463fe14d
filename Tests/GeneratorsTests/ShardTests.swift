import DataIO
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

/// `--shard i/n`: the shards' rows, concatenated, are exactly the whole run's.
@Suite struct ShardTests {
    static func lines(_ path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    }

    @Test(arguments: [("behaviour-logs", 3, ["generator.rows={train: 3000, test: 1200}", "generator.anomalies.count=500"]),
                      ("solar-pv", 4, ["generator.days={train: 40, test: 30}"])])
    func concatenatedShardsEqualTheWhole(name: String, count: Int, size: [String]) throws {
        let recipe = try RecipeLoader.load(name, overrides: try size.map { try RecipeOverride(parsing: $0) })
        let whole = temporaryFolder() + "/whole"
        try DatasetGeneration.run(recipe, options: .init(destination: whole, quiet: true))
        var parts: [String] = []
        for i in 0..<count {
            let folder = temporaryFolder() + "/shard\(i)"
            let m = try DatasetGeneration.run(recipe, options: .init(destination: folder, quiet: true, shard: (i, count)))
            #expect(m.shard?.index == i && m.shard?.count == count)
            parts.append(folder)
        }
        var files = ["labels.csv", "train.csv", "test.csv"]
        if name == "solar-pv" { files += ["episodes.csv", "windows.csv"] }
        for file in files {
            let expected = try Self.lines(whole + "/" + file)
            var joined: [Substring] = []
            for part in parts {
                let path = part + "/" + file
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let l = try Self.lines(path)
                #expect(l.first == expected.first)
                joined += joined.isEmpty ? l : Array(l.dropFirst())
            }
            #expect(joined == expected, "\(file) differs")
        }
    }

    @Test func shardsOfGeneratorsThatCannotAreRefused() throws {
        let recipe = try RecipeLoader.load("zigzag")
        #expect {
            try DatasetGeneration.run(recipe, options: .init(destination: temporaryFolder() + "/z", quiet: true, shard: (0, 2)))
        } throws: { ($0 as? DataError)?.description.contains("the zigzag generator cannot write shards") == true }
        #expect(throws: DataError.self) { try DatasetGeneration.parseShard("0/2") }
        let parsed = try DatasetGeneration.parseShard("2/8")
        #expect(parsed.index == 1 && parsed.count == 8)
    }
}
