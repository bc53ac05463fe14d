import ArgumentParser
import Datasets
import Detectors
import NativeLibraries

/// `toolkit version`: the toolkit version, the C libraries it runs with and the machine facts that
/// decide whether neural detectors' runs can be reproduced elsewhere.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the toolkit version, the versions of the linked C libraries and the machine's CPU and BLAS facts."
    )

    func run() throws {
        print("toolkit \(ToolkitVersion.string)")
        for library in LinkedLibraries.all() {
            print("  \(library.name): \(library.version)")
        }
        print("machine: \(MachineFacts.current().summary)")
    }
}
