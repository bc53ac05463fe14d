import ArgumentParser
import DataIO
import Foundation
import Randomness

/// `perf evaluate`: writes an `id,score,label` CSV of N rows (seeded: 5 % anomalies, scores
/// N(0,1) + 1.5 for anomalies, shortest round-trip decimals, as pandas writes them), runs
/// `toolkit evaluate` on it with every metric and three cut-offs, and reports the median wall
/// time and the child's peak memory per row. With `--peer PYTHON` it also times the
/// reference peer (pandas `read_csv` + scikit-learn `roc_auc_score`,
/// `average_precision_score`, `precision_recall_curve`, `roc_curve`) on the same file.
struct EvaluatePerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Benchmark the evaluator against pandas + scikit-learn."
    )

    @Option(help: "Comma-separated row counts.")
    var rows: String = "1000000,10000000"

    @Option(help: "Runs per size (the median is reported).")
    var repeats: Int = 3

    @Option(help: "A Python with pandas and scikit-learn, to time the peer on the same files.")
    var peer: String?

    @Option(help: "Scratch folder for the score files (kept between runs: files are reused).")
    var scratch: String = NSTemporaryDirectory() + "toolkit-perf-evaluate"

    func run() throws {
        let toolkit = ChildProcess.toolkitPath()
        let sizes = try rows.split(separator: ",").map { text -> Int in
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n >= 100 else {
                throw ValidationError("--rows: '\(text)' is not a row count of at least 100")
            }
            return n
        }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let peerScript = scratch + "/peer.py"
        try Self.peerSource.write(toFile: peerScript, atomically: false, encoding: .utf8)
        print("machine: \(MachineDescription.text())")
        print("command: \(toolkit) evaluate FILE --cutoff youden --cutoff best-f1 --cutoff top:0.05 --format json -o OUT")
        print("")
        print("| rows | file MB | toolkit evaluate | peak RSS | bytes/row |" + (peer == nil ? "" : " peer: read + 4 calls | peer process | peer RSS | speed-up (calls / process) |"))
        print("|---:|---:|---:|---:|---:|" + (peer == nil ? "" : "---:|---:|---:|---:|"))
        for n in sizes {
            let path = scratch + "/scores-\(n).csv"
            if !FileManager.default.fileExists(atPath: path) { try Self.writeScores(n, to: path) }
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
            let ours = try median((0..<repeats).map { _ in
                let r = try ChildProcess.run(toolkit, ["evaluate", path, "--cutoff", "youden", "--cutoff", "best-f1",
                                                       "--cutoff", "top:0.05", "--format", "json", "-o", scratch + "/out.json"])
                guard r.status == 0 else { throw PerfError("toolkit evaluate exited with \(r.status)") }
                return r
            })
            var line = "| \(n) | \(String(format: "%.0f", Double(size) / 1e6)) | \(String(format: "%.2f s", ours.seconds)) | \(ours.maxResidentKB / 1024) MiB | \(String(format: "%.1f", Double(ours.maxResidentKB) * 1024 / Double(n))) |"
            if let peer {
                var work: [Double] = []
                let theirs = try median((0..<repeats).map { _ in
                    let r = try ChildProcess.run(peer, [peerScript, path, scratch + "/peer-time.txt"])
                    guard r.status == 0 else { throw PerfError("the peer exited with \(r.status) (does \(peer) have pandas and scikit-learn?)") }
                    work.append(Double((try? String(contentsOfFile: scratch + "/peer-time.txt", encoding: .utf8)) ?? "") ?? .nan)
                    return r
                })
                let medianWork = work.sorted()[work.count / 2]
                line += " \(String(format: "%.2f s", medianWork)) | \(String(format: "%.2f s", theirs.seconds)) | \(theirs.maxResidentKB / 1024) MiB | \(String(format: "%.1fx / %.1fx", medianWork / ours.seconds, theirs.seconds / ours.seconds)) |"
            }
            print(line)
        }
    }

    private func median(_ results: [ChildProcess.Result]) throws -> ChildProcess.Result {
        results.sorted { $0.seconds < $1.seconds }[results.count / 2]
    }

    /// The benchmark file, written with the toolkit's own CSV writer (deterministic).
    static func writeScores(_ n: Int, to path: String) throws {
        var generator = Xoshiro256StarStar(seed: 7)
        try FileSystem.writeAtomically(to: path) { file in
            try file.write("id,score,label\n")
            for id in 0..<n {
                let anomaly = generator.bernoulli(0.05)
                try file.write(integer: id)
                try file.write(byte: UInt8(ascii: ","))
                try file.write(double: generator.standardNormal() + (anomaly ? 1.5 : 0))
                try file.write(byte: UInt8(ascii: ","))
                try file.write(byte: anomaly ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                try file.write(byte: UInt8(ascii: "\n"))
            }
        }
    }

    /// The peer, timed as a whole process (interpreter start and imports included, as a user
    /// running a script would see it).
    static let peerSource = """
        import sys, time
        import pandas as pd
        from sklearn.metrics import roc_auc_score, average_precision_score, precision_recall_curve, roc_curve
        start = time.perf_counter()
        df = pd.read_csv(sys.argv[1])
        y = df['label'].values
        s = df['score'].values
        roc_auc_score(y, s); average_precision_score(y, s); precision_recall_curve(y, s); roc_curve(y, s)
        with open(sys.argv[2], 'w') as out:
            out.write(str(time.perf_counter() - start))
        """
}
