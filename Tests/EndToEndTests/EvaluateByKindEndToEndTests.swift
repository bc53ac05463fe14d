import Foundation
import Testing

/// `toolkit evaluate --by-kind` through the binary: a generated solar-pv dataset scored by
/// `toolkit detect iforest`, each kind's figures equal to evaluating the filtered files (every
/// normal row plus that kind's anomalies); window labels; the refusals.
@Suite struct EvaluateByKindEndToEndTests {
    typealias Run = GenerateEndToEndTests.Run

    static func toolkit(_ arguments: [String], in directory: String) throws -> Run {
        try GenerateEndToEndTests.toolkit(arguments, in: directory)
    }

    static func generate(in cwd: String) throws {
        let run = try Self.toolkit(["generate", "solar-pv", "--out", "pv", "--quiet", "--set", "generator.days.train=5",
                                    "--set", "generator.days.test=12", "--set", "generator.anomalies.count=6"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// The CSV lines of `path` after the header, split into fields.
    static func rows(_ path: String) -> [[String]] {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("detect iforest, then --by-kind --format json: each kind's AUROC and AP are those of the filtered files")
    func detectThenEvaluateByKind() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try Self.generate(in: cwd)
        let detect = try Self.toolkit(["detect", "iforest", "--dataset", "pv", "--out", "s.csv", "--seed", "1", "--quiet"], in: cwd)
        #expect(detect.status == 0, "\(detect.stderr)")
        let run = try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--by-kind", "--format", "json", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONValue.parse(Array(run.stdout.utf8))
        let first = try #require(json["runs"]?[0])
        let byKind = try #require(first["by_kind"]?.array)

        // labels.csv: id,split,label,kind,block; the test rows' kinds.
        let labels = Self.rows(cwd + "/pv/labels.csv").filter { $0[1] == "test" }
        let kinds = Set(labels.filter { $0[2] == "1" }.map { $0[3] })
        #expect(byKind.compactMap { $0["kind"]?.string } == kinds.sorted())
        #expect(kinds.count >= 2, "the small dataset still has several kinds: \(kinds)")
        #expect(byKind.compactMap { $0["n_anomalies"]?.int }.reduce(0, +) == first["n_anomalies"]?.int)

        let scores = Dictionary(uniqueKeysWithValues: Self.rows(cwd + "/s.csv").map { ($0[0], $0[1]) })
        for entry in byKind {
            let kind = try #require(entry["kind"]?.string)
            var labelText = "id,label\n", scoreText = "id,score\n"
            for row in labels where row[2] == "0" || row[3] == kind {
                labelText += "\(row[0]),\(row[2])\n"
                scoreText += "\(row[0]),\(scores[row[0]]!)\n"
            }
            EvaluateFixtures.write(labelText, to: cwd + "/\(kind).labels.csv")
            EvaluateFixtures.write(scoreText, to: cwd + "/\(kind).scores.csv")
            let subset = try Self.toolkit(["evaluate", "\(kind).scores.csv", "--labels", "\(kind).labels.csv", "--format", "json"], in: cwd)
            #expect(subset.status == 0, "\(subset.stderr)")
            let expected = try #require(try JSONValue.parse(Array(subset.stdout.utf8))["runs"]?[0])
            #expect(entry["auroc"]?.double == expected["auroc"]?.double, "\(kind) AUROC")
            #expect(entry["average_precision"]?.double == expected["average_precision"]?.double, "\(kind) AP")
            #expect(entry["n_anomalies"]?.int == expected["n_anomalies"]?.int, "\(kind) anomalies")
        }

        let table = try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--by-kind", "--quiet"], in: cwd)
        #expect(table.status == 0 && table.stdout.contains("By anomaly kind"), "\(table.stderr)")
        for kind in kinds { #expect(table.stdout.contains(kind)) }
    }

    @Test("--windows --by-kind: the kinds of the dataset's windows.csv")
    func windowKinds() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try Self.generate(in: cwd)
        var scores = "id,score\n", anomalies: [String: Int] = [:]
        for (index, row) in Self.rows(cwd + "/pv/windows.csv").enumerated() where row[1] == "test" {
            // window,split,first_id,last_id,label,kind; a perfect, tie-free window detector.
            scores += "\(row[0]),\(Double(row[4])! + Double(index) * 1e-6)\n"
            if row[4] == "1" { anomalies[row[5], default: 0] += 1 }
        }
        EvaluateFixtures.write(scores, to: cwd + "/w.csv")
        let run = try Self.toolkit(["evaluate", "w.csv", "--dataset", "pv", "--windows", "--by-kind", "--format", "json", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let byKind = try #require(try JSONValue.parse(Array(run.stdout.utf8))["runs"]?[0]?["by_kind"]?.array)
        #expect(byKind.compactMap { $0["kind"]?.string } == anomalies.keys.sorted())
        for entry in byKind {
            #expect(entry["n_anomalies"]?.int == anomalies[entry["kind"]?.string ?? ""])
            #expect(entry["auroc"]?.double == 1 && entry["average_precision"]?.double == 1)
        }
    }

    @Test("refusals: labels without a kind column (named), no labels, --compat tsb-ad; one line, exit 2")
    func refusals() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        EvaluateFixtures.write("id,label\n1,0\n2,1\n3,0\n", to: cwd + "/plain.csv")
        EvaluateFixtures.write("id,score\n1,0.1\n2,0.9\n3,0.2\n", to: cwd + "/s.csv")
        EvaluateFixtures.write("id,label,score\n1,0,0.1\n2,1,0.9\n", to: cwd + "/inline.csv")
        for (arguments, fragments) in [
            (["s.csv", "--labels", "plain.csv"], ["plain.csv:1: --by-kind needs a 'kind' column", "header: id,label"]),
            (["inline.csv"], ["--by-kind needs the labels' 'kind' column"]),
            (["s.csv", "--labels", "plain.csv", "--compat", "tsb-ad"], ["drop --by-kind"]),
        ] {
            let run = try Self.toolkit(["evaluate"] + arguments + ["--by-kind"], in: cwd)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            for fragment in fragments { #expect(run.stderr.contains(fragment), "\(run.stderr)") }
        }
    }
}
