import Foundation
import Testing

/// `toolkit check` through the binary: exit 0 when every case holds, 1 with a FAIL row when a
/// detector is weakened, 2 for a bad file; the JUnit report; `--update` refusing fragile gates.
@Suite struct CheckEndToEndTests {
    static let set = "[generator.rows.train=600, generator.rows.test=200, generator.anomalies.count=100]"

    static func write(_ text: String, _ name: String, in cwd: String) throws {
        try text.write(toFile: cwd + "/" + name, atomically: false, encoding: .utf8)
    }

    @Test func passFailJUnitAndBadFile() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        func file(_ name: String, params: String, expected: String) throws {
            try Self.write("""
                version: 1
                cases:
                  - {recipe: zigzag, set: \(Self.set), detector: iforest\(params), metric: auroc, expected: \(expected), tolerance: 0.001, runs: 1}
                """, name, in: cwd)
        }
        try file("measure.yaml", params: "", expected: "0")
        let measure = try GenerateEndToEndTests.toolkit(["check", "--expect", "measure.yaml", "--update", "--quiet"], in: cwd)
        #expect(measure.status == 0, "\(measure.stderr)")
        let updated = try String(contentsOfFile: cwd + "/measure.yaml", encoding: .utf8)
        let expected = try #require(updated.split(separator: "\n").first { $0.contains("expected:") }?.split(separator: " ").last)
        #expect(Double(expected)! > 0.5)

        let pass = try GenerateEndToEndTests.toolkit(["check", "--expect", "measure.yaml", "--quiet", "--junit", "pass.xml"], in: cwd)
        #expect(pass.status == 0 && pass.stdout.contains("1 of 1 within tolerance"), "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout.contains("machine: ") && pass.stdout.contains("OpenBLAS kernel"))
        let passXML = try String(contentsOfFile: cwd + "/pass.xml", encoding: .utf8)
        #expect(passXML.contains("tests=\"1\" failures=\"0\"") && !passXML.contains("<failure"))

        try file("weak.yaml", params: ", params: [trees=1, samples=2]", expected: String(expected))
        let fail = try GenerateEndToEndTests.toolkit(["check", "--expect", "weak.yaml", "--quiet", "--junit", "weak.xml"], in: cwd)
        #expect(fail.status == 1 && fail.stdout.contains("FAIL"), "\(fail.stdout)\(fail.stderr)")
        let failXML = try String(contentsOfFile: cwd + "/weak.xml", encoding: .utf8)
        #expect(failXML.contains("failures=\"1\"") && failXML.contains("<failure message=\"auroc measured"))
        #expect(failXML.contains("blas_kernel"))

        try Self.write("version: 1\ncases: [{recipe: zigzag}]\n", "bad.yaml", in: cwd)
        let bad = try GenerateEndToEndTests.toolkit(["check", "--expect", "bad.yaml"], in: cwd)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("toolkit: error:"), "\(bad.stderr)")
    }

    /// The JUnit report never replaces the expectations file (any spelling of the same path), and
    /// an unwritable report path is refused before the cases run: nothing is measured or written.
    @Test func junitReportMustNotReplaceTheExpectationsAndMustBeWritable() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let text = "version: 1\ncases:\n  - {recipe: zigzag, set: \(Self.set), detector: iforest, metric: auroc, expected: 0.5, tolerance: 0.5, runs: 1}\n"
        try Self.write(text, "e.yaml", in: cwd)
        for (junit, message) in [("e.yaml", "--junit and --expect name the same file 'e.yaml'"),
                                 ("./e.yaml", "--junit and --expect name the same file './e.yaml'"),
                                 ("nodir/j.xml", "nodir/j.xml: cannot create the file: the folder nodir does not exist")] {
            let run = try GenerateEndToEndTests.toolkit(["check", "--expect", "e.yaml", "--junit", junit, "--work", "w"], in: cwd)
            #expect(run.status == 2 && run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stdout.isEmpty && !FileManager.default.fileExists(atPath: cwd + "/w"))
        }
        #expect(try String(contentsOfFile: cwd + "/e.yaml", encoding: .utf8) == text)
    }

    /// With stdout and stderr in one pipe (a CI log), the table comes before the error line that
    /// points at it ("see ERROR above"): stdout is flushed before an error is written.
    @Test func theTableComesBeforeTheErrorInOnePipe() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try Self.write("version: 1\ncases:\n  - {recipe: zigzag, set: \(Self.set), detector: iforest, metric: aucroc, expected: 0.5, tolerance: 0.5, runs: 1}\n",
                       "e.yaml", in: cwd)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("toolkit").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(binary)' check --expect e.yaml --quiet 2>&1"]
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let table = try #require(text.range(of: "ERROR zigzag"), "\(text)")
        let error = try #require(text.range(of: "toolkit: error: e.yaml: 1 case(s) could not run"), "\(text)")
        #expect(table.lowerBound < error.lowerBound)
        #expect(process.terminationStatus == 2)
    }

    /// A neural detector's expectation cannot be written from one run, nor with a gate narrower
    /// than its seed spread; a sound one records the spread.
    @Test func updateRefusesFragileGatesOfMachineDependentDetectors() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        func ae(_ gate: String, runs: Int) -> String {
            "version: 1\ncases:\n  - {recipe: zigzag, set: \(Self.set), detector: ae, params: [epochs=1, hidden=8], metric: auroc, expected: 0.5, \(gate), runs: \(runs)}\n"
        }
        let single = ae("tolerance: 0.05", runs: 1)
        try Self.write(single, "single.yaml", in: cwd)
        let one = try GenerateEndToEndTests.toolkit(["check", "--expect", "single.yaml", "--update", "--quiet"], in: cwd)
        #expect(one.status == 2 && one.stderr.contains("cases[0].runs") && one.stderr.contains("at least 3 runs"), "\(one.stderr)")
        #expect(try String(contentsOfFile: cwd + "/single.yaml", encoding: .utf8) == single)

        let narrow = ae("tolerance: 0.000001", runs: 3)
        try Self.write(narrow, "narrow.yaml", in: cwd)
        let tight = try GenerateEndToEndTests.toolkit(["check", "--expect", "narrow.yaml", "--update", "--quiet"], in: cwd)
        #expect(tight.status == 2 && tight.stderr.contains("cases[0].tolerance: not updated: allows 1e-06"), "\(tight.stderr)")
        #expect(try String(contentsOfFile: cwd + "/narrow.yaml", encoding: .utf8) == narrow)

        try Self.write("# why these gates\n" + ae("tolerance_sd: 3", runs: 3), "sound.yaml", in: cwd)
        let sound = try GenerateEndToEndTests.toolkit(["check", "--expect", "sound.yaml", "--update", "--quiet"], in: cwd)
        #expect(sound.status == 0, "\(sound.stdout)\(sound.stderr)")
        let written = try String(contentsOfFile: cwd + "/sound.yaml", encoding: .utf8)
        #expect(written.hasPrefix("# why these gates\n") && written.contains("    spread: "))
        let again = try GenerateEndToEndTests.toolkit(["check", "--expect", "sound.yaml", "--quiet"], in: cwd)
        #expect(again.status == 0 && again.stdout.contains("1 of 1 within tolerance"), "\(again.stdout)\(again.stderr)")
    }
}
