import Foundation
@_exported import TestSupport
import Testing

/// Fixtures for the `toolkit evaluate` end-to-end tests: the reference vectors
/// (`Fixtures/metrics/vectors.json`) and the bad inputs (`Fixtures/evaluate/bad/`).
enum EvaluateFixtures {
    static let root = ReferenceVectors.fixtures
    static let metrics = ReferenceVectors.metrics
    static let bad = root + "/evaluate/bad"
    static var vectors: JSONValue { ReferenceVectors.document }
    static func names(kind: String) -> [String] { ReferenceVectors.names(kind: kind) }
    static func vectorCase(_ name: String) -> JSONValue { ReferenceVectors.vectorCase(name) }

    /// Input `key` of a case as a path: inline text written into `folder` as `KEY.csv`, or the
    /// absolute path of the data file.
    static func inputPath(_ input: JSONValue, _ key: String, in folder: String) -> String {
        if let text = input["\(key)_csv"]?.string {
            write(text, to: folder + "/\(key).csv")
            return "\(key).csv"
        }
        guard let relative = input["\(key)_file"]?["path"]?.string else { fatalError("no input \(key)") }
        return metrics + "/" + relative
    }

    static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// Vector cut-off objects, the `--cutoff` giving each, and vector field → JSON key.
    static let cutoffKeys: [(key: String, rule: String)] = [
        ("youden", "youden"), ("best_f1", "best-f1"), ("topk_true_ratio", "top:contamination"),
        ("fixed_threshold_0.5", "threshold:0.5"),
    ]
    static let jsonKey: [String: String] = ["J": "youden_j", "K": "k"]
    static let exactFields: Set<String> = ["threshold", "tp", "fp", "fn", "tn", "n_flagged", "K"]

    /// One bad-input fixture: a folder with the score file, the labels (if any) and `expect`
    /// (`code:`, `where:` fragments of the error line, optional `args:` and, for accepted
    /// inputs, `auroc:`).
    struct BadCase: Sendable, CustomStringConvertible {
        let name: String
        let folder: String
        let code: String
        let fragments: [String]
        let extraArguments: [String]
        let auroc: Double?
        let scoreFile: String
        let hasLabels: Bool
        var description: String { name }

        init(_ name: String) {
            self.name = name
            folder = EvaluateFixtures.bad + "/" + name
            let text = String(decoding: FileManager.default.contents(atPath: folder + "/expect") ?? Data(), as: UTF8.self)
            var code = "", fragments: [String] = [], arguments: [String] = [], auroc: Double? = nil
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                if line.hasPrefix("code: ") { code = String(line.dropFirst(6)) }
                if line.hasPrefix("where: ") { fragments.append(String(line.dropFirst(7))) }
                if line.hasPrefix("args: ") { arguments = line.dropFirst(6).split(separator: " ").map(String.init) }
                if line.hasPrefix("auroc: ") { auroc = Double(line.dropFirst(7)) }
            }
            self.code = code
            self.fragments = fragments
            extraArguments = arguments
            self.auroc = auroc
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            scoreFile = files.first { $0.hasPrefix("scores.") } ?? "scores.csv"
            hasLabels = files.contains("labels.csv")
        }

        /// `evaluate` arguments, relative to a copy of the folder.
        var arguments: [String] {
            ["evaluate", scoreFile] + (hasLabels ? ["--labels", "labels.csv"] : []) + extraArguments
        }

        /// A fresh copy of the fixture folder (so that outputs never land in `Fixtures/`).
        func copy() throws -> String {
            let target = GenerateEndToEndTests.workingDirectory() + "/" + name
            try FileManager.default.copyItem(atPath: folder, toPath: target)
            return target
        }
    }

    static let badCases: [BadCase] = ((try? FileManager.default.contentsOfDirectory(atPath: bad)) ?? []).sorted().map(BadCase.init)
}

