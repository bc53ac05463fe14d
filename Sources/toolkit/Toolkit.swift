import ArgumentParser
import NativeLibraries

@main
struct Toolkit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolkit",
        abstract: "Anomaly-detection benchmark datasets, evaluation and reference detectors."
    )
}
