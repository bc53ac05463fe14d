import ArgumentParser
import Bench
import DataIO
import Foundation

/// `toolkit bench RECIPE...`: every detector on every recipe, with leaderboards.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run detectors on recipes and write leaderboards, metrics and reports.",
        discussion: """
            For each recipe: generates its dataset (or reuses it), runs each detector --runs times \
            with seeds --seed, --seed+1, …, evaluates with the recipe's protocol, and writes \
            OUT/RECIPE/leaderboard.md (mean ± std per metric, best in bold, pairwise paired t-tests \
            with Holm correction), metrics.json and report.html. With several recipes also \
            OUT/summary.md and summary.html (average ranks, Friedman test, Nemenyi critical-difference \
            diagram). Finished runs are kept in OUT/cache: an interrupted bench resumes.

            Past one machine: --plan FILE writes the grid as units of work (one JSON line each: \
            datasets, detector runs, then the leaderboards) and runs nothing; any engine runs \
            them with `toolkit run-task FILE --index I` (Ray, Slurm arrays, Kubernetes Indexed \
            Jobs); --collect then builds the leaderboards from the finished runs only.

            Examples:
              toolkit bench zigzag --detectors all --runs 3 --out bench
              toolkit bench zigzag arrhythmia --detectors iforest,hbos,knn --out bench
              toolkit bench zigzag arrhythmia --detectors iforest,hbos --plan plan.jsonl
            """
    )

    @Argument(help: "Recipes (bundled names or files).")
    var recipes: [String]

    @Option(help: "Comma-separated detector names, or all.")
    var detectors = "all"

    @Option(help: "Runs per detector (default: each recipe's evaluation.runs).")
    var runs: Int?

    @Option(parsing: .unconditional, help: "The first run's seed.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Option(name: .customLong("set"), help: ArgumentHelp("A recipe override for every recipe (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(name: .customLong("param"), help: ArgumentHelp("A detector parameter for every detector (repeatable), e.g. lists=embedding.", valueName: "key=value"))
    var parameters: [String] = []

    @Option(name: .shortAndLong, help: "Output folder.")
    var out = "bench"

    @Option(help: ArgumentHelp("Write the grid as a task plan (JSON Lines, one unit per line) and run nothing.", valueName: "file"))
    var plan: String?

    @Flag(help: "Build the leaderboards from finished runs only (an error lists what has not run).")
    var collect = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let runs, !(1...1000).contains(runs) { throw ValidationError("--runs must be from 1 to 1000 (as a recipe's evaluation.runs), got \(runs)") }
        if detectors.split(separator: ",", omittingEmptySubsequences: false).contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--detectors: expected comma-separated detector names or all, got '\(detectors)'")
        }
        if plan != nil && collect { throw ValidationError("--plan writes a plan and --collect reads finished runs: give one of them") }
    }

    /// This binary's build (``ExecutableIdentity``: 12 hex digits of its GNU build ID, else of its
    /// SHA-256): names the cache folder, so a rebuilt toolkit never reuses another build's scores.
    static func currentBuild() -> String {
        ExecutableIdentity.build()
    }

    /// The command line as the leaderboards show it: without --plan, --collect and --quiet, so
    /// that a plan's leaderboards are the very bytes of the sequential bench's (--quiet changes
    /// no result).
    static func leaderboardCommandLine() -> String {
        var words: [String] = []
        var skipNext = false
        for word in CommandLine.arguments.dropFirst() {
            if skipNext { skipNext = false; continue }
            if word == "--collect" || word == "--quiet" { continue }
            if word == "--plan" { skipNext = true; continue }
            if word.hasPrefix("--plan=") { continue }
            words.append(word)
        }
        return (["toolkit"] + words).map(CommandLineText.quote).joined(separator: " ")
    }

    func run() throws {
        var runner = BenchRunner(recipes: recipes, out: out)
        runner.detectors = detectors == "all" ? [] : detectors.split(separator: ",").map(String.init)
        runner.runs = runs
        runner.seed = seed
        runner.overrides = overrides
        runner.parameters = parameters
        runner.quiet = quiet
        runner.build = Self.currentBuild()
        runner.collectOnly = collect
        if let plan {
            let made = try TaskPlan.make(runner, planFile: plan, cwd: FileManager.default.currentDirectoryPath,
                                         commandLine: Self.leaderboardCommandLine())
            try FileSystem.writeAtomically(try made.jsonLines(), to: plan)
            let count = { (kind: PlanTask.Kind) in made.tasks.filter { $0.kind == kind }.count }
            let last = made.tasks.count - 1
            print("wrote \(plan): \(made.tasks.count) tasks: \(count(.dataset)) datasets (0-\(count(.dataset) - 1)), "
                  + "\(count(.detect)) detector runs (\(count(.dataset))-\(last - 1)), leaderboards (\(last))")
            print("run each with: toolkit run-task \(CommandLineText.quote(plan)) --index I (in that order of stages; or with Ray, Slurm, Kubernetes: see the README)")
            return
        }
        let results = try runner.run(command: Self.leaderboardCommandLine())
        for result in results {
            print("wrote \(result.folder)/leaderboard.md, metrics.json, report.html")
        }
        if results.count >= 2 { print("wrote \(out)/summary.md, summary.html") }
    }
}
