import ArgumentParser

struct Recipes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List and show the bundled recipes.")
    func run() throws { throw ValidationError("not implemented yet") }
}
