import ArgumentParser
import Bench
import DataIO
import Foundation

/// `toolkit run-task PLAN --index I`: one unit of a task plan (`toolkit bench ... --plan`).
struct RunTask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-task",
        abstract: "Run one unit of a task plan (made by toolkit bench ... --plan FILE).",
        discussion: """
            Runs unit I of the plan (its line I, from 0): a dataset, one detector run, or the \
            leaderboards (the last unit). The index comes from --index, else SLURM_ARRAY_TASK_ID \
            (Slurm job arrays), else JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs); with \
            --stage S it counts the units of stage S only (0 datasets, 1 detector runs, 2 the \
            leaderboards), for one array job per stage. A unit whose \
            outputs exist and verify (SHA-256) is skipped, and outputs are written atomically, so \
            a retried or duplicated task is harmless. Prints one line: the unit's id and what \
            was done. Exit codes: 0 done or skipped, 2 a usage or data error (including a unit \
            whose inputs are not there yet), 1 an internal error.

            Examples:
              toolkit run-task plan.jsonl --index 0
              SLURM_ARRAY_TASK_ID=3 toolkit run-task plan.jsonl
              JOB_COMPLETION_INDEX=0 toolkit run-task plan.jsonl --stage 1
            """
    )

    @Argument(help: "The plan file (JSON Lines, from toolkit bench ... --plan FILE).")
    var plan: String

    @Option(parsing: .unconditional, help: "The unit to run (0-based line of the plan).")
    var index: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Count the index within this stage's units only (0 datasets, 1 detector runs, 2 leaderboards): one array job per stage.", valueName: "S"))
    var stage: Int?

    @Option(help: ArgumentHelp("The folder the plan's relative paths start from, when this machine sees the planning folder elsewhere.", valueName: "dir"))
    var cwd: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let index, index < 0 { throw ValidationError("--index must be at least 0") }
    }

    func run() throws {
        var index = try TaskRunner.index(option: index, environment: ProcessInfo.processInfo.environment)
        let plan = try TaskPlan.read(plan)
        var runner = TaskRunner(plan: plan, build: BenchCommand.currentBuild())
        runner.cwd = cwd
        runner.quiet = quiet
        if let stage { index = try runner.planIndex(stage: stage, position: index, planPath: self.plan) }
        let start = Date()
        let (task, outcome) = try runner.run(index: index, planPath: self.plan)
        switch outcome {
        case .ran: print("\(task.id): done in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        case .skipped: print("\(task.id): already done (outputs verified)")
        }
    }
}
