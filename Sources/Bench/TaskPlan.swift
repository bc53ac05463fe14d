import DataIO
import Detectors
import Foundation

/// A bench grid (or a sharded generation, ``GenerationPlan``) cut into independent units of work for an engine that is not this program
/// (Ray, Slurm job arrays, Kubernetes Indexed Jobs, GNU parallel): `toolkit bench ... --plan
/// FILE` writes one JSON line per unit and `toolkit run-task FILE --index I` runs unit I.
///
/// The units, in the file's order (the line number is the index):
/// - stage 0, `dataset`: generate one recipe's dataset;
/// - stage 1, `detect`: one detector run (detector × seed) on one dataset; needs its dataset;
/// - stage 2, `collect`: the leaderboards from every run (`bench --collect`); needs them all.
///
/// Each line carries a deterministic `id` (the same grid, build and folder always give the same
/// ids), the exact `command` that runs it (from `cwd`), its `inputs` and `outputs`, what it
/// `needs`, its `stage`, and the whole bench (`bench`) so that a unit can be run on any machine
/// that sees the work folder. Units are idempotent: a unit whose outputs exist and verify
/// (datasets against their manifest's SHA-256, score files against their `.sha256`) is skipped,
/// and every output is written atomically, so a retried or duplicated task is harmless.
///
/// Two facts bind a plan: the toolkit build that made it (the cache folder is named by it, and
/// another build could compute other scores), and, when the grid holds a machine-dependent
/// detector (see `Reproducibility`), the BLAS kernel set and thread count (`machine`): such
/// a unit refuses to run elsewhere rather than mix results of two kernel sets.
public struct TaskPlan: Sendable, Equatable {
    public var tasks: [PlanTask]
    /// The file line of each task, when read (blank lines are skipped, so a task's line is not
    /// always its index + 1); empty for a plan made in memory.
    public var lines: [Int] = []

    public init(tasks: [PlanTask]) {
        self.tasks = tasks
    }

    /// The file line of task `index` (index + 1 for a plan made in memory).
    public func line(of index: Int) -> Int { lines.indices.contains(index) ? lines[index] : index + 1 }

    /// Two plans are equal when their tasks are, wherever their lines were.
    public static func == (a: TaskPlan, b: TaskPlan) -> Bool { a.tasks == b.tasks }

    /// What a plan needs to rebuild the bench it came from.
    public struct BenchSpec: Codable, Sendable, Equatable {
        public var recipes: [String]
        public var overrides: [String]
        public var detectors: [String]
        /// `--param` values given to every detector (nil: none; absent from the JSON then).
        public var parameters: [String]?
        public var runs: Int?
        public var seed: UInt64
        public var out: String
        /// The bench command line the leaderboards show (the plan's own, without `--plan`).
        public var commandLine: String
        /// The planning machine's facts, shown in the leaderboards.
        public var machineSummary: String
        /// The kernel set and thread count machine-dependent units are bound to (nil: none
        /// of the grid's detectors is machine-dependent).
        public var machine: String?

        enum CodingKeys: String, CodingKey {
            case recipes, overrides = "set", detectors, parameters = "params", runs, seed, out
            case commandLine = "command_line", machineSummary = "machine_summary", machine
        }
    }

    /// The units of `runner`'s grid. `planFile` is how the plan's file is named from `cwd`
    /// (it appears in each unit's command).
    public static func make(_ runner: BenchRunner, planFile: String, cwd: String, commandLine: String) throws -> TaskPlan {
        let names = try runner.checkedDetectorNames()
        let workspace = runner.workspace
        let resolved = try runner.recipes.map { try workspace.resolve($0, overrides: runner.overrides) }
        try runner.checkOutputs(resolved)
        let machineDependent = try names.contains { try DetectorRegistry.info(named: $0).reproducibility == .machineDependent }
        let bench = BenchSpec(recipes: runner.recipes, overrides: runner.overrides, detectors: names,
                              parameters: runner.parameters.isEmpty ? nil : runner.parameters, runs: runner.runs,
                              seed: runner.seed, out: runner.out, commandLine: commandLine,
                              machineSummary: runner.machineSummary ?? MachineFacts.current().summary,
                              machine: machineDependent ? MachineFacts.resultTag : nil)
        var tasks: [PlanTask] = []
        func add(_ kind: PlanTask.Kind, id: String, recipe: Int?, detector: String?, seed: UInt64?,
                 needs: [String], inputs: [String], outputs: [String], bound: Bool, work: WorkGrowth? = nil) {
            let index = tasks.count
            tasks.append(PlanTask(index: index, id: id, kind: kind, stage: kind.stage, needs: needs, cpus: 1, cwd: cwd,
                                  command: ["toolkit", "run-task", planFile, "--index", String(index)],
                                  inputs: inputs, outputs: outputs, build: runner.build, machine: bound ? bench.machine : nil,
                                  recipe: recipe, detector: detector, seed: seed, work: work, bench: bench))
        }
        for (r, recipe) in resolved.enumerated() {
            let folder = workspace.datasetFolder(recipe)
            add(.dataset, id: "dataset/\(recipe.name)-\(recipe.key)", recipe: r, detector: nil, seed: nil, needs: [],
                inputs: [], outputs: [folder], bound: false)
        }
        var cells: [String] = []
        var scoreFiles: [String] = []
        for (r, recipe) in resolved.enumerated() {
            let folder = workspace.datasetFolder(recipe)
            let runCount = runner.runs ?? recipe.recipe.evaluation.runs
            for detector in names {
                let info = try DetectorRegistry.info(named: detector)
                let bound = info.reproducibility == .machineDependent
                for run in 0..<runCount {
                    let seed = runner.seed + UInt64(run)
                    let file = try workspace.scoresPath(recipe, detector: detector, parameters: runner.parameters, seed: seed, machine: bench.machine)
                    let id = "detect/\(recipe.name)-\(recipe.key)/\(detector)/seed\(seed)"
                    add(.detect, id: id, recipe: r, detector: detector, seed: seed,
                        needs: ["dataset/\(recipe.name)-\(recipe.key)"], inputs: [folder], outputs: [file, file + ".sha256"],
                        bound: bound, work: info.work)
                    cells.append(id)
                    scoreFiles.append(file)
                }
            }
        }
        var leaderboards = resolved.map { runner.out + "/" + $0.name + "/leaderboard.md" }
        if resolved.count >= 2 { leaderboards.append(runner.out + "/summary.md") }
        add(.collect, id: "collect/" + Workspace.digest(tasks.map(\.id).joined(separator: "\n")), recipe: nil, detector: nil,
            seed: nil, needs: cells, inputs: scoreFiles, outputs: leaderboards, bound: machineDependent)
        return TaskPlan(tasks: tasks)
    }

    /// The plan as JSON Lines: one unit per line, keys sorted, no spaces (so that `grep -c
    /// '"kind":"detect"'` counts units), `/` unescaped.
    public func jsonLines() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try tasks.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    /// Reads a plan written by ``jsonLines()``; errors name the file and line.
    public static func read(_ path: String) throws -> TaskPlan {
        guard FileSystem.isRegularFile(path) else {
            throw DataError(.usage, file: path, FileSystem.exists(path) ? "the plan is not a regular file" : "no such plan file (made by toolkit bench ... --plan FILE)")
        }
        let text = try FileSystem.readText(path)
        let decoder = JSONDecoder()
        var tasks: [PlanTask] = [], lines: [Int] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let task: PlanTask
            do {
                task = try decoder.decode(PlanTask.self, from: Data(line.utf8))
            } catch {
                let json = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil
                throw DataError(.badPlan, file: path, line: number + 1, "not a task of a plan made by toolkit bench --plan (\(json ? Self.describe(error) : "not JSON"))")
            }
            guard task.index == tasks.count else {
                throw DataError(.badPlan, file: path, line: number + 1, "the task's index is \(task.index) where its place says \(tasks.count): the plan was edited")
            }
            tasks.append(task)
            lines.append(number + 1)
        }
        guard let last = tasks.last else { throw DataError(.badPlan, file: path, "the plan has no tasks") }
        // One plan, one bench: every unit carries the same (each unit is checked against it when it runs).
        if let other = tasks.first(where: { $0.bench != tasks[0].bench }) {
            throw DataError(.badPlan, file: path, line: lines[other.index],
                            "task \(other.index) (\(other.id)) carries another 'bench' than task 0: the plan was edited; make it again with --plan")
        }
        // A plan ends with its one last-stage unit (the leaderboards, or the join); a plan that
        // does not was cut short, and its missing units would never run.
        guard last.kind == .collect || last.kind == .join else {
            throw DataError(.badPlan, file: path, line: lines[tasks.count - 1],
                            "the plan ends with task \(last.index) (\(last.id)), not with its leaderboards or join unit: it was cut short; make it again with --plan")
        }
        var plan = TaskPlan(tasks: tasks)
        plan.lines = lines
        return plan
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)' key"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "'\(context.codingPath.map { $0.stringValue }.joined(separator: "."))': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "'\(context.codingPath.map { $0.stringValue }.joined(separator: "."))': \(context.debugDescription)"
        // Valid JSON (the caller checks) that still does not decode: a number out of range,
        // which the decoder reports without saying where.
        case DecodingError.dataCorrupted: return "a number out of its range, such as a negative seed or index"
        default: return "\(error)"
        }
    }
}

/// One unit of a ``TaskPlan``.
public struct PlanTask: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A bench plan's units: a recipe's dataset, one detector run, the leaderboards.
        case dataset, detect, collect
        /// A generation plan's units: one shard (`generate --shard i/n`), then joining them.
        case shard, join

        var stage: Int {
            switch self {
            case .dataset, .shard: return 0
            case .detect, .join: return 1
            case .collect: return 2
            }
        }
    }

    /// The line number (0-based): what `run-task --index` takes.
    public var index: Int
    public var id: String
    public var kind: Kind
    public var stage: Int
    /// Ids of the units that must have finished before this one runs.
    public var needs: [String]
    /// CPU cores the unit uses.
    public var cpus: Int
    /// The folder the command runs from (the planning folder; relative paths are from there).
    public var cwd: String
    public var command: [String]
    public var inputs: [String]
    public var outputs: [String]
    /// The toolkit build that made the plan (the first 12 hex digits of its SHA-256).
    public var build: String
    /// The BLAS kernel set and thread count this unit must run under (`Prescott-t1`), or nil.
    public var machine: String?
    /// The unit: which recipe (index into `bench.recipes`), detector and seed.
    public var recipe: Int?
    public var detector: String?
    public var seed: UInt64?
    /// A detector run's ``WorkGrowth`` (`linear` or `superlinear` in the rows): a hint for an
    /// engine's ordering (start the superlinear runs first); nil for other units.
    public var work: WorkGrowth? = nil
    /// The bench a bench plan's unit belongs to.
    public var bench: TaskPlan.BenchSpec?
    /// The generation a generation plan's unit belongs to.
    public var generate: GenerationPlan.Spec?
}
