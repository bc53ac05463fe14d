import DataIO
import Detectors
import Foundation

/// Runs one unit of a ``TaskPlan`` (`toolkit run-task`), idempotently: a unit whose outputs
/// exist and verify is skipped, outputs are written atomically, and a dataset published by
/// another process meanwhile is kept. Relative paths are resolved from the plan's `cwd`.
public struct TaskRunner {
    public var plan: TaskPlan
    /// This toolkit's build (what names the cache folder); must be the plan's.
    public var build: String
    /// Where the plan's relative paths start (default: the plan's `cwd`).
    public var cwd: String?
    public var quiet = false
    public var log: (String) -> Void = { _ in }

    public init(plan: TaskPlan, build: String) {
        self.plan = plan
        self.build = build
    }

    public enum Outcome: Equatable, Sendable {
        /// The unit ran and wrote its outputs.
        case ran
        /// Its outputs were there and verified: nothing was done.
        case skipped
    }

    /// The index of the unit to run: `--index`, else `SLURM_ARRAY_TASK_ID` (Slurm job arrays),
    /// else `JOB_COMPLETION_INDEX` (Kubernetes Indexed Jobs).
    public static func index(option: Int?, environment: [String: String]) throws -> Int {
        if let option { return option }
        for name in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
            if let text = environment[name] {
                guard let value = Int(text), value >= 0 else {
                    throw DataError(.usage, "\(name)=\(text): expected a task index (an integer >= 0)")
                }
                return value
            }
        }
        throw DataError(.usage, "no task index: give --index I (or run under a Slurm array, SLURM_ARRAY_TASK_ID, or a Kubernetes Indexed Job, JOB_COMPLETION_INDEX)")
    }

    /// The plan index of the `position`-th unit of `stage` (engines without dependencies
    /// between array elements run one array per stage, each numbered from 0).
    public func planIndex(stage: Int, position: Int, planPath: String) throws -> Int {
        let units = plan.tasks.filter { $0.stage == stage }
        guard units.indices.contains(position) else {
            let stages = Dictionary(grouping: plan.tasks, by: \.stage).keys.sorted().map(String.init).joined(separator: ", ")
            throw DataError(.usage, file: planPath, units.isEmpty
                ? "the plan has no stage \(stage) (its stages: \(stages))"
                : "stage \(stage) has \(units.count) units (0...\(units.count - 1)); got \(position)")
        }
        return units[position].index
    }

    /// Runs unit `index`.
    public func run(index: Int, planPath: String) throws -> (task: PlanTask, outcome: Outcome) {
        guard plan.tasks.indices.contains(index) else {
            throw DataError(.usage, file: planPath, "no task \(index): the plan has tasks 0...\(plan.tasks.count - 1)")
        }
        let task = plan.tasks[index]
        guard task.build == build else {
            throw DataError(.wrongBuild, file: planPath,
                            "the plan was made by toolkit build \(task.build) and this is build \(build): its cached results would not be this build's; run the plan with the binary that made it, or make a new plan")
        }
        if let machine = task.machine, machine != MachineFacts.resultTag {
            throw DataError(.wrongMachine, file: planPath,
                            "task \(index) (\(task.id)) runs a machine-dependent detector planned for OpenBLAS \(machine) (kernel set, threads) and this process has \(MachineFacts.resultTag): set OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS to match, or make the plan where the tasks will run")
        }
        let folder = cwd ?? task.cwd
        guard folder == FileManager.default.currentDirectoryPath || FileManager.default.changeCurrentDirectoryPath(folder) else {
            if cwd != nil {
                throw DataError(.usage, file: folder, "--cwd: \(FileSystem.isDirectory(folder) ? "cannot change to this folder" : "no such folder"); give the folder where this machine sees the plan's folder")
            }
            throw DataError(.usage, file: folder, "cannot change to the plan's folder (the plan was made there; give --cwd for where this machine sees it)")
        }
        switch task.kind {
        case .shard, .join:
            guard let spec = task.generate else { throw DataError(.badPlan, file: planPath, "task \(index) (\(task.id)) has no 'generate'") }
            return (task, try GenerationPlan.run(task, spec: spec, quiet: quiet, log: log) ? .ran : .skipped)
        case .dataset, .detect, .collect:
            guard let bench = task.bench else { throw DataError(.badPlan, file: planPath, "task \(index) (\(task.id)) has no 'bench'") }
            return (task, try runBenchUnit(task, bench: bench, planPath: planPath))
        }
    }

    private func runBenchUnit(_ task: PlanTask, bench: TaskPlan.BenchSpec, planPath: String) throws -> Outcome {
        var runner = BenchRunner(recipes: bench.recipes, out: bench.out)
        runner.overrides = bench.overrides
        runner.detectors = bench.detectors
        runner.parameters = bench.parameters ?? []
        runner.runs = bench.runs
        runner.seed = bench.seed
        runner.build = task.build
        runner.quiet = quiet
        runner.machineSummary = bench.machineSummary
        try checkUnedited(task, runner: runner, bench: bench, planPath: planPath)
        var workspace = runner.workspace
        workspace.quiet = quiet
        switch task.kind {
        case .dataset:
            let recipe = try workspace.resolve(try recipeReference(task, bench), overrides: bench.overrides)
            return try workspace.publishDataset(recipe) ? .ran : .skipped
        case .detect:
            let recipe = try workspace.resolve(try recipeReference(task, bench), overrides: bench.overrides)
            let detector = try field(task.detector, "detector", task)
            let seed = try field(task.seed, "seed", task)
            let file = try workspace.scoresPath(recipe, detector: detector, parameters: runner.parameters, seed: seed)
            if Workspace.scoresVerify(file) { return .skipped }
            let dataset = workspace.datasetFolder(recipe)
            guard Workspace.datasetVerifies(dataset) else {
                let unit = plan.tasks.first { $0.id == task.needs.first }
                throw DataError(.notReady, file: dataset,
                                "the dataset of task \(task.index) is not there yet (or does not verify): run task \(unit.map { String($0.index) } ?? "?") (\(task.needs.first ?? "its dataset")) first")
            }
            _ = try workspace.scores(recipe, dataset: dataset, detector: detector, parameters: runner.parameters, seed: seed)
            return .ran
        default:
            runner.collectOnly = true
            _ = try runner.run(command: bench.commandLine)
            return .ran
        }
    }

    /// The unit must be the one its bench makes: the plan's lines are checked for their place
    /// when read, and here the unit's fields (recipe, detector, seed, outputs, …) against the
    /// grid, so that an edited line cannot run one thing under another's id.
    private func checkUnedited(_ task: PlanTask, runner: BenchRunner, bench: TaskPlan.BenchSpec, planPath: String) throws {
        guard task.command.count >= 3 else {
            throw DataError(.badPlan, file: planPath, line: plan.line(of: task.index), "task \(task.index) (\(task.id)) has no plan file in its command")
        }
        let made = try TaskPlan.make(runner, planFile: task.command[2], cwd: task.cwd, commandLine: bench.commandLine)
        guard made.tasks.indices.contains(task.index) else {
            throw DataError(.badPlan, file: planPath, line: plan.line(of: task.index),
                            "task \(task.index) (\(task.id)) is not in its bench's grid of \(made.tasks.count) units: the plan was edited; make it again with --plan")
        }
        var expected = made.tasks[task.index]
        // The machine the plan was made on, recorded (this one was checked against it).
        expected.machine = task.machine
        expected.bench?.machine = bench.machine
        guard expected != task else { return }
        let fields: [(String, Bool)] = [
            ("id", expected.id != task.id), ("kind", expected.kind != task.kind), ("recipe", expected.recipe != task.recipe),
            ("detector", expected.detector != task.detector), ("seed", expected.seed != task.seed),
            ("inputs", expected.inputs != task.inputs), ("outputs", expected.outputs != task.outputs),
            ("needs", expected.needs != task.needs), ("command", expected.command != task.command),
        ]
        let differing = fields.filter(\.1).map(\.0)
        throw DataError(.badPlan, file: planPath, line: plan.line(of: task.index),
                        "task \(task.index) (\(task.id)) is not the unit its bench makes (\(differing.isEmpty ? "its other fields differ" : differing.joined(separator: ", ") + (differing.count == 1 ? " differs" : " differ"))): the plan was edited, or a recipe file it names has changed since; make it again with --plan")
    }

    private func recipeReference(_ task: PlanTask, _ bench: TaskPlan.BenchSpec) throws -> String {
        let index = try field(task.recipe, "recipe", task)
        guard bench.recipes.indices.contains(index) else {
            throw DataError(.badPlan, "task \(task.index) (\(task.id)) names recipe \(index) of \(bench.recipes.count)")
        }
        return bench.recipes[index]
    }

    private func field<T>(_ value: T?, _ name: String, _ task: PlanTask) throws -> T {
        guard let value else {
            throw DataError(.badPlan, "task \(task.index) (\(task.id)) has no '\(name)'")
        }
        return value
    }
}
