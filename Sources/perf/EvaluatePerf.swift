import ArgumentParser

struct EvaluatePerf: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "Benchmark the evaluator.")
    func run() throws { throw ValidationError("not implemented yet") }
}
