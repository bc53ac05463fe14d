import DataIO
import Datasets
import Foundation
import Generators
import Recipe

/// A large generation cut into units of work (`toolkit generate RECIPE --shards N --plan FILE`):
/// stage 0 writes shard i of N (`generate --shard i/N`) into its own folder under `parts`, stage 1
/// joins them (`join-shards`) into `out`, the folder one `generate` run writes, byte for byte.
/// Units run through `toolkit run-task` like a bench plan's (see ``TaskPlan``), with the same
/// guarantees: a unit whose outputs verify is skipped, outputs appear atomically.
public enum GenerationPlan {
    /// What a generation plan's units need: the recipe as `generate` was given it.
    public struct Spec: Codable, Sendable, Equatable {
        /// The recipe reference (a bundled name or a file, from the plan's folder).
        public var recipe: String
        /// The `--set` overrides, including what `--encode`, `--scale` and `--source` set.
        public var overrides: [String]
        public var seed: UInt64?
        /// The file format (`csv`, `csv.gz`, `npy`, `amad`).
        public var format: String
        /// The joined dataset's folder.
        public var out: String
        /// The folder holding one sub-folder per shard.
        public var parts: String
        public var shards: Int
        /// Whether the join may replace an existing `out` (`generate --force`).
        public var force: Bool

        public init(recipe: String, overrides: [String], seed: UInt64?, format: String, out: String, parts: String, shards: Int,
                    force: Bool = false) {
            self.recipe = recipe
            self.overrides = overrides
            self.seed = seed
            self.format = format
            self.out = out
            self.parts = parts
            self.shards = shards
            self.force = force
        }

        enum CodingKeys: String, CodingKey {
            case recipe, overrides = "set", seed, format, out, parts, shards, force
        }
    }

    /// Shard `index`'s folder (0-based index; named 1-based, as `--shard i/n`).
    public static func partFolder(_ spec: Spec, _ index: Int) -> String {
        spec.parts + "/shard-\(index + 1)-of-\(spec.shards)"
    }

    static func load(_ spec: Spec) throws -> Recipe {
        try RecipeLoader.load(spec.recipe, overrides: try spec.overrides.map { try RecipeOverride(parsing: $0) }, seed: spec.seed)
    }

    static func format(_ spec: Spec) throws -> DatasetFormat {
        guard let format = DatasetFormat(rawValue: spec.format) else {
            throw DataError(.badPlan, "format '\(spec.format)': expected one of \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }

    /// The plan: `spec.shards` shard units, then the join. Checks the recipe, that its
    /// generator can write shards, and the format, before anything is written.
    public static func make(_ spec: Spec, planFile: String, cwd: String, build: String) throws -> TaskPlan {
        guard spec.shards >= 1 else { throw DataError(.usage, "--shards must be at least 1, got \(spec.shards)") }
        if FileSystem.exists(spec.out) && !spec.force {
            throw DataError(.outputExists, file: spec.out, "the output folder already exists (use --force to let the join replace it)")
        }
        let recipe = try load(spec)
        _ = try format(spec)
        let generator = try GeneratorRegistry.generator(for: recipe.generator, context: GenerationContext(seed: recipe.seed))
        guard generator is any ShardableGenerator else {
            throw DataError(.usage, "--shards: the \(recipe.generator.kind) generator cannot write shards (\(GeneratorRegistry.shardableKinds.joined(separator: " and ")) can)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let key = Workspace.digest(String(decoding: try encoder.encode(recipe), as: UTF8.self) + " " + spec.format)
        let name = "\(recipe.name)-\(key)"
        var tasks: [PlanTask] = []
        func add(_ kind: PlanTask.Kind, id: String, shard: Int?, needs: [String], inputs: [String], outputs: [String]) {
            let index = tasks.count
            tasks.append(PlanTask(index: index, id: id, kind: kind, stage: kind.stage, needs: needs, cpus: 1, cwd: cwd,
                                  command: ["toolkit", "run-task", planFile, "--index", String(index)],
                                  inputs: inputs, outputs: outputs, build: build, machine: nil,
                                  recipe: nil, detector: nil, seed: shard.map(UInt64.init), generate: spec))
        }
        for i in 0..<spec.shards {
            add(.shard, id: "shard/\(name)/\(i + 1)-of-\(spec.shards)", shard: i, needs: [], inputs: [], outputs: [partFolder(spec, i)])
        }
        add(.join, id: "join/\(name)", shard: nil, needs: tasks.map(\.id), inputs: tasks.flatMap(\.outputs), outputs: [spec.out])
        return TaskPlan(tasks: tasks)
    }

    /// Runs a shard or join unit; returns whether it wrote anything (false: already done).
    static func run(_ task: PlanTask, spec: Spec, quiet: Bool, log: (String) -> Void) throws -> Bool {
        let format = try format(spec)
        switch task.kind {
        case .shard:
            guard let shard = task.seed.map(Int.init), shard >= 0, shard < spec.shards else {
                throw DataError(.badPlan, "task \(task.index) (\(task.id)) names no shard of \(spec.shards)")
            }
            let part = partFolder(spec, shard)
            if isShard(part, index: shard, of: spec.shards) { return false }
            try FileManager.default.createDirectory(atPath: spec.parts, withIntermediateDirectories: true)
            log("generating shard \(shard + 1)/\(spec.shards) into \(part)")
            do {
                try DatasetGeneration.run(try load(spec), options: .init(destination: part, force: FileSystem.exists(part), format: format,
                                                                        quiet: quiet, shard: (shard, spec.shards)))
            } catch let error as DataError where error.code == .outputExists && isShard(part, index: shard, of: spec.shards) {
                return false  // another process wrote the same shard first
            }
            return true
        case .join:
            let parts = (0..<spec.shards).map { partFolder(spec, $0) }
            if Workspace.datasetVerifies(spec.out), sameRecipe(spec.out, parts[0]), manifest(spec.out)?["shard"] == nil { return false }
            for (i, part) in parts.enumerated() where !isShard(part, index: i, of: spec.shards) {
                throw DataError(.notReady, file: part,
                                "shard \(i + 1)/\(spec.shards) is not there yet (or does not verify): run task \(i) first")
            }
            if FileSystem.exists(spec.out) && !spec.force {
                throw DataError(.outputExists, file: spec.out, "the output folder exists and is not this plan's joined dataset (plan with --force to let the join replace it)")
            }
            log("joining \(spec.shards) shards into \(spec.out)")
            _ = try ShardJoin.run(parts: parts, options: .init(destination: spec.out, force: spec.force, quiet: quiet))
            return true
        default:
            throw DataError(.badPlan, "task \(task.index) (\(task.id)) is not a generation unit")
        }
    }

    static func manifest(_ folder: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json") else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// Whether `folder` is shard `index` of `count` and its files verify.
    static func isShard(_ folder: String, index: Int, of count: Int) -> Bool {
        guard Workspace.datasetVerifies(folder), let shard = manifest(folder)?["shard"] as? [String: Any] else { return false }
        return shard["index"] as? Int == index && shard["count"] as? Int == count
    }

    /// Whether two dataset folders come from the same resolved recipe.
    static func sameRecipe(_ a: String, _ b: String) -> Bool {
        guard let x = manifest(a)?["recipe"], let y = manifest(b)?["recipe"],
              let first = try? JSONSerialization.data(withJSONObject: x, options: [.sortedKeys]),
              let second = try? JSONSerialization.data(withJSONObject: y, options: [.sortedKeys]) else { return false }
        return first == second
    }
}
