import ArgumentParser

struct GeneratePerf: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Benchmark dataset generation.")
    func run() throws { throw ValidationError("not implemented yet") }
}
