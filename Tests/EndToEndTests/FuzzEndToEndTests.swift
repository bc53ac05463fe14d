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
}
