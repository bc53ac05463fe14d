import Foundation
import Testing

/// `toolkit check` through the binary: exit 0 when every case holds, 1 with a FAIL row when a
/// detector is weakened, 2 for a bad file.
@Suite struct CheckEndToEndTests {
    @Test func passFailAndBadFile() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let set = "[generator.rows.train=600, generator.rows.test=200, generator.anomalies.count=100]"
        func file(_ name: String, params: String, expected: String) throws {
            try """
                version: 1
                cases:
                  - {recipe: zigzag, set: \(set), detector: hbos\(params), metric: auroc, expected: \(expected), tolerance: 0.001, runs: 1}
                """.write(toFile: cwd + "/" + name, atomically: true, encoding: .utf8)
        }
        try file("measure.yaml", params: "", expected: "0")
        let measure = try GenerateEndToEndTests.toolkit(["check", "--expect", "measure.yaml", "--update", "--quiet"], in: cwd)
        #expect(measure.status == 0, "\(measure.stderr)")
        let updated = try String(contentsOfFile: cwd + "/measure.yaml", encoding: .utf8)
        let expected = try #require(updated.split(separator: "\n").first { $0.contains("expected:") }?.split(separator: " ").last)
        #expect(Double(expected)! > 0.5)

        let pass = try GenerateEndToEndTests.toolkit(["check", "--expect", "measure.yaml", "--quiet"], in: cwd)
        #expect(pass.status == 0 && pass.stdout.contains("1 of 1 within tolerance"), "\(pass.stdout)\(pass.stderr)")

        try file("weak.yaml", params: ", params: [bins=1]", expected: String(expected))
        let fail = try GenerateEndToEndTests.toolkit(["check", "--expect", "weak.yaml", "--quiet"], in: cwd)
        #expect(fail.status == 1 && fail.stdout.contains("FAIL"), "\(fail.stdout)\(fail.stderr)")

        try "version: 1\ncases: [{recipe: zigzag}]\n".write(toFile: cwd + "/bad.yaml", atomically: true, encoding: .utf8)
        let bad = try GenerateEndToEndTests.toolkit(["check", "--expect", "bad.yaml"], in: cwd)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("toolkit: error:"), "\(bad.stderr)")
    }
}
