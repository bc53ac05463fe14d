import ArgumentParser
import DataIO
import Datasets
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
            same machine; the neural detectors (ae, toll, dagmm, deep-e2e, alad, vrae, amad) also depend on the CPU's OpenBLAS \
            kernels and thread count, like a change of seed (see `toolkit detectors`).

            Examples:
              toolkit detect iforest --dataset /tmp/zigzag --out iforest.csv
              toolkit detect ocsvm --dataset kdd --out ocsvm.csv --param nu=0.1 \\
                  --param max_train=20000
              toolkit evaluate iforest.csv --dataset /tmp/zigzag

            --windows reads a sequence dataset (solar-pv) as the windows of its windows.csv: one row \
            per window, its readings of the value columns flattened time-major (power[0] … power[11]). \
            --out W.csv then holds one score per window (id = window number, for `evaluate --windows`) \
            and W.readings.csv one per reading of the scored split (for `evaluate --dataset`): the max \
            (or --reading-scores mean) of the windows covering it; a reading no window covers gets the \
            split's lowest window score. Without --out only the window scores are written (stdout).
              toolkit generate solar-pv --out /tmp/spv
              toolkit detect iforest --dataset /tmp/spv --windows --out w.csv
              toolkit evaluate w.csv --dataset /tmp/spv --windows
              toolkit evaluate w.readings.csv --dataset /tmp/spv

            amad reads the rows themselves (id lists per attribute, in order, in blocks) and also \
            scores blocks: with --out S.csv it writes S.blocks.csv (block,score) for --block-scores.
              toolkit generate zigzag --out zz
              toolkit detect amad --dataset zz --out amad.csv
              toolkit evaluate amad.csv --dataset zz --block-scores amad.blocks.csv

            --score-at-epochs scores the model part-way through its training as well (alad), with \
            the weights it would score with had it stopped there; the training is unchanged:
              toolkit detect alad --dataset kdd --param epochs=400 --score-at-epochs 100,200,300 \\
                  --out alad.csv --all-scores     # alad.epoch100.csv, alad.epoch100.fm.csv, ...
            """
    )

    @Argument(help: "Detector name (see `toolkit detectors`).")
    var name: String

    @Option(help: "Dataset folder made by `toolkit generate` (csv, csv.gz or npy).")
    var dataset: String

    @Option(name: .shortAndLong, help: "Output scores file (written atomically). Default: stdout.")
    var out: String?

    @Option(parsing: .unconditional, help: "Seed for the detector's randomness.", transform: SeedArgument.parse)
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

    @Flag(help: "Read the dataset as the windows of its windows.csv (sequence datasets such as solar-pv): one row per window; also writes OUT-STEM.readings.csv with per-reading scores.")
    var windows = false

    @Option(name: .customLong("window-columns"), help: ArgumentHelp(
        "With --windows: the numeric columns of a window, comma-separated (default: the recipe's series values column, power for solar-pv).",
        valueName: "a,b"))
    var windowColumns: String?

    @Option(name: .customLong("reading-scores"), help: ArgumentHelp(
        "With --windows: a reading's score from the windows covering it, max (default) or mean.", valueName: "max|mean"))
    var readingScores: String?

    @Flag(name: .customLong("no-verify"), help: "Do not check the dataset's files against the SHA-256 in its manifest.json.")
    var noVerify = false

    @Option(name: .customLong("score-at-epochs"), help: ArgumentHelp(
        "Also score the model after these epochs of its training, to OUT-STEM.epochN.csv (and OUT-STEM.epochN.NAME.csv with --all-scores), each written as the training passes it; needs --out (alad).",
        valueName: "n,m,..."))
    var scoreAtEpochs: String?

    /// ``scoreAtEpochs`` as sorted distinct epochs.
    static func epochs(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--score-at-epochs: expected comma-separated epoch numbers from 1 (e.g. 100,200,300), got '\(text)'")
        }
        return Array(Set(values)).sorted()
    }

    func validate() throws {
        if !windows && windowColumns != nil { throw ValidationError("--window-columns is for --windows") }
        if !windows && readingScores != nil { throw ValidationError("--reading-scores is for --windows") }
        if let readingScores, ReadingAggregation(rawValue: readingScores) == nil {
            throw ValidationError("--reading-scores must be max or mean, got '\(readingScores)'")
        }
        if let scoreAtEpochs {
            _ = try Self.epochs(scoreAtEpochs)
            if out == nil { throw ValidationError("--score-at-epochs writes its scores beside --out; give --out") }
        }
        if let windowColumns, windowColumns.split(separator: ",", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw ValidationError("--window-columns: expected comma-separated column names, got '\(windowColumns)'")
        }
        // The scores must not replace one of the dataset's own files (its checksums would then fail).
        if let out, let file = DatasetFolder.ownFiles(of: dataset).first(where: { FileSystem.samePath($0, out) }) {
            throw ValidationError("--out \(out) would overwrite the dataset's file \(file)")
        }
    }

    func run() throws {
        var request = DetectionRun(dataset: dataset, detector: name)
        request.parameters = parameters
        request.seed = seed
        request.scoreSplit = split
        request.quiet = quiet
        request.verify = !noVerify
        request.allVariants = allScores
        request.windows = windows
        request.windowColumns = windowColumns.map { $0.split(separator: ",").map(String.init) }
        request.readingAggregation = readingScores.flatMap(ReadingAggregation.init(rawValue:)) ?? .max
        request.snapshotEpochs = try scoreAtEpochs.map(Self.epochs) ?? []
        if allScores && out == nil {
            throw DataError(.usage, "--all-scores writes one file per score beside --out; give --out")
        }
        if let out { try FileSystem.checkWritable(out) }   // before the fit, which may take hours
        let stem = out.map { $0.hasSuffix(".csv") ? String($0.dropLast(4)) : $0 } ?? ""
        let output = try request.run(log: { line in if !quiet { StandardError.write(line + "\n") } }) { epoch, snapshot, log in
            // A snapshot's files as the training passes it: a run stopped later keeps them.
            let path = "\(stem).epoch\(epoch).csv"
            try DetectionRun.writeScores(snapshot, to: path)
            log("wrote \(path) (after epoch \(epoch); score \(String(format: "%.2f", snapshot.scoreSeconds)) s)")
            try Self.writeVariants(of: snapshot, stem: "\(stem).epoch\(epoch)", note: "after epoch \(epoch); ", log: log)
        }
        if let out {
            try DetectionRun.writeScores(output, to: out)
            if !quiet {
                StandardError.write("wrote \(out) (\(output.ids.count) \(windows ? "windows" : "rows"); fit \(String(format: "%.2f", output.fitSeconds)) s, score \(String(format: "%.2f", output.scoreSeconds)) s)\n")
            }
            if let blocks = output.blockScores {
                let path = DetectionRun.blocksPath(of: out)
                try DetectionRun.writeBlockScores(blocks, to: path)
                if !quiet { StandardError.write("wrote \(path) (\(blocks.count) blocks of \(output.blockSize ?? 0) rows; `toolkit evaluate \(out) --dataset \(dataset) --block-scores \(path)`)\n") }
            }
            let readings = output.readings
            if let readings {
                let path = DetectionRun.readingsPath(of: out)
                try DetectionRun.writeScores(readings, to: path)
                if !quiet { StandardError.write("wrote \(path) (\(readings.ids.count) readings, \(request.readingAggregation.rawValue) of the windows covering each)\n") }
            }
            try Self.writeVariants(of: output, stem: stem) { line in if !quiet { StandardError.write(line + "\n") } }
        } else {
            var text = ""
            try DetectionRun.writeScores(output) { text += $0 }
            print(text, terminator: "")
        }
    }
}

extension Detect {
    /// `--all-scores`: each further score of `output` to STEM.NAME.csv (and, for windows, its
    /// per-reading file beside it), for the final scores and for every snapshot alike.
    static func writeVariants(of output: DetectionRun.Output, stem: String, note: String = "", log: (String) -> Void) throws {
        let readings = output.readings
        for (k, variant) in output.variants.enumerated() {
            let path = "\(stem).\(variant.name).csv"
            try DetectionRun.writeScores(output.with(scores: variant.scores), to: path)
            log("wrote \(path) (\(note)score \(variant.name))")
            if let readings {
                let readingsPath = DetectionRun.readingsPath(of: path)
                try DetectionRun.writeScores(readings.with(scores: readings.variants[k].scores), to: readingsPath)
                log("wrote \(readingsPath) (\(note)score \(variant.name), per reading)")
            }
        }
    }
}

/// `toolkit detectors`: the reference detectors and their parameters.
struct DetectorsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detectors", abstract: "List the reference detectors and their parameters.")

    /// One `name=default  help` line: the help in its column, or two spaces after a longer head.
    static func parameterLine(_ setting: String, _ help: String) -> String {
        let head = "           " + setting
        return head.padding(max(34, head.count + 2)) + help
    }

    func run() throws {
        for info in DetectorRegistry.all {
            print("\(info.name.padding(8)) \(info.summary)")
            for parameter in info.parameters {
                print(Self.parameterLine("\(parameter.name)=\(parameter.defaultValue)", parameter.help))
            }
            if !DetectorRegistry.readingRecords.contains(info.name) {
                print(Self.parameterLine("scale=\(info.defaultScaling.rawValue)", "feature scaling: none, standard or minmax (training statistics)"))
            }
            if info.reproducibility == .machineDependent {
                print("           machine-dependent: the OpenBLAS kernels and thread count change a run as a seed does; compare means over seeds")
            }
        }
        let others = DetectorRegistry.readingRecords
        print("Every detector\(others.isEmpty ? "" : " but " + others.joined(separator: ", ") + " (it reads the ids itself)") also takes, for multi-valued (id list) columns:")
        print(Self.parameterLine("lists=multi-hot", "multi-hot, embedding (mean of learned id vectors) or hashed-embedding (of random ones)"))
        print(Self.parameterLine("list_dim=\(ListEncoding.defaultDimension)", "dimension of the id vectors of lists=embedding and hashed-embedding"))
    }
}
