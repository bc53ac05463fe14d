import Foundation
import Synchronization
import Testing
@_exported import TestSupport

/// Reads `Fixtures/metrics/` (a copy of `shared/reference/metrics/`: `vectors.json`, `data/`,
/// `ref_data/aSAH.csv`), located relative to this source file.
enum Fixtures {
    /// `<package root>/Fixtures/metrics`.
    static let directory = URL(fileURLWithPath: ReferenceVectors.metrics)

    static func bytes(_ relativePath: String) -> [UInt8] {
        let path = directory.appendingPathComponent(relativePath).path
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("missing fixture \(path)")
        }
        return [UInt8](data)
    }

    /// The parsed `vectors.json`.
    static var vectors: JSONValue { ReferenceVectors.document }

    /// All cases of one kind, by name.
    static func cases(kind: String) -> [String] { ReferenceVectors.names(kind: kind) }

    /// One case by name.
    static func vectorCase(_ name: String) -> JSONValue { ReferenceVectors.vectorCase(name) }

    /// The text of input `key` (`scores`, `labels`, `scores1`, `scores2`): inline CSV or a file.
    static func inputText(_ input: JSONValue, _ key: String) -> String {
        if let text = input["\(key)_csv"]?.string { return text }
        guard let path = input["\(key)_file"]?["path"]?.string else { fatalError("no input \(key)") }
        return String(decoding: bytes(path), as: UTF8.self)
    }

    /// Rows of a clean two-column CSV (`id,value`), header skipped, blank lines ignored.
    static func rows(_ text: String) -> [(id: Substring, value: Substring)] {
        var out: [(Substring, Substring)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() where i > 0 {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            out.append((fields[0].trimmingCharacters(in: .whitespaces)[...], fields[1].trimmingCharacters(in: .whitespaces)[...]))
        }
        return out
    }

    /// Labels in label-file (canonical) order and the scores joined to them by id.
    static func joined(labelsText: String, scoresText: String) -> (scores: [Double], labels: [Bool]) {
        var byID: [Substring: Double] = [:]
        for row in rows(scoresText) { byID[row.id] = Double(row.value)! }
        var scores: [Double] = [], labels: [Bool] = []
        for row in rows(labelsText) {
            labels.append(row.value == "1")
            scores.append(byID[row.id]!)
        }
        return (scores, labels)
    }

    private static let cache = Mutex<[String: InstanceInput]>([:])

    /// The (scores, labels) of an instance or error case, parsed once.
    static func instance(_ name: String) -> InstanceInput {
        if let hit = cache.withLock({ $0[name] }) { return hit }
        let input = vectorCase(name)["input"]!
        let (scores, labels) = joined(labelsText: inputText(input, "labels"), scoresText: inputText(input, "scores"))
        let value = InstanceInput(scores: scores, labels: labels)
        cache.withLock { $0[name] = value }
        return value
    }

    /// Labels and the two score columns of a DeLong case, in label order.
    static func delong(_ name: String) -> (labels: [Bool], scores1: [Double], scores2: [Double]) {
        let input = vectorCase(name)["input"]!
        let labelsText = inputText(input, "labels")
        let first = joined(labelsText: labelsText, scoresText: inputText(input, "scores1"))
        let second = joined(labelsText: labelsText, scoresText: inputText(input, "scores2"))
        return (first.labels, first.scores, second.scores)
    }

    /// A column pair of `ref_data/aSAH.csv` (header `label,wfns,s100b,ndka`).
    static func aSAH(scoreColumn: String) -> (scores: [Double], labels: [Bool]) {
        let text = String(decoding: bytes("ref_data/aSAH.csv"), as: UTF8.self)
        let lines = text.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let labelIndex = header.firstIndex(of: "label")!, scoreIndex = header.firstIndex(of: scoreColumn)!
        var scores: [Double] = [], labels: [Bool] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            labels.append(fields[labelIndex] == "1")
            scores.append(Double(fields[scoreIndex])!)
        }
        return (scores, labels)
    }
}

struct InstanceInput: Sendable {
    let scores: [Double]
    let labels: [Bool]
}

/// A float field of a vectors object, which must be present.
func field(_ object: JSONValue?, _ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
    guard let value = object?[key]?.double else {
        Issue.record("missing numeric field \(key)", sourceLocation: sourceLocation)
        return .nan
    }
    return value
}
