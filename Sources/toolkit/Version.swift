import ArgumentParser
import Datasets
import NativeLibraries

/// `toolkit version`: the toolkit version and the C libraries it runs with.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the toolkit version and the versions of the linked C libraries."
    )

    func run() throws {
        print("toolkit \(ToolkitVersion.string)")
        for library in LinkedLibraries.all() {
            print("  \(library.name): \(library.version)")
        }
    }
}
