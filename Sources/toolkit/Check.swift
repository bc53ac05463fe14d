import ArgumentParser
import Bench
import DataIO

/// `toolkit check --expect FILE`: accuracy regression gate.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check detectors' accuracy against an expectations file (exit 1 on a regression).",
        discussion: """
            For each case of the expectations file (recipe, detector, metric, expected value, \
            tolerance), generates the recipe's dataset, runs the detector with seeds seed, seed+1, … \
            and evaluates with the recipe's protocol; prints expected against measured. Datasets and \
            score files are cached in --work (per toolkit binary) and reused, so an interrupted check resumes. Exit code \
            0 when every case is within tolerance, 1 otherwise, 2 for a bad file.

            Examples:
              toolkit check --expect Recipes/expectations.yaml
              toolkit check --expect my-expectations.yaml --update    # accept the measured values
            """
    )

    @Option(help: "The expectations file (YAML).")
    var expect: String

    @Option(help: "Folder for cached datasets and score files.")
    var work = ".toolkit-check"

    @Flag(help: "Rewrite the expected values with the measured ones (comments in the file are not kept).")
    var update = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func run() throws {
        let expectations = try Expectations.read(expect)
        // Cached datasets and scores are only valid for the binary that made them.
        let build = String(((try? FileSystem.sha256(of: "/proc/self/exe")) ?? "unknown").prefix(12))
        let runner = CheckRunner(work: work + "/" + build, quiet: quiet,
                                 log: { line in if !quiet { StandardError.write(line + "\n") } })
        let outcomes = try runner.run(expectations)
        print(CheckRunner.table(outcomes), terminator: "")
        if update {
            try FileSystem.writeAtomically(expectations.rendered(expected: outcomes.map { ($0.mean * 1e6).rounded() / 1e6 }), to: expect)
            print("updated \(expect) with the measured values")
            return
        }
        if outcomes.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}
