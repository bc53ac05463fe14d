import ArgumentParser
import Foundation

/// `perf generate`: runs `toolkit generate zigzag` scaled by parameters to each row count and
/// reports wall time, rows per second, bytes written and the child's peak memory, to show that
/// generation is O(rows) and streams (peak memory independent of the row count).
struct GeneratePerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Benchmark dataset generation (toolkit generate zigzag scaled to N rows)."
    )

    @Option(help: "Comma-separated row counts (80% train, 20% test, half of the test rows anomalies).")
    var rows: String = "100000,1000000,10000000"

    @Option(help: "Runs per size (the median is reported).")
    var repeats: Int = 3

    @Option(help: "Scratch folder for the datasets (removed afterwards).")
    var scratch: String = NSTemporaryDirectory() + "toolkit-perf-generate"

    func run() throws {
        let toolkit = ChildProcess.toolkitPath()
        let sizes = try rows.split(separator: ",").map { text -> Int in
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n >= 10 else {
                throw ValidationError("--rows: '\(text)' is not a row count of at least 10")
            }
            return n
        }
        print("machine: \(MachineDescription.text())")
        print("command: \(toolkit) generate zigzag --out DIR --quiet --set generator.rows.train=0.8N --set generator.rows.test=0.2N --set generator.anomalies.count=0.1N")
        print("")
        print("| rows | median time | rows/s | MB written | peak RSS |")
        print("|---:|---:|---:|---:|---:|")
        let fm = FileManager.default
        for n in sizes {
            let train = n * 8 / 10, test = n - train, anomalies = test / 2
            var results: [ChildProcess.Result] = []
            var written = 0
            for _ in 0..<repeats {
                try? fm.removeItem(atPath: scratch)
                let r = try ChildProcess.run(toolkit, [
                    "generate", "zigzag", "--out", scratch, "--quiet",
                    "--set", "generator.rows.train=\(train)", "--set", "generator.rows.test=\(test)",
                    "--set", "generator.anomalies.count=\(anomalies)",
                ])
                guard r.status == 0 else { throw PerfError("toolkit generate exited with \(r.status) at \(n) rows") }
                results.append(r)
                written = try fm.contentsOfDirectory(atPath: scratch).reduce(0) { total, name in
                    total + ((try fm.attributesOfItem(atPath: scratch + "/" + name)[.size] as? Int) ?? 0)
                }
            }
            try? fm.removeItem(atPath: scratch)
            let median = results.sorted { $0.seconds < $1.seconds }[results.count / 2]
            let rate = Double(n) / median.seconds
            print("| \(n) | \(String(format: "%.2f s", median.seconds)) | \(String(format: "%.2fM", rate / 1e6)) | \(String(format: "%.0f", Double(written) / 1e6)) | \(median.maxResidentKB / 1024) MiB |")
        }
    }
}
