import Testing

/// `toolkit version`: the toolkit, the linked libraries and the machine facts.
@Suite struct VersionEndToEndTests {
    @Test func printsLibrariesAndMachine() throws {
        let run = try GenerateEndToEndTests.toolkit(["version"], in: GenerateEndToEndTests.workingDirectory())
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("toolkit ") == true)
        #expect(lines.contains { $0.hasPrefix("  OpenBLAS: OpenBLAS") })
        #expect(lines.last?.hasPrefix("machine: ") == true && lines.last?.contains("OpenBLAS kernel") == true)
    }
}
