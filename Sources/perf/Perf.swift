import ArgumentParser

/// `perf`: the toolkit's benchmarks (not unit tests). Each subcommand prepares its inputs,
/// runs the work in this process or runs the `toolkit` binary, and prints the figures with the
/// machine description, so the README can quote them with the command that produced them.
///
///     swift run -c release perf generate --rows 10000000
///     swift run -c release perf evaluate --rows 10000000
///     swift run -c release perf series --peer venv/bin/python --full
@main
struct Perf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perf",
        abstract: "Benchmarks for the toolkit (generation, evaluation).",
        subcommands: [GeneratePerf.self, EvaluatePerf.self, DetectPerf.self, SeriesPerf.self]
    )
}
