import DataIO
import Evaluation
import Foundation
import Metrics
import Randomness
import TestSupport

/// A random labelled score set written as a whole file and as shards, for the sharded
/// evaluation tests: two score columns (one with heavy ties, one all but distinct, or both
/// distinct), a label file in its own row order with a `block` column, and a dataset folder
/// (`labels.csv` with a train split before the test rows, `manifest.json`).
struct ShardFixture {
    enum Labels: CustomStringConvertible {
        /// The score files' own `label` column.
        case own
        /// `--labels FILE`.
        case file
        /// `--dataset DIR`.
        case dataset
        var description: String { self == .own ? "own" : self == .file ? "file" : "dataset" }
    }

    let folder: String
    let ids: [String]
    let labels: [UInt8]
    let blocks: [Int]
    let scores: [[Double]]
    let columns = ["score", "second"]

    /// `n` rows, ~10 % anomalies; `ties`: the first column rounded to one decimal (heavy ties,
    /// −0.0 among them), else both columns continuous.
    init(rows n: Int, ties: Bool, seed: UInt64) {
        var g = Xoshiro256StarStar(seed: seed)
        folder = temporaryFolder()
        ids = (0..<n).map { "r\($0 * 7 % (n + 3))-\($0)" }
        labels = (0..<n).map { _ in UInt8(g.uniformInt(below: 10) == 0 ? 1 : 0) }
        blocks = (0..<n).map { $0 / 13 * 2 }
        var first: [Double] = [], second: [Double] = []
        for i in 0..<n {
            let shift = labels[i] == 1 ? 1.2 : 0
            let x = g.standardNormal() + shift
            var rounded = (x * 10).rounded() / 10
            if rounded == 0 { rounded = i % 2 == 0 ? -0.0 : 0.0 }
            first.append(ties ? rounded : x)
            second.append(g.standardNormal() * 1e-3 + shift * 1e-3 + 1e9)
        }
        scores = [first, second]
        // The label file and the dataset list the rows in id order of position (canonical).
        var text = "id,label,block\n"
        for i in 0..<n { text += "\(ids[i]),\(labels[i]),\(blocks[i])\n" }
        write(text, to: labelsPath)
        try! FileManager.default.createDirectory(atPath: datasetPath, withIntermediateDirectories: true)
        var dataset = "id,split,label,kind,block\n"
        for i in 0..<5 { dataset += "t\(i),train,0,,\(i)\n" }
        for i in 0..<n { dataset += "\(ids[i]),test,\(labels[i]),\(labels[i] == 1 ? "noise" : ""),\(blocks[i])\n" }
        write(dataset, to: datasetPath + "/labels.csv")
        try! writeManifest(to: datasetPath, columns: [], recipeName: "fixture")
    }

    var labelsPath: String { folder + "/labels.csv" }
    var datasetPath: String { folder + "/dataset" }

    /// Writes the rows `rows` (in that order) as a score file; with `label` a label column too.
    func writeScores(_ rows: [Int], to name: String, label: Bool) -> String {
        var text = label ? "id,label,score,second\n" : "id,score,second\n"
        for i in rows {
            text += label ? "\(ids[i]),\(labels[i]),\(scores[0][i]),\(scores[1][i])\n" : "\(ids[i]),\(scores[0][i]),\(scores[1][i])\n"
        }
        let path = folder + "/" + name
        write(text, to: path)
        return path
    }

    /// The options of an evaluation of `files` with these labels, cut-offs and blocks.
    func options(_ files: [String], labels mode: Labels, blocks: BlockSpec?) -> EvaluationOptions {
        var options = EvaluationOptions()
        options.scoreFiles = files
        options.scoreColumns = columns
        switch mode {
        case .own: break
        case .file: options.labelsPath = labelsPath
        case .dataset: options.datasetPath = datasetPath
        }
        options.cutoffs = ShardFixture.cutoffs
        options.blocks = blocks
        return options
    }

    static let cutoffs = ["youden", "best-f1", "top:0.1", "top:50", "threshold:0.5", "top:contamination"].map { try! CutoffSpec(parsing: $0) }

    /// The rows split into `count` shards at random (interleaved), each shard shuffled.
    func shards(_ count: Int, seed: UInt64) -> [[Int]] {
        var g = Xoshiro256StarStar(seed: seed)
        var shards = [[Int]](repeating: [], count: count)
        for i in labels.indices { shards[g.uniformInt(below: count)].append(i) }
        // No shard empty (a score file needs a row).
        for s in shards.indices where shards[s].isEmpty { shards[s].append(shards[(s + 1) % count].removeLast()) }
        return shards.map { $0.shuffled(using: &g) }
    }

    /// The JSON of `result` with the runs named as in `reference` (a merged result's runs come
    /// from several files; their file and name, and so the comparison's run names, are the only
    /// fields that may differ) and no command line.
    static func json(_ result: EvaluationResult, namedAs reference: EvaluationResult? = nil) -> String {
        var result = result
        if let reference {
            for index in result.runs.indices where index < reference.runs.count {
                result.runs[index].name = reference.runs[index].name
                result.runs[index].file = reference.runs[index].file
            }
            if let names = reference.comparison, result.comparison != nil {
                result.comparison?.a = names.a
                result.comparison?.b = names.b
            }
        }
        return EvaluationJSON.render(result, command: "")
    }

    private func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}
