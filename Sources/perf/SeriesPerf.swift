import ArgumentParser
import Foundation
import Metrics

/// `perf series`: the time-series metrics on `bench_vus.py`'s series (100,000 points, 10
/// ranges, seed 4242; written by `Fixtures/scripts/ts-bench.py write`), timed in this process:
/// VUS-ROC + VUS-PR at W (the sort included), and the whole metric set (VUS, range-AUC, every
/// threshold-dependent figure at a cut-off, TSB-AD's `get_metrics` with its 100-threshold oracle
/// sweeps); then `toolkit evaluate --series --compat tsb-ad` as a process. With `--peer PYTHON`
/// (a Python with TSB-AD 1.5, see the script) it times TSB-AD on the same file right after, and
/// prints both VUS values so the numbers can be compared too.
struct SeriesPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Benchmark VUS and the time-series metrics against TSB-AD 1.5."
    )

    @Option(help: "The series (`id,score,label`, time order). Default: written by the script into --scratch.")
    var input: String?

    @Option(help: "Sliding window.")
    var window = 100

    @Option(help: "Repetitions of the in-process timings (the median is reported).")
    var repeats = 5

    @Option(help: "A Python with TSB-AD 1.5 (and numpy < 2), to time the peer on the same file.")
    var peer: String?

    @Option(help: "Path of Fixtures/scripts/ts-bench.py.")
    var script = "Fixtures/scripts/ts-bench.py"

    @Option(help: "Repetitions of TSB-AD's VUS.")
    var peerRepeats = 3

    @Flag(help: "Also time TSB-AD's whole get_metrics (about a minute or two).")
    var full = false

    @Option(help: "Scratch folder.")
    var scratch: String = NSTemporaryDirectory() + "toolkit-perf-series"

    func run() throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var path = input ?? scratch + "/bench-100k.csv"
        if input == nil && !FileManager.default.fileExists(atPath: path) {
            guard let peer else { throw PerfError("no --input: give one, or --peer PYTHON to write bench_vus.py's series with the script") }
            _ = try Self.capture(peer, [script, "write", path])
        }
        path = URL(fileURLWithPath: path).path
        let (scores, labels) = try Self.read(path)
        print("machine: \(MachineDescription.text())")
        print("series: \(path), n = \(scores.count), anomalies = \(labels.reduce(0) { $0 + Int($1) }), window = \(window)")
        print("")

        // VUS alone (the sort included).
        var vus: VolumeUnderSurface? = nil
        let vusTime = try Self.median(repeats) {
            let curve = try SeriesCurve(scores: scores, labels: labels)
            vus = try curve.volumeUnderSurface(window: window)
        }
        // The whole metric set.
        var tsbad: TSBADMetrics? = nil
        let allTime = try Self.median(repeats) {
            let curve = try SeriesCurve(scores: scores, labels: labels)
            let v = try curve.volumeUnderSurface(window: window)
            _ = try curve.rangeAUC(window: window)
            let cut = curve.curve.cutoff(.topContamination)
            let p = SeriesPrediction(scores: scores, threshold: cut.threshold)
            let l = curve.labels
            _ = try p.confusion(against: l)
            for k in PointAdjustment.standardK { _ = try PointAdjustment.confusion(labels: l, prediction: p, k: k) }
            _ = try PointAdjustment.tsbadConfusion(labels: l, prediction: p)
            _ = try EventBasedF1.tsbad(labels: l, prediction: p)
            _ = try RangeBasedPrecisionRecall.evaluate(labels: l, prediction: p)
            _ = try Affiliation.evaluate(labels: l, prediction: p)
            tsbad = try TSBADMetrics(curve: curve, window: window, vus: v)
        }
        let toolkit = ChildProcess.toolkitPath()
        let process = try (0..<3).map { _ in
            try ChildProcess.run(toolkit, ["evaluate", path, "--series", "--window", String(window), "--compat", "tsb-ad",
                                           "--format", "json", "-o", scratch + "/out.json"])
        }.sorted { $0.seconds < $1.seconds }[1]
        guard process.status == 0 else { throw PerfError("toolkit evaluate exited with \(process.status)") }
        guard let vus else { throw PerfError("no VUS measured (repeats \(repeats))") }

        print("| what | toolkit | VUS-ROC | VUS-PR |")
        print("|---|---:|---:|---:|")
        print("| VUS-ROC + VUS-PR, W = \(window) (sort included), median of \(repeats) | \(Self.format(vusTime)) | \(vus.roc) | \(vus.pr) |")
        print("| whole metric set: VUS, range-AUC, P/R/F1, PA%K, TSB-AD PA, event F1, range P/R, affiliation at top:contamination, and TSB-AD get_metrics with its oracle sweeps | \(Self.format(allTime)) | | |")
        print("| `toolkit evaluate FILE --series --window \(window) --compat tsb-ad` (process: read, every metric, write) | \(Self.format(process.seconds)) | | |")
        if let tsbad {
            print("")
            print("toolkit get_metrics: " + zip(TSBADMetrics.keys, tsbad.values).map { "'\($0)': \($1)" }.joined(separator: ", "))
        }
        guard let peer else { return }
        var arguments = [script, "time", path, "--window", String(window), "--reps", String(peerRepeats)]
        if full { arguments.append("--full") }
        let text = try Self.capture(peer, arguments)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let v = object["vus"] as? [String: Any], let seconds = v["median_s"] as? Double else {
            throw PerfError("unexpected peer output: \(text)")
        }
        print("")
        print("| TSB-AD 1.5 | seconds | VUS-ROC | VUS-PR | toolkit speed-up |")
        print("|---|---:|---:|---:|---:|")
        print("| generate_curve → VUS-ROC + VUS-PR, W = \(window), median of \(peerRepeats) | \(Self.format(seconds)) | \(v["vus_roc"] ?? "") | \(v["vus_pr"] ?? "") | \(String(format: "%.0fx", seconds / vusTime)) |")
        if let g = object["get_metrics"] as? [String: Any], let s = g["median_s"] as? Double {
            print("| get_metrics (pred = None), 1 run | \(Self.format(s)) | | | \(String(format: "%.0fx", s / allTime)) |")
            print("")
            print("TSB-AD get_metrics: " + TSBADMetrics.keys.map { "'\($0)': \(g[$0] ?? "?")" }.joined(separator: ", "))
        }
        let vusDifference = max(abs((v["vus_roc"] as? Double ?? .nan) - vus.roc), abs((v["vus_pr"] as? Double ?? .nan) - vus.pr))
        print("")
        print("largest |toolkit − TSB-AD| of the two VUS values: \(vusDifference)")
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    static func median(_ repeats: Int, _ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }

    /// `id,score,label` rows (header skipped).
    static func read(_ path: String) throws -> ([Double], [UInt8]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var scores: [Double] = [], labels: [UInt8] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == 3, let s = Double(fields[1]), let y = UInt8(fields[2]) else { throw PerfError("bad row: \(line)") }
            scores.append(s)
            labels.append(y)
        }
        return (scores, labels)
    }

    /// Runs a program and returns its standard output (stderr passes through).
    static func capture(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PerfError("\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
