import ArgumentParser
import DataIO
import Datasets
import Evaluation
import Metrics

/// `toolkit evaluate`: scores a detector's output against the labels.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate detector scores against labels (scikit-learn-exact metrics).",
        discussion: """
            A score file is a CSV with a header: an `id` column and one or more score columns \
            (higher = more anomalous). Labels come from a `label` column in the score file, from \
            --labels FILE (`id,label`), or from --dataset DIR (its labels.csv, split `test`). \
            Each score column of each file is one run; several runs are summarised \
            (mean, std, min, max). Files may be compressed (.gz, .xz, .bz2, .zip).

            Cut-offs (repeat --cutoff): youden, best-f1, top:contamination (oracle: chosen with \
            the evaluated labels), top:R for a fraction (top:0.2), top:K for a number of rows \
            (top:500), threshold:T, calibrated:RULE with --calibrate VALIDATION.csv (deployable). \
            Default: youden, best-f1, top:contamination.

            Time series (--series; automatic for datasets whose recipe declares it, such as \
            solar-pv): the rows in label-file order are a series; adds VUS-ROC/VUS-PR (the \
            headline) and range-AUC at the sliding window W (--window N, or auto: TSB-AD's \
            find_length_rank on the dataset's values column, else 100), and at each cut-off \
            range-based P/R (Tatbul), affiliation P/R, event F1 and point-adjusted F1 (PA%K, \
            marked inflated, beside a random and a constant score). A `series` column in the \
            labels scores each series on its own, then averages. --compat tsb-ad prints TSB-AD \
            1.5's get_metrics keys and values instead (W = 100 unless given). --windows scores \
            windows of a sequence dataset against its windows.csv.

            Per anomaly kind (--by-kind; the labels' `kind` column, as in a dataset's labels.csv \
            and windows.csv): for each kind among the anomalous rows, AUROC and AP on all normal \
            rows plus that kind's anomalies only, the other kinds' anomalies left out (the usual \
            per-type AUROC, as ADBench reports); with several runs, their mean and std too. With \
            --series the per-kind figures are point-wise, on the rows.

            Sharded evaluation: --partial OUT writes a compact, mergeable summary of the score \
            files (one shard of a larger file: with --labels or --dataset it may score any subset of \
            the labelled ids) instead of results; --merge P1 P2 ... merges such partials (in any \
            grouping; with --partial OUT again it writes the merged partial) and prints the results \
            of all their rows, identical to evaluating the concatenated file. With --compare A B the \
            partial also holds DeLong's pairs (each distinct pair of A's and B's scores with its \
            counts; a shard must score the same ids with both). Not mergeable: time series, \
            --bootstrap, --by-kind, calibrated: cut-offs, --report.

            Examples:
              toolkit evaluate scores.csv --dataset /tmp/zigzag
              toolkit evaluate scores.csv --labels labels.csv --cutoff top:0.2 \\
                  --format json -o metrics.json
              toolkit evaluate run1.csv run2.csv run3.csv --dataset D \\
                  --block-size 100 --report report.html
              toolkit evaluate --dataset D \\
                  --compare iforest-1.csv,iforest-2.csv ae-1.csv,ae-2.csv
              toolkit evaluate scores.csv --dataset /tmp/solar-pv --by-kind
              toolkit evaluate shard-3.csv --labels labels.csv --partial shard-3.partial
              toolkit evaluate --merge shard-*.partial --format json -o metrics.json
              toolkit evaluate --dataset D --compare iforest-3.csv ae-3.csv \\
                  --partial cmp-3.partial
            """
    )

    @Argument(help: "Score files (CSV with a header; plain or compressed). Each score column is one run.")
    var scores: [String] = []

    @Option(help: "Label file: CSV with `id` and `label` (0 = normal, 1 = anomaly) columns, optionally `block`.")
    var labels: String?

    @Option(name: .customLong("dataset"), help: "Dataset folder from `toolkit generate`: its labels.csv gives the labels (and blocks). Repeated: one dataset per series, paired with the score files in order (time series).")
    var datasets: [String] = []

    /// The one dataset, when a single one is given.
    var dataset: String? { datasets.count == 1 ? datasets[0] : nil }

    @Option(help: "The split the scores are for (rows of --dataset's labels.csv, or of a --labels file with a split column).")
    var split = "test"

    @Flag(name: .customLong("no-verify"), help: "Do not check the dataset's files against the SHA-256 in its manifest.json.")
    var noVerify = false

    @Option(name: .customLong("score"), help: ArgumentHelp(
        "Score column to evaluate (repeatable). Default: `score`, or every column but id and label.", valueName: "name"))
    var scoreColumns: [String] = []

    @Option(name: .customLong("cutoff"), help: ArgumentHelp("Cut-off rule (repeatable); see above.", valueName: "rule"))
    var cutoffs: [String] = []

    @Option(help: ArgumentHelp("Validation score file for calibrated:RULE cut-offs (labels: its `label` column, or the dataset's validation split, or --labels).", valueName: "file"))
    var calibrate: String?

    @Option(name: .customLong("block-size"), help: ArgumentHelp(
        "Block-level metrics too: blocks of B consecutive rows in label order, or `dataset` for the labels' block column.", valueName: "B|dataset"))
    var blockSize: String?

    @Option(name: .customLong("block-scores"), help: ArgumentHelp(
        "A `block,score` file of block scores (default: mean of the rows' scores); repeat it once per score file for runs that each have their own (amad's S.blocks.csv).",
        valueName: "file"))
    var blockScores: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Compare two detectors: A and B are comma-separated runs (FILE or FILE:COLUMN), paired by position. DeLong's test on the first runs; paired t-tests over runs.",
        valueName: "A B"))
    var compare: [String] = []

    @Option(help: ArgumentHelp("Bootstrap confidence intervals for AUROC and AP with N stratified replicates.", valueName: "N"))
    var bootstrap: Int?

    @Option(parsing: .unconditional, help: "Seed for the bootstrap.", transform: SeedArgument.parse)
    var seed: UInt64 = 0

    @Option(help: "Confidence level of the intervals (default: 0.95).")
    var confidence: Double?

    @Flag(help: "Window-level evaluation: with --dataset, the labels are its windows.csv (a window is anomalous when any of its readings is) and the score file's ids are window numbers.")
    var windows = false

    @Flag(name: .customLong("by-kind"), help: "Per anomaly kind too: AUROC and AP on all normal rows plus each kind's anomalies (needs a `kind` column in the labels).")
    var byKind = false

    @Flag(inversion: .prefixedNo, help: "Evaluate as a time series too (default: as the dataset's recipe says).")
    var series: Bool? = nil

    @Option(parsing: .unconditional, help: ArgumentHelp("Sliding window of VUS and range-AUC: an integer from 0 to 1,000,000, or auto.", valueName: "W|auto"))
    var window: String?

    @Option(name: .customLong("range-alpha"), help: "Range-based P/R: weight of existence (0...1; default 0).")
    var rangeAlpha: Double?

    @Option(name: .customLong("range-cardinality"), help: "Range-based P/R: cardinality factor, one or reciprocal (default one).")
    var rangeCardinality: String?

    @Option(name: .customLong("range-bias"), help: "Range-based P/R: positional bias, flat, front, middle or back (default flat).")
    var rangeBias: String?

    @Option(help: ArgumentHelp("Print another tool's metrics: tsb-ad (TSB-AD 1.5's get_metrics keys and values).", valueName: "tool"))
    var compat: String?

    @Flag(help: "Lower scores are more anomalous (the scores are negated).")
    var lowerIsAnomalous = false

    @Option(help: "Output format: table, json, csv or markdown (default: from -o's extension, .json, .csv or .md; else table).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: "Write the results to this file (atomically) instead of stdout.")
    var output: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML report (curves, histograms, tables).", valueName: "file.html"))
    var report: String?

    @Flag(help: "No warnings on stderr.")
    var quiet = false

    @Option(help: ArgumentHelp("Write a mergeable partial evaluation of the score files (a shard) to this file, atomically, instead of results; with --merge, the merged partial.", valueName: "file"))
    var partial: String?

    @Flag(help: "The files are partial evaluations (from --partial): merge them and give the results of all their rows.")
    var merge = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, markdown

        /// The format a file name asks for by its extension (`metrics.json`), if any.
        init?(extensionOf path: String) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            switch name[name.index(after: dot)...].lowercased() {
            case "json": self = .json
            case "csv": self = .csv
            case "md", "markdown": self = .markdown
            default: return nil
            }
        }
    }

    /// `--format`, else what `-o`'s extension asks for, else the table.
    var resolvedFormat: OutputFormat {
        format ?? output.flatMap(OutputFormat.init(extensionOf:)) ?? .table
    }

    func validate() throws {
        try refuseOverwritingInputs()
        if blockScores.count > 1 && (merge || blockScores.count != scores.count) {
            throw ValidationError(merge ? "--merge takes one --block-scores file"
                                        : "--block-scores: give one file for every run, or one per score file in the same order (\(scores.count) score files, \(blockScores.count) block score files)")
        }
        if merge {
            guard !scores.isEmpty else { throw ValidationError("--merge needs the partial evaluation files to merge (made with --partial)") }
            let fixed: [(String, Bool)] = [
                ("--labels", labels != nil), ("--dataset", !datasets.isEmpty), ("--cutoff", !cutoffs.isEmpty),
                ("--block-size", blockSize != nil), ("--score", !scoreColumns.isEmpty), ("--lower-is-anomalous", lowerIsAnomalous),
                ("--windows", windows), ("--calibrate", calibrate != nil), ("--compare", !compare.isEmpty),
                ("--confidence", confidence != nil),
            ]
            if let given = fixed.first(where: \.1) {
                throw ValidationError("\(given.0) is fixed when the partials are made (--partial); --merge takes it from them")
            }
            try refuseUnmergeable()
            if partial != nil && (output != nil || !blockScores.isEmpty) {
                throw ValidationError("--merge --partial OUT writes the merged partial; -o and --block-scores are for results (merge without --partial)")
            }
            return
        }
        if partial != nil {
            try refuseUnmergeable()
            if output != nil {
                throw ValidationError("--partial OUT writes the partial evaluation; -o is for results (--merge the partials to get them)")
            }
        }
        if !compare.isEmpty {
            guard compare.count == 2 else { throw ValidationError("--compare takes two values, A and B (each a comma-separated list of runs)") }
            guard scores.isEmpty else { throw ValidationError("give the runs either as score files or with --compare, not both") }
        } else if scores.isEmpty {
            throw ValidationError("no score file given (see --help)")
        }
        if labels != nil && !datasets.isEmpty { throw ValidationError("give either --labels or --dataset, not both") }
        if windows && datasets.count != 1 { throw ValidationError("--windows reads one dataset's windows.csv: give --dataset DIR") }
        if datasets.count > 1 {
            guard datasets.count == scores.count else {
                throw ValidationError("\(datasets.count) datasets need as many score files, one per series, in the same order (got \(scores.count))")
            }
            if series == false { throw ValidationError("several datasets are several series: drop --no-series") }
        }
        if let bootstrap, !(1...1_000_000).contains(bootstrap) {
            throw ValidationError("--bootstrap must be from 1 to 1,000,000 replicates, got \(bootstrap)")
        }
        if let confidence, !(confidence > 0 && confidence < 1) { throw ValidationError("--confidence must be between 0 and 1") }
        // At most the largest count a partial evaluation's header holds.
        if let blockSize, blockSize != "dataset", !(1...ExactJSONInteger.largest).contains(Int(blockSize) ?? 0) {
            throw ValidationError("--block-size must be a number of rows from 1 to \(ExactJSONInteger.largest), or 'dataset', got '\(blockSize)'")
        }
        if let window, window != "auto", !(0...1_000_000).contains(Int(window) ?? -1) {
            throw ValidationError("--window must be an integer from 0 to 1,000,000 (as the recipe key evaluation.series.window) or 'auto', got '\(window)'")
        }
        if let rangeAlpha, !(rangeAlpha >= 0 && rangeAlpha <= 1) { throw ValidationError("--range-alpha must be between 0 and 1") }
        if let rangeCardinality, RangeBasedPrecisionRecall.Cardinality(rawValue: rangeCardinality) == nil {
            throw ValidationError("--range-cardinality must be one or reciprocal, got '\(rangeCardinality)'")
        }
        if let rangeBias, RangeBasedPrecisionRecall.Bias(rawValue: rangeBias) == nil {
            throw ValidationError("--range-bias must be flat, front, middle or back, got '\(rangeBias)'")
        }
        if let compat, compat != "tsb-ad" { throw ValidationError("--compat takes tsb-ad, got '\(compat)'") }
        if series == false && compat != nil { throw ValidationError("--compat tsb-ad evaluates a series; drop --no-series") }
        if byKind && compat != nil { throw ValidationError("--compat tsb-ad prints TSB-AD's keys only; drop --by-kind (or --compat)") }
        if byKind && labels == nil && datasets.isEmpty {
            throw ValidationError("--by-kind needs the labels' 'kind' column: give --dataset DIR, or --labels FILE with a 'kind' column")
        }
        if let report, !report.hasSuffix(".html") && !report.hasSuffix(".htm") {
            throw ValidationError("--report names an HTML file (FILE.html), got '\(report)'")
        }
        if let report, let output, FileSystem.samePath(report, output) {
            throw ValidationError("-o and --report name the same file '\(output)': one would overwrite the other")
        }
    }

    /// No output (-o, --report, --partial) may be a file the evaluation reads: a score, label,
    /// calibration or block score file, or any file in a --dataset folder.
    private func refuseOverwritingInputs() throws {
        let compared = compare.flatMap { $0.split(separator: ",").map { RunReference(parsing: String($0), exists: FileSystem.exists).file } }
        let inputs = scores.map { RunReference(parsing: $0, exists: FileSystem.exists).file } + compared + blockScores
            + [labels, calibrate].compactMap { $0 } + datasets.flatMap(DatasetFolder.ownFiles(of:))
        for (flag, path) in [("-o", output), ("--report", report), ("--partial", partial)] {
            guard let path else { continue }
            if let input = inputs.first(where: { FileSystem.samePath($0, path) }) {
                throw ValidationError("\(flag) \(path) would overwrite the input file '\(input)'")
            }
        }
    }

    /// What --partial and --merge refuse on the command line (the library refuses the rest:
    /// time series from a recipe's protocol, calibrated cut-offs, --block-scores in a shard).
    private func refuseUnmergeable() throws {
        let what = merge ? "--merge" : "--partial"
        if report != nil {
            throw ValidationError("--report draws score histograms, which need the scores themselves; partial evaluations keep only their counts (evaluate the whole file for a report)")
        }
        if bootstrap != nil {
            throw ValidationError("--bootstrap resamples the rows, which partial evaluations do not keep; evaluate the whole file for bootstrap intervals (\(what))")
        }
        if byKind {
            throw ValidationError("--by-kind needs each row's anomaly kind, which partial evaluations do not keep; evaluate the whole file for per-kind metrics (\(what))")
        }
        if series == true || compat != nil || window != nil || datasets.count > 1 {
            throw ValidationError("time-series metrics (--series, --compat, --window, several --dataset) need every row of a series in order, which shards do not have; evaluate the whole file (\(what))")
        }
    }

    /// Runs `body`, putting the specification's error code at the head of a data error's
    /// message, for scripts to match on.
    private func withErrorCodes<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as DataError where error.code != .usage {
            // (Messages from the metrics carry their code already.)
            if !error.message.hasPrefix(error.code.rawValue + ": ") { error.message = "\(error.code.rawValue): \(error.message)" }
            throw error
        }
    }

    func run() throws {
        if merge {
            let merged = try withErrorCodes { try PartialEvaluation.merged(try PartialEvaluationFile.read(all: scores)) }
            if let partial {
                try PartialEvaluationFile.write(merged, to: partial)
                return
            }
            try emit(try withErrorCodes { try Evaluator.evaluate(merged: merged, blockScoresFile: blockScores.first) }, protocolNote: nil)
            return
        }
        var options = EvaluationOptions()
        options.scoreFiles = scores
        options.scoreColumns = scoreColumns
        options.labelsPath = labels
        options.datasetPath = dataset
        options.windowLabels = windows
        if datasets.count > 1 { options.seriesDatasets = datasets }
        options.split = split
        options.verifyDataset = !noVerify
        options.calibrationFile = calibrate
        // The recipe's protocol fills in what the command line leaves open.
        var overrides = RecipeProtocol.Overrides(series: series, seriesNeeded: compat != nil || datasets.count > 1, windowLabels: windows)
        if !cutoffs.isEmpty { overrides.cutoffs = try withErrorCodes { try cutoffs.map { try CutoffSpec(parsing: $0) } } }
        if let blockSize { overrides.blocks = Int(blockSize).map { .size($0) } ?? .labelColumn }  // a count or "dataset" (validated)
        if let window { overrides.window = Int(window).map { .fixed($0) } ?? .automatic }  // a count or "auto" (validated)
        let protocolNote = try options.apply(datasets.first.flatMap(RecipeProtocol.declared(in:)), overrides: overrides)
        if options.series != nil {
            options.series?.rangeBased = RangeBasedPrecisionRecall.Parameters(
                alpha: rangeAlpha ?? 0, cardinality: .init(rawValue: rangeCardinality ?? "one") ?? .one,
                bias: .init(rawValue: rangeBias ?? "flat") ?? .flat)  // validated
            options.series?.compatTSBAD = compat == "tsb-ad"
        } else if window != nil || rangeAlpha != nil || rangeCardinality != nil || rangeBias != nil {
            // They set the time-series metrics; without a series they would be ignored in silence.
            let given = [("--window", window != nil), ("--range-alpha", rangeAlpha != nil), ("--range-cardinality", rangeCardinality != nil),
                         ("--range-bias", rangeBias != nil)].filter(\.1).map(\.0).joined(separator: ", ")
            throw DataError(.usage, "\(given) set\(given.contains(",") ? "" : "s") the time-series metrics, which this evaluation does not compute: "
                            + (series == false ? "drop --no-series" : "add --series (the rows in label-file order are then one series)"))
        }
        if blockScores.count == 1 {
            options.blockScoresFile = blockScores[0]
        } else if !blockScores.isEmpty {
            for (score, blocks) in zip(scores, blockScores) {
                let file = RunReference(parsing: score, exists: FileSystem.exists).file
                if let other = options.blockScoresByFile[file], other != blocks {
                    throw DataError(.usage, "--block-scores: \(file) is given twice, with \(other) and \(blocks)")
                }
                options.blockScoresByFile[file] = blocks
            }
        }
        if compare.count == 2 {
            let side = { (text: String) in
                text.split(separator: ",").map { RunReference(parsing: String($0), exists: FileSystem.exists) }
            }
            options.compare = (side(compare[0]), side(compare[1]))
        }
        options.bootstrapReplicates = bootstrap
        options.seed = seed
        options.confidenceLevel = confidence ?? 0.95
        options.lowerIsAnomalous = lowerIsAnomalous
        options.byKind = byKind

        if let partial {
            let made = try withErrorCodes { try PartialEvaluation.make(options) }
            try PartialEvaluationFile.write(made, to: partial)
            if !quiet, let protocolNote { StandardError.write("toolkit: \(protocolNote)\n") }
            return
        }
        try emit(try withErrorCodes { try Evaluator.evaluate(options) }, protocolNote: protocolNote)
    }

    /// Prints or writes the results in the chosen format (and the report).
    private func emit(_ result: EvaluationResult, protocolNote: String?) throws {
        let command = CommandLineText.current()
        if !quiet {
            if let protocolNote { StandardError.write("toolkit: \(protocolNote)\n") }
            for warning in result.warnings { StandardError.write("toolkit: warning: \(warning)\n") }
        }
        let text: String
        switch resolvedFormat {
        case .table: text = TextTable.aligned(ResultTables.make(result))
        case .markdown: text = TextTable.markdown(ResultTables.make(result))
        case .json: text = EvaluationJSON.render(result, command: command)
        case .csv: text = EvaluationCSV.render(result)
        }
        if let report {
            try FileSystem.writeAtomically(HTMLReport.render(ReportBuilder.make(result, command: command)), to: report)
        }
        if let output {
            try FileSystem.writeAtomically(text, to: output)
        } else {
            print(text, terminator: "")
        }
    }
}

/// The command line as a shell would need it typed (for reports).
enum CommandLineText {
    static func current() -> String {
        (["toolkit"] + CommandLine.arguments.dropFirst()).map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { scalar in
            (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A) ||
            (scalar.value >= 0x61 && scalar.value <= 0x7A) || "-_./:=,+@%".unicodeScalars.contains(scalar)
        }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
