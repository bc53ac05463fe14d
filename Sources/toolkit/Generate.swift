import ArgumentParser

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate a dataset from a recipe.")
    func run() throws { throw ValidationError("not implemented yet") }
}
