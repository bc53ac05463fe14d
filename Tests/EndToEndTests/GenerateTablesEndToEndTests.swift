import Foundation
import Testing

/// `toolkit generate` on table recipes, as a user runs it.
@Suite struct GenerateTablesEndToEndTests {
    typealias E = GenerateEndToEndTests

    struct BadInput: Sendable, CustomStringConvertible {
        let file: String, stderrSuffix: String
        var description: String { file }
    }

    static let badInputs: [BadInput] = [
        .init(file: "truncated.data.gz", stderrSuffix: "the file is truncated or corrupt: truncated gzip input\n"),
        .init(file: "not-compress.data.Z", stderrSuffix: "not-compress.data.Z: the name ends in .Z but the content is not unix compress data (a broken download or a renamed file?)\n"),
        .init(file: "wrong-columns.data", stderrSuffix: "wrong-columns.data:3: expected 43 comma-separated fields (the UCI Connect-4 (connect-4.data) layout), found 41\n"),
        .init(file: "unknown-class.data", stderrSuffix: "unknown-class.data:2:43: unknown class 'tie'; expected one of win, loss, draw\n"),
        .init(file: "empty.data", stderrSuffix: "empty.data: the file has no rows (expected the UCI Connect-4 (connect-4.data))\n"),
    ]

    @Test(arguments: badInputs)
    func badSourceFilesFailWithExitCode2AndWriteNothing(input: BadInput) throws {
        let cwd = E.workingDirectory()
        let run = try E.toolkit(["generate", "connect4", "--source", fixture("tables/bad/" + input.file), "--out", "c4"], in: cwd)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("toolkit: error: "))
        #expect(run.stderr.hasSuffix(input.stderrSuffix), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cwd).isEmpty)
    }

    @Test func lookalikeNpyOutput() throws {
        let cwd = E.workingDirectory()
        let run = try E.toolkit(["generate", "arrhythmia-toll", "--format", "npy", "--scale", "standard", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("synthetic-lookalike"))
        let files = try FileManager.default.contentsOfDirectory(atPath: cwd + "/arrhythmia-toll").sorted()
        #expect(files == ["labels.csv", "manifest.json", "test.npy", "test_labels.npy", "train.npy", "train_labels.npy",
                          "validation.npy", "validation_labels.npy"])
        let header = try Data(contentsOf: URL(fileURLWithPath: cwd + "/arrhythmia-toll/test.npy")).prefix(128)
        #expect(String(decoding: header.dropFirst(10), as: UTF8.self).hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (90, 274), }"))
        let manifest = try E.manifest(cwd + "/arrhythmia-toll")
        let columns = manifest["columns"] as! [[String: Any]]
        #expect((columns[0]["scaling"] as? [String: Any])?["method"] as? String == "standard")
    }

    @Test func oneHotZigzag() throws {
        let cwd = E.workingDirectory()
        let run = try E.toolkit(["generate", "zigzag", "--encode", "onehot", "--out", "z", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let header = try String(contentsOfFile: cwd + "/z/test.csv", encoding: .utf8).split(separator: "\n")[0]
        #expect(header.split(separator: ",").count == 1 + 90)
        #expect(header.hasPrefix("id,attr1=0,attr1=1,"))
    }

    @Test func sourceOnAZigzagRecipeIsAUsageError() throws {
        let run = try E.toolkit(["generate", "zigzag", "--source", "x.csv"], in: E.workingDirectory())
        #expect(run.status == 2)
        #expect(run.stderr.contains("--source applies to the recipes that read a file: table recipes (connect4, kddcup99, arrhythmia, or kind: table), ecg5000,"))
    }

    @Test(.enabled(if: haveSharedData, "needs ../shared/data/connect-4.data.Z"))
    func realConnectFour() throws {
        let cwd = E.workingDirectory()
        let run = try E.toolkit(["generate", "connect4", "--source", sharedData("connect-4.data.Z"), "--out", "c4"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("(recipe connect4, seed 1, uci-original)"))
        #expect(run.stdout.contains("40,000 rows"))
        #expect(run.stdout.contains("8,000 rows     4,000 anomalies (class:loss 4,000)"))
        let manifest = try E.manifest(cwd + "/c4")
        let source = manifest["source_file"] as! [String: Any]
        #expect(source["sha256"] as? String == "14c886b817783ac9b642f42ec78a2e67f727a3d41c94913af8954d454eee2367")
        #expect(source["known_original"] as? Bool == true)
    }
}
