import ArgumentParser

/// `toolkit detect`: placeholder until the detectors land.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a reference detector on a dataset.")
    func run() throws { throw ValidationError("not implemented yet") }
}

/// `toolkit detectors`: placeholder until the detectors land.
struct DetectorsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detectors", abstract: "List the reference detectors.")
    func run() throws { throw ValidationError("not implemented yet") }
}
