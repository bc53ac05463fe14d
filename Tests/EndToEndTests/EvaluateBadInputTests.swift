import Foundation
import Testing

/// Every fixture of `Fixtures/evaluate/bad/` through the binary: a bad input exits with 2,
/// prints exactly one `toolkit: error:` line naming the file and where in it, and writes no
/// output file; an accepted input (BOM, CRLF) gives the right AUROC.
@Suite struct EvaluateBadInputTests {
    @Test func everyFixtureIsThere() {
        let names = EvaluateFixtures.badCases.map(\.name)
        for name in ["missing_id", "extra_id", "duplicate_id_scores", "duplicate_id_labels", "nan_score", "inf_score",
                     "non_numeric_score", "empty_score", "bad_label", "single_class", "empty_file", "header_only",
                     "wrong_delimiter", "bom", "crlf", "ragged_row", "truncated_gz", "missing_id_column",
                     "unknown_score_column", "cutoff_fraction_above_one", "cutoff_fraction_zero", "score_column_id",
                     "labels_with_split"] {
            #expect(names.contains(name), "missing fixture \(name)")
        }
        for fixture in EvaluateFixtures.badCases {
            #expect(!fixture.code.isEmpty, "\(fixture.name): no code in expect")
            #expect(fixture.code == "ok" ? fixture.auroc != nil : !fixture.fragments.isEmpty, "\(fixture.name): incomplete expect")
        }
    }

    @Test(arguments: EvaluateFixtures.badCases)
    func badInput(_ fixture: EvaluateFixtures.BadCase) throws {
        let cwd = try fixture.copy()
        let run = try GenerateEndToEndTests.toolkit(fixture.arguments + ["--format", "json", "-o", "out.json"], in: cwd)
        if fixture.code == "ok" {
            #expect(run.status == 0, "\(fixture.name): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(fixture.name): \(run.stderr)")
            let written = try #require(FileManager.default.contents(atPath: cwd + "/out.json"))
            let json = try JSONValue.parse([UInt8](written))
            expectClose(json["runs"]?[0]?["auroc"]?.double, fixture.auroc, tolerance: 0, "\(fixture.name) auroc")
            #expect(json["runs"]?[0]?["n"]?.int == 6)
            return
        }
        #expect(run.status == 2, "\(fixture.name): exit \(run.status), stderr \(run.stderr)")
        #expect(run.stdout.isEmpty, "\(fixture.name): stdout \(run.stdout)")
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(fixture.name): not exactly one stderr line: \(run.stderr)")
        let line = String(lines[0])
        #expect(line.hasPrefix("toolkit: error: "), "\(fixture.name): \(line)")
        for fragment in fixture.fragments {
            #expect(line.contains(fragment), "\(fixture.name): '\(fragment)' not in: \(line)")
        }
        #expect(!FileManager.default.fileExists(atPath: cwd + "/out.json"), "\(fixture.name): out.json was written")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cwd).filter { $0.hasPrefix(".") || $0.contains("out.json") }
        #expect(leftovers.isEmpty, "\(fixture.name): leftovers \(leftovers)")
    }
}
