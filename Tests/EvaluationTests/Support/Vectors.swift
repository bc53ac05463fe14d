import Foundation
@_exported import TestSupport
import Testing

/// The package's `Fixtures/` folder and the reference vectors in `Fixtures/metrics/`
/// (a copy of `shared/reference/metrics/`), located relative to this source file.
enum Vectors {
    static let fixtures = ReferenceVectors.fixtures
    static let metrics = ReferenceVectors.metrics
    static var document: JSONValue { ReferenceVectors.document }
    static func names(kind: String) -> [String] { ReferenceVectors.names(kind: kind) }
    static func vectorCase(_ name: String) -> JSONValue { ReferenceVectors.vectorCase(name) }

    /// The path of input `key` (`scores`, `labels`, `scores1`, `scores2`) of a case: the
    /// inline CSV text written to `folder`, or the data file under `Fixtures/metrics/`.
    static func inputPath(_ input: JSONValue, _ key: String, in folder: String) -> String {
        if let text = input["\(key)_csv"]?.string {
            let path = folder + "/\(key).csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return path
        }
        guard let relative = input["\(key)_file"]?["path"]?.string else { fatalError("no input \(key)") }
        return metrics + "/" + relative
    }

    /// The cut-off objects of an instance case and the `--cutoff` spelling that gives each.
    static let cutoffKeys: [(key: String, rule: String)] = [
        ("youden", "youden"), ("best_f1", "best-f1"), ("topk_true_ratio", "top:contamination"),
        ("fixed_threshold_0.5", "threshold:0.5"),
    ]

    /// Fields of a cut-off object that are counts or thresholds (compared exactly).
    static let exactFields: Set<String> = ["threshold", "tp", "fp", "fn", "tn", "n_flagged", "K"]
}

