import Testing

/// Issue 19: `--help` examples wrapped mid-command in an 80-column terminal and could not be
/// pasted; every example line must fit in 78 columns (long ones continue with `\`).
@Suite struct HelpEndToEndTests {
    @Test(arguments: ["generate", "join-shards", "recipes", "evaluate", "detect", "detectors", "bench", "check", "version", "run-task"])
    func examplesFitAnEightyColumnTerminal(command: String) throws {
        let run = try GenerateEndToEndTests.toolkit([command, "--help"], in: GenerateEndToEndTests.workingDirectory())
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let examples = lines.filter { $0.hasPrefix("  toolkit ") || $0.hasPrefix("      --") || $0.hasPrefix("  # ") }
        for line in examples { #expect(line.count <= 78, "\(command): \(line.count) columns: \(line)") }
        // An example too long for the help's width is wrapped by ArgumentParser, and its remainder
        // starts at column 0 (which the check above cannot see): every line of an Examples block
        // is indented.
        var inExamples = false
        for line in lines {
            if line == "Examples:" { inExamples = true; continue }
            if line.isEmpty { inExamples = false; continue }
            if inExamples { #expect(line.hasPrefix("  "), "\(command): an example wrapped before: \(line)") }
        }
    }
}

/// Issue 19: usage errors ran to 3-4 lines (the error, a help line, the whole usage, a hint).
@Suite struct UsageErrorEndToEndTests {
    @Test(arguments: [(["evaluate"], "toolkit evaluate --help"), (["detect"], "toolkit detect --help"),
                      (["generate", "zigzag", "--bogus"], "toolkit generate --help"), (["--bogus"], "toolkit --help")])
    func aUsageErrorIsOneLine(arguments: [String], hint: String) throws {
        let run = try GenerateEndToEndTests.toolkit(arguments, in: GenerateEndToEndTests.workingDirectory())
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("toolkit: error: ") && lines[0].hasSuffix("(see `\(hint)`)"), "\(run.stderr)")
    }
}
