import ArgumentParser

/// `toolkit evaluate`: placeholder until the evaluator lands.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Evaluate detector scores against labels.")
    func run() throws { throw ValidationError("not implemented yet") }
}
