import DataIO
import Foundation
import Testing
@testable import toolkit

/// The exit codes of the README, by error category: 2 usage, data or output error; 1 internal.
@Suite struct ToolkitEndToEndTests {
    static func run(_ arguments: [String]) throws -> GenerateEndToEndTests.Run {
        try GenerateEndToEndTests.toolkit(arguments, in: GenerateEndToEndTests.workingDirectory())
    }

    @Test func aUsageErrorExits2() throws {
        // ArgumentParser's validation…
        let missing = try Self.run(["evaluate"])
        #expect(missing.status == 2 && missing.stderr.hasPrefix("toolkit: error: ") && missing.stderr.contains("(see `toolkit evaluate --help`)"), "\(missing.stderr)")
        // …and the toolkit's own (formerly `bad_usage`).
        let shard = try Self.run(["generate", "zigzag", "--out", "data", "--shard", "0/3"])
        #expect(shard.status == 2 && shard.stderr == "toolkit: error: --shard 0/3: expected i/n with 1 <= i <= n (for example 2/8)\n", "\(shard.stderr)")
    }

    @Test func aDataErrorExits2() throws {
        let run = try Self.run(["evaluate", "none.csv", "--labels", "none.csv"])
        #expect(run.status == 2 && run.stderr.hasPrefix("toolkit: error: ") && run.stderr.contains("none.csv"), "\(run.stderr)")
    }

    @Test func anOutputErrorExits2() throws {
        let run = try Self.run(["generate", "zigzag", "--out", "/nonexistent-folder/data", "--quiet"])
        #expect(run.status == 2 && run.stderr.hasPrefix("toolkit: error: "), "\(run.stderr)")
    }

    /// No input reaches an internal error (that would be a bug), so the mapping is run in-process.
    @Test func anInternalErrorExits1() {
        let failure = Toolkit.failure(DataError(.internal, file: "x.csv", "libcsv could not initialise"), arguments: ["evaluate"])
        #expect(failure.status == 1 && failure.line == "toolkit: internal error: x.csv: libcsv could not initialise")
        struct Unexpected: Error {}
        #expect(Toolkit.failure(Unexpected(), arguments: []).status == 1)
    }

    @Test func everyCategoryMapsThroughItsExitCode() {
        for code in DataError.Code.allCases {
            let failure = Toolkit.failure(DataError(code, "m"), arguments: [])
            #expect(failure.status == code.category.exitCode)
            #expect(failure.line == (code.category == .internal ? "toolkit: internal error: m" : "toolkit: error: m"))
        }
    }
}
