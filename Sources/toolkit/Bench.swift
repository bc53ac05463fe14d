import ArgumentParser
import Bench
import DataIO

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

            Examples:
              toolkit bench zigzag --detectors all --runs 3 --out bench
              toolkit bench zigzag arrhythmia --detectors iforest,hbos,knn --out bench
            """
    )

    @Argument(help: "Recipes (bundled names or files).")
    var recipes: [String]

    @Option(help: "Comma-separated detector names, or all.")
    var detectors = "all"

    @Option(help: "Runs per detector (default: each recipe's evaluation.runs).")
    var runs: Int?

    @Option(help: "The first run's seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("set"), help: ArgumentHelp("A recipe override for every recipe (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(name: .shortAndLong, help: "Output folder.")
    var out = "bench"

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        var runner = BenchRunner(recipes: recipes, out: out)
        runner.detectors = detectors == "all" ? [] : detectors.split(separator: ",").map(String.init)
        runner.runs = runs
        runner.seed = seed
        runner.overrides = overrides
        runner.quiet = quiet
        runner.build = String(((try? FileSystem.sha256(of: "/proc/self/exe")) ?? "default").prefix(12))
        let results = try runner.run(command: CommandLineText.current())
        for result in results {
            print("wrote \(result.folder)/leaderboard.md, metrics.json, report.html")
        }
        if results.count >= 2 { print("wrote \(out)/summary.md, summary.html") }
    }
}
