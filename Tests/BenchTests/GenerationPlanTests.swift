import DataIO
import Foundation
import Generators
import Recipe
import Testing
@testable import Bench

@Suite struct GenerationPlanTests {
    static func spec(_ folder: String, recipe: String = "behaviour-logs", size: [String] = ["generator.rows={train: 3000, test: 1200}", "generator.anomalies.count=500"],
                     shards: Int = 3, format: String = "csv") -> GenerationPlan.Spec {
        GenerationPlan.Spec(recipe: recipe, overrides: size, seed: 5, format: format, out: folder + "/whole",
                            parts: folder + "/parts", shards: shards)
    }

    static func folder() -> String {
        let path = NSTemporaryDirectory() + "toolkit-genplan-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: [("behaviour-logs", ["generator.rows={train: 3000, test: 1200}", "generator.anomalies.count=500"], "csv"),
                      ("solar-pv", ["generator.days={train: 40, test: 30}"], "csv.gz")])
    func shardsThenTheJoinGiveTheSingleRunsFiles(recipe: String, size: [String], format: String) throws {
        let folder = Self.folder()
        let spec = Self.spec(folder, recipe: recipe, size: size, format: format)
        let plan = try GenerationPlan.make(spec, planFile: "gen.jsonl", cwd: FileManager.default.currentDirectoryPath, build: "b")
        #expect(plan.tasks.map(\.kind) == [.shard, .shard, .shard, .join])
        #expect(plan.tasks.map(\.stage) == [0, 0, 0, 1])
        #expect(plan.tasks[3].needs == plan.tasks.prefix(3).map(\.id) && plan.tasks[3].outputs == [spec.out])
        #expect(plan.tasks[1].outputs == [folder + "/parts/shard-2-of-3"])
        let runner = TaskRunner(plan: plan, build: "b")
        let early = #expect(throws: DataError.self) { _ = try runner.run(index: 3, planPath: "p") }
        #expect(early?.code == .notReady && early?.description.contains("shard 1/3") == true)
        for index in [2, 0, 1, 3] {  // shards in any order, then the join
            #expect(try runner.run(index: index, planPath: "p").outcome == .ran)
        }
        for index in 0..<4 { #expect(try runner.run(index: index, planPath: "p").outcome == .skipped) }
        // The single run of the same recipe: every file the same bytes.
        let recipeValue = try RecipeLoader.load(recipe, overrides: try size.map { try RecipeOverride(parsing: $0) }, seed: 5)
        try DatasetGeneration.run(recipeValue, options: .init(destination: folder + "/single", format: .init(rawValue: format)!, quiet: true))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/single").sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: spec.out).sorted() == names)
        for name in names {
            #expect(FileManager.default.contents(atPath: spec.out + "/" + name) == FileManager.default.contents(atPath: folder + "/single/" + name), "\(name)")
        }
    }

    @Test func aChangedShardIsRegeneratedAndTheJoinRefusesAForeignFolder() throws {
        let folder = Self.folder()
        let spec = Self.spec(folder, shards: 2)
        let plan = try GenerationPlan.make(spec, planFile: "gen.jsonl", cwd: FileManager.default.currentDirectoryPath, build: "b")
        let runner = TaskRunner(plan: plan, build: "b")
        for index in 0..<2 { _ = try runner.run(index: index, planPath: "p") }
        let part = GenerationPlan.partFolder(spec, 1)
        let bytes = FileManager.default.contents(atPath: part + "/test.csv")
        try FileSystem.writeAtomically("id\n", to: part + "/test.csv")
        #expect(try runner.run(index: 1, planPath: "p").outcome == .ran)
        #expect(FileManager.default.contents(atPath: part + "/test.csv") == bytes)
        // Something else appeared at the output: the join does not replace it (no --force).
        try FileManager.default.createDirectory(atPath: spec.out, withIntermediateDirectories: true)
        let refused = #expect(throws: DataError.self) { _ = try runner.run(index: 2, planPath: "p") }
        #expect(refused?.code == .outputExists)
        #expect(FileManager.default.fileExists(atPath: spec.out) && !FileManager.default.fileExists(atPath: spec.out + "/manifest.json"))
    }

    @Test func unshardableRecipesAndExistingOutputsAreRefusedAtPlanTime() throws {
        let folder = Self.folder()
        let zigzag = GenerationPlan.Spec(recipe: "zigzag", overrides: [], seed: nil, format: "csv", out: folder + "/z", parts: folder + "/zp", shards: 2)
        #expect(throws: DataError.self) { _ = try GenerationPlan.make(zigzag, planFile: "p", cwd: "/", build: "b") }
        var existing = Self.spec(folder)
        try FileManager.default.createDirectory(atPath: existing.out, withIntermediateDirectories: true)
        let exists = #expect(throws: DataError.self) { _ = try GenerationPlan.make(existing, planFile: "p", cwd: "/", build: "b") }
        #expect(exists?.code == .outputExists)
        existing.force = true
        #expect(try GenerationPlan.make(existing, planFile: "p", cwd: "/", build: "b").tasks.count == 4)
        var badFormat = Self.spec(folder + "/x")
        badFormat.format = "parquet"
        #expect(throws: DataError.self) { _ = try GenerationPlan.make(badFormat, planFile: "p", cwd: "/", build: "b") }
    }
}
