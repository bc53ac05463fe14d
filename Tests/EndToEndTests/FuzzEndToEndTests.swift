#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Randomness
import Testing

/// A seeded fuzzing harness over the binary (issue 19): valid inputs (a score file, a label
/// file, a dataset's training file, a recipe) are mutated (bits flipped, bytes inserted or
/// deleted, lines duplicated or cut, fields replaced by hostile values) and fed to `evaluate`,
/// `detect` and `generate`. Every run must end with exit 0 or 2 (never a crash or an internal
/// error), an error must be one line starting `toolkit: error:` without control characters, and
/// nothing may be left behind but the outputs asked for.
///
/// `swift test` runs 60 cases (a few seconds); a long run:
///
///     TOOLKIT_FUZZ=5000 swift test --filter FuzzEndToEndTests
@Suite struct FuzzEndToEndTests {
    static let cases = ProcessInfo.processInfo.environment["TOOLKIT_FUZZ"].flatMap(Int.init) ?? 60

    static let hostile = ["1e400", "-1e400", "nan", "NaN", "inf", "-inf", "1e19", "-1e30", "99999999999999999999", "\"",
                          "\"\"", "a,b", "\r", "\n", "\u{0}", "\u{1B}[2J", "é", "\u{FEFF}", "", " ", "-1", "0x10", "1_000"]

    static func mutate(_ bytes: [UInt8], _ g: inout Xoshiro256StarStar) -> [UInt8] {
        var out = bytes
        let edits = 1 + Int(g.next() % 3)
        for _ in 0..<edits where !out.isEmpty {
            let at = Int(g.next() % UInt64(out.count))
            switch g.next() % 6 {
            case 0: out[at] ^= UInt8(1 << (g.next() % 8))
            case 1: out.insert(contentsOf: Array(hostile[Int(g.next() % UInt64(hostile.count))].utf8), at: at)
            case 2: out.removeSubrange(at..<min(out.count, at + 1 + Int(g.next() % 20)))
            case 3: out = Array(out.prefix(at))
            case 4:
                let lines = out.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                let k = Int(g.next() % UInt64(lines.count))
                var copy = Array(lines)
                copy.insert(lines[k], at: k)
                out = Array(copy.joined(separator: [UInt8(ascii: "\n")]))
            default:
                // Replace one comma-separated field with a hostile value.
                let commas = out.indices.filter { out[$0] == UInt8(ascii: ",") }
                guard let c = commas.isEmpty ? nil : commas[Int(g.next() % UInt64(commas.count))] else { continue }
                let end = out[(c + 1)...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\n") } ?? out.count
                out.replaceSubrange((c + 1)..<end, with: Array(hostile[Int(g.next() % UInt64(hostile.count))].utf8))
            }
        }
        return out
    }

    @Test func mutatedInputsNeverCrashOrLeaveDebris() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let small = ["--set", "generator.rows.train=200", "--set", "generator.rows.test=60", "--set", "generator.anomalies.count=30"]
        #expect(try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"] + small, in: cwd).status == 0)
        #expect(try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "d", "--out", "s.csv", "--quiet"], in: cwd).status == 0)
        let scores = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cwd + "/s.csv")))
        var labelText = "id,label\n"
        for line in try String(contentsOfFile: cwd + "/d/labels.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        where line.split(separator: ",", omittingEmptySubsequences: false)[1] == "test" {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            labelText += "\(f[0]),\(f[2])\n"
        }
        let labels = Array(labelText.utf8)
        let train = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cwd + "/d/train.csv")))
        let recipe = Array("version: 1\nname: fuzz\ngenerator:\n  kind: zigzag\n  rows: {train: 100, test: 40}\n  anomalies: {count: 20}\nblocks: {size: 10}\n".utf8)
        var g = Xoshiro256StarStar(seed: 19)
        for n in 0..<Self.cases {
            let target = n % 4
            let folder = cwd + "/case\(n)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let arguments: [String]
            switch target {
            case 0:
                try Data(Self.mutate(scores, &g)).write(to: URL(fileURLWithPath: folder + "/s.csv"))
                try Data(labels).write(to: URL(fileURLWithPath: folder + "/l.csv"))
                arguments = ["evaluate", "s.csv", "--labels", "l.csv", "-o", "out.json", "--format", "json"]
            case 1:
                try Data(scores).write(to: URL(fileURLWithPath: folder + "/s.csv"))
                try Data(Self.mutate(labels, &g)).write(to: URL(fileURLWithPath: folder + "/l.csv"))
                arguments = ["evaluate", "s.csv", "--labels", "l.csv", "-o", "out.json", "--format", "json"]
            case 2:
                try FileManager.default.copyItem(atPath: cwd + "/d", toPath: folder + "/d")
                try Data(Self.mutate(train, &g)).write(to: URL(fileURLWithPath: folder + "/d/train.csv"))
                arguments = ["detect", ["hbos", "iforest", "pca"][n / 4 % 3], "--dataset", "d", "--out", "out.csv", "--quiet", "--no-verify"]
            default:
                try Data(Self.mutate(recipe, &g)).write(to: URL(fileURLWithPath: folder + "/r.yaml"))
                arguments = ["generate", "r.yaml", "--out", "out", "--quiet"]
            }
            let before = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
            let run = try GenerateEndToEndTests.toolkit(arguments, in: folder)
            #expect(run.status == 0 || run.status == 2, "case \(n) \(arguments): exit \(run.status): \(run.stderr)")
            if run.status == 2 {
                let lines = run.stderr.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].hasPrefix("toolkit: error: "), "case \(n): \(run.stderr)")
                #expect(!run.stderr.dropLast().unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" }, "case \(n): control characters in \(run.stderr.debugDescription)")
            }
            let after = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
            let expected: Set<String> = run.status == 0 ? ["out.json", "out.csv", "out"] : []
            #expect(after.subtracting(before).subtracting(expected).isEmpty, "case \(n): left \(after.subtracting(before))")
        }
    }

    /// Extreme values that once trapped (overflow, allocation failure, a precondition) or ran
    /// for hours, found by a review that aimed inputs at the sources' arithmetic: each is now one
    /// `toolkit: error:` line and exit 2, and nothing is written.
    @Test func extremeValuesAreRefusedNotTrapped() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        EvaluateFixtures.write("id,label\na,0\nb,1\nc,0\nd,1\ne,0\n", to: cwd + "/L.csv")
        EvaluateFixtures.write("id,score\na,0.1\nb,0.9\nc,0.2\nd,0.7\ne,0.3\n", to: cwd + "/S.csv")
        EvaluateFixtures.write("id,score\na,0.1\nb,0.9\n", to: cwd + "/sh1.csv")
        let small = ["--set", "generator.rows.train=300", "--set", "generator.rows.test=200", "--set", "generator.anomalies.count=40",
                     "--set", "blocks.size=20", "--quiet"]
        #expect(try GenerateEndToEndTests.toolkit(["generate", "zigzag-paper", "--out", "zs"] + small, in: cwd).status == 0)
        #expect(try GenerateEndToEndTests.toolkit(["generate", "zigzag-paper", "--out", "z1", "--set", "generator.rows.train=1",
                                                   "--set", "generator.rows.test=40", "--set", "generator.anomalies.count=10",
                                                   "--set", "blocks.size=10", "--quiet",
                                                   "--set", "generator.anomalies.kinds=[{kind: random_ids, weight: 1}]"], in: cwd).status == 0)
        #expect(try GenerateEndToEndTests.toolkit(["evaluate", "sh1.csv", "--labels", "L.csv", "--partial", "p1.partial"], in: cwd).status == 0)
        // A partial whose header (not under the body's checksum) announces 2⁶² distinct scores.
        let partial = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cwd + "/p1.partial")))
        let lineFeeds = partial.indices.filter { partial[$0] == UInt8(ascii: "\n") }
        var header = String(decoding: partial[(lineFeeds[0] + 1)..<lineFeeds[1]], as: UTF8.self)
        header = header.replacingOccurrences(of: "\"distinct\":2,", with: "\"distinct\":4611686018427387904,")
        #expect(header.contains("4611686018427387904"))
        while (lineFeeds[0] + 1 + header.utf8.count + 1) % 8 != 0 { header += " " }
        let edited = Array(partial[...lineFeeds[0]]) + Array(header.utf8) + Array(partial[lineFeeds[1]...])
        try Data(edited).write(to: URL(fileURLWithPath: cwd + "/e1.partial"))
        // A manifest that claims 2⁶³ − 1 training rows.
        let manifest = try String(contentsOfFile: cwd + "/zs/manifest.json", encoding: .utf8)
        try FileManager.default.copyItem(atPath: cwd + "/zs", toPath: cwd + "/zm")
        let claimed = manifest.replacingOccurrences(of: "\"rows\" : 300", with: "\"rows\" : 9223372036854775807")
        #expect(claimed != manifest)
        try claimed.write(toFile: cwd + "/zm/manifest.json", atomically: false, encoding: .utf8)

        let cases: [(arguments: [String], fragment: String)] = [
            (["evaluate", "S.csv", "--labels", "L.csv", "--bootstrap", "1000000000000"], "--bootstrap must be from 1 to 1,000,000"),
            (["evaluate", "S.csv", "--labels", "L.csv", "--block-size", "9223372036854775807"], "--block-size must be a number of rows from 1 to 9007199254740991"),
            (["evaluate", "S.csv", "--labels", "L.csv", "--series", "--window", "1000000000000"], "--window must be an integer from 0 to 1,000,000"),
            (["evaluate", "--merge", "e1.partial"], "'runs[0].distinct' must be an integer from 1 to 9007199254740991"),
            (["evaluate", "S.csv", "--labels", "L.csv", "-o", "S.csv"], "-o S.csv would overwrite the input file 'S.csv'"),
            (["evaluate", "S.csv", "--labels", "L.csv", "-o", "./L.csv"], "-o ./L.csv would overwrite the input file 'L.csv'"),
            (["evaluate", "S.csv", "--dataset", "zs", "-o", "zs/test.csv"], "-o zs/test.csv would overwrite the input file 'zs/test.csv'"),
            (["detect", "iforest", "--dataset", "zs", "--out", "zs/../zs/labels.csv"], "would overwrite the dataset's file zs/labels.csv"),
            (["detect", "iforest", "--dataset", "zm", "--out", "o.csv"], "counts.train.rows: expected a count from 0 to 9007199254740991"),
            (["detect", "toll", "--dataset", "z1", "--out", "o.csv", "--param", "iterations=1"], "toll: needs at least 2 training rows"),
            (["detect", "ae", "--dataset", "zs", "--out", "o.csv", "--param", "hidden=9223372036854775807"], "layer sizes from 1 to 65536"),
            (["detect", "ae", "--dataset", "zs", "--out", "o.csv", "--param", "hidden=64,,32"], "layer sizes from 1 to 65536"),
            (["detect", "ocsvm", "--dataset", "zs", "--out", "o.csv", "--param", "nu=1"], "nu=1 puts every one of the 300 training rows at its bound"),
            (["generate", "zigzag-paper", "--out", "g", "--set", "generator.noise.values=[9223372036854775807]"] + small,
             "generator.noise.values.0: must be in [-2147483647, 2147483647]"),
            (["bench", "zigzag-paper", "--detectors", "", "--out", "b"], "--detectors: expected comma-separated detector names or all"),
            (["bench", "zigzag-paper", "--detectors", "hbos", "--runs", "2", "--seed", "18446744073709551615", "--out", "b"] + small,
             "give a seed of at most 18446744073709551614"),
        ]
        for c in cases {
            let run = try GenerateEndToEndTests.toolkit(c.arguments, in: cwd)
            let name = c.arguments.joined(separator: " ")
            #expect(run.status == 2, "\(name): exit \(run.status), \(run.stderr)")
            let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("toolkit: error:") }
            #expect(errors.count == 1 && errors[0].contains(c.fragment), "\(name): \(run.stderr)")
        }
        for left in ["o.csv", "g", "b"] { #expect(!FileManager.default.fileExists(atPath: cwd + "/" + left), "\(left) was written") }
        #expect(try String(contentsOfFile: cwd + "/S.csv", encoding: .utf8).hasPrefix("id,score\na,0.1"))

        // A block as long as 2⁵³ − 1 rows is one block of every row.
        let one = try GenerateEndToEndTests.toolkit(["evaluate", "S.csv", "--labels", "L.csv", "--block-size", "9007199254740991",
                                                     "--format", "json"], in: cwd)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("only one block"), "\(one.stdout.prefix(600))")
    }
}
