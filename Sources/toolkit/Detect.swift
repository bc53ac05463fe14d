import ArgumentParser
import DataIO
import Detectors

/// `toolkit detect NAME --dataset DIR --out scores.csv`: fits a reference detector on the
/// dataset's training rows and writes `id,score` for the test rows.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a reference detector on a dataset and write its scores (id,score).",
        discussion: """
            Fits on the dataset's train split and scores the test split (or --split). Higher score = \
            more anomalous. The scores file feeds `toolkit evaluate`. Categorical columns are one-hot \
            encoded (hashed beyond 1024 values), multi-valued ones multi-hot; numeric features are \
            scaled as the detector prefers (--param scale=none|standard|minmax overrides), with \
            training statistics only. Same dataset, detector, parameters and seed = same scores on the \
            same machine; the neural detectors (ae, toll, dagmm, deep-e2e, alad, vrae) also depend on the CPU's OpenBLAS \
            kernels and thread count, like a change of seed (see `toolkit detectors`).

            Examples:
              toolkit detect iforest --dataset /tmp/zigzag --out iforest.csv
              toolkit detect ocsvm --dataset kdd --out ocsvm.csv --param nu=0.1 \\
                  --param max_train=20000
              toolkit evaluate iforest.csv --dataset /tmp/zigzag
            """
    )

    @Argument(help: "Detector name (see `toolkit detectors`).")
    var name: String

    @Option(help: "Dataset folder made by `toolkit generate` (csv or csv.gz).")
    var dataset: String

    @Option(name: .shortAndLong, help: "Output scores file (written atomically). Default: stdout.")
    var out: String?

    @Option(help: "Seed for the detector's randomness.")
    var seed: UInt64 = 0

    @Option(name: .customLong("param"), help: ArgumentHelp("A detector parameter (repeatable).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(help: "The split to score: test, train or validation.")
    var split = "test"

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    @Flag(name: .customLong("all-scores"), help: ArgumentHelp(
        "Also write every score the detector has from the same fit, to OUT-STEM.NAME.csv (alad: fm, l1, l2, ch; vrae: probability, error, wasserstein); needs --out."))
    var allScores = false

    @Flag(name: .customLong("no-verify"), help: "Do not check the dataset's files against the SHA-256 in its manifest.json.")
    var noVerify = false

    func run() throws {
        var request = DetectionRun(dataset: dataset, detector: name)
        request.parameters = parameters
        request.seed = seed
        request.scoreSplit = split
        request.quiet = quiet
        request.verify = !noVerify
        request.allVariants = allScores
        if allScores && out == nil {
            throw DataError("usage", "--all-scores writes one file per score beside --out; give --out")
        }
        let output = try request.run(log: { line in if !quiet { StandardError.write(line + "\n") } })
        if let out {
            try DetectionRun.writeScores(output, to: out)
            if !quiet {
                StandardError.write("wrote \(out) (\(output.ids.count) rows; fit \(String(format: "%.2f", output.fitSeconds)) s, score \(String(format: "%.2f", output.scoreSeconds)) s)\n")
            }
            let stem = out.hasSuffix(".csv") ? String(out.dropLast(4)) : out
            for variant in output.variants {
                let path = "\(stem).\(variant.name).csv"
                try DetectionRun.writeScores(output.with(scores: variant.scores), to: path)
                if !quiet { StandardError.write("wrote \(path) (score \(variant.name))\n") }
            }
        } else {
            var text = ""
            try DetectionRun.writeScores(output) { text += $0 }
            print(text, terminator: "")
        }
    }
}

/// `toolkit detectors`: the reference detectors and their parameters.
struct DetectorsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detectors", abstract: "List the reference detectors and their parameters.")

    func run() throws {
        for info in DetectorRegistry.all {
            print("\(info.name.padding(8)) \(info.summary)")
            for parameter in info.parameters {
                print("           \(parameter.name)=\(parameter.defaultValue)".padding(34) + parameter.help)
            }
            print("           scale=\(info.defaultScaling.rawValue)".padding(34) + "feature scaling: none, standard or minmax (training statistics)")
            if info.reproducibility == .machineDependent {
                print("           machine-dependent: the OpenBLAS kernels and thread count change a run as a seed does; compare means over seeds")
            }
        }
    }
}
