import ArgumentParser
import Bench
import DataIO
import Detectors

/// `toolkit check --expect FILE`: accuracy regression gate.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check detectors' accuracy against an expectations file (exit 1 on a regression).",
        discussion: """
            For each case of the expectations file (recipe, detector, metric, expected value, \
            gate), generates the recipe's dataset, runs the detector with seeds seed, seed+1, … \
            and evaluates with the recipe's protocol; prints expected against measured and the \
            machine's CPU and BLAS facts. Datasets and score files are cached in --work (per toolkit \
            binary; per BLAS kernel and thread count for machine-dependent detectors) and reused, so \
            an interrupted check resumes. Exit code 0 when every case holds, 1 when one is out of \
            tolerance, 2 for a bad file or a case that cannot run.

            Examples:
              toolkit check --expect Recipes/expectations/quick.yaml
              # also a JUnit report, for CI test reports:
              toolkit check --expect Recipes/expectations/quick.yaml --junit check.xml
              # accept the measured values:
              toolkit check --expect my-expectations.yaml --update
            """
    )

    @Option(help: "The expectations file (YAML).")
    var expect: String

    @Option(help: "Folder for cached datasets and score files.")
    var work = ".toolkit-check"

    @Option(help: ArgumentHelp("Also write the outcomes as JUnit XML (one test case per expectation).", valueName: "file"))
    var junit: String?

    @Flag(help: "Rewrite the expected values and seed spreads with the measured ones (the header comments and each case's note are kept).")
    var update = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        if let junit, FileSystem.samePath(junit, expect) {
            throw ValidationError("--junit and --expect name the same file '\(junit)': the report would replace the expectations")
        }
    }

    func run() throws {
        let expectations = try Expectations.read(expect, mode: update ? .update : .check)
        if let junit { try FileSystem.checkWritable(junit) }   // before the cases run
        // Cached datasets and scores are only valid for the binary that made them.
        let build = ExecutableIdentity.build(fallback: "unknown")
        let runner = CheckRunner(work: work + "/" + build, quiet: quiet,
                                 log: { line in if !quiet { StandardError.write(line + "\n") } })
        let machine = MachineFacts.current()
        let outcomes = runner.run(expectations)
        print(CheckRunner.table(outcomes, machine: machine.summary), terminator: "")
        if let junit {
            try FileSystem.writeAtomically(JUnitReport.render(outcomes, suite: expect, machine: machine.properties,
                                                              machineSummary: machine.summary), to: junit)
        }
        if outcomes.contains(where: { $0.error != nil }) {
            throw DataError(.checkError, file: expect, "\(outcomes.filter { $0.error != nil }.count) case(s) could not run (see ERROR above)"
                            + (update ? "; nothing updated" : ""))
        }
        if update {
            let updated = try Self.updated(expectations, outcomes)
            try FileSystem.writeAtomically(expectations.rendered(updated), to: expect)
            print("updated \(expect) with the measured values")
            return
        }
        if outcomes.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    /// The cases with `expected` (and `spread`, with two or more runs) measured; refuses, naming
    /// the case, when an updated case breaks a rule (a machine-dependent detector measured once,
    /// or a gate narrower than its seed spread allows), so a fragile gate cannot be written.
    static func updated(_ expectations: Expectations, _ outcomes: [CheckRunner.Outcome]) throws -> [Expectations.Case] {
        try zip(expectations.cases, outcomes).enumerated().map { index, pair in
            var c = pair.0
            let outcome = pair.1
            c.expected = (outcome.mean * 1e6).rounded() / 1e6
            if let sd = outcome.standardDeviation { c.spread = (sd * 1e6).rounded() / 1e6 }
            if case .floor(let f) = c.gate, outcome.mean < f {
                throw DataError(.badExpectations, file: expectations.path,
                                "cases[\(index)].floor: not updated: the measured mean \(c.expected) is below the floor \(f); lower the floor by hand if the change is deliberate")
            }
            let info = try DetectorRegistry.info(named: c.detector)
            if let (key, problem) = c.problem(reproducibility: info.reproducibility, requireSpread: true) {
                throw DataError(.badExpectations, file: expectations.path,
                                "cases[\(index)].\(key): not updated: \(problem)")
            }
            return c
        }
    }
}
