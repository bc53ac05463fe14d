import DataIO
import Metrics

/// Runs a whole evaluation: reads the labels and every score file, joins them, computes
/// every metric of every run, summarises repeated runs and compares groups. Pure computation
/// besides reading the inputs; writing outputs is the caller's.
public enum Evaluator {
    public static func evaluate(_ options: EvaluationOptions) throws -> EvaluationResult {
        if options.seriesDatasets.count > 1 { return try evaluateSeriesDatasets(options) }
        var warnings: [String] = []
        // The runs, grouped by file so that every file is read once.
        let selection = RunSelection(options)
        guard !selection.references.isEmpty else {
            throw DataError(.usage, "no score file given")
        }
        if options.cutoffs.contains(where: \.isCalibrated) && options.calibrationFile == nil {
            throw DataError(.usage, "a calibrated:RULE cut-off needs --calibrate FILE (a validation score file)")
        }
        // (After the recipe's protocol is applied: a recipe may declare a calibrated cut-off.)
        if options.calibrationFile != nil && !options.cutoffs.contains(where: \.isCalibrated) {
            throw DataError(.usage, "--calibrate is for calibrated:RULE cut-offs; add one, such as --cutoff calibrated:youden")
        }

        // `Fixtures/metrics/SPEC.md` §2 order: the score files' format first, then the labels' format, then
        // duplicate ids, then the join, then a single class.
        let externalLabels = options.labelsPath != nil || options.datasetPath != nil
        let files = selection.files
        var scoreFiles: [String: ScoreFile] = [:]
        for file in files {
            scoreFiles[file] = try GroundTruth.readScores(file, columns: selection.columnsByFile[file] ?? [], externalLabels: externalLabels)
        }
        let truth = try GroundTruth.load(options)
        warnings += truth.warnings

        var runsByFile: [String: [RunInput]] = [:]
        for file in files {
            // Each file's columns become runs, and the file is let go (peak memory: the runs).
            guard let scoreFile = scoreFiles.removeValue(forKey: file) else { throw DataError(.internal, file: file, "score file read twice") }
            runsByFile[file] = try truth.runs(from: scoreFile, lowerIsAnomalous: options.lowerIsAnomalous)
        }
        var inputs: [RunInput] = selection.select(runsByFile, column: \.column).map { run, group in
            var run = run
            run.group = group
            return run
        }

        let shortNames = inputs.map { "\(FileSystem.lastComponent(of: $0.file)):\($0.column)" }
        let unique = Set(shortNames).count == shortNames.count
        for index in inputs.indices { inputs[index].name = unique ? shortNames[index] : inputs[index].fullName }

        // Calibration curves, per score column name.
        var calibration: Calibration? = nil
        if let path = options.calibrationFile {
            calibration = try Calibration.load(path, options: options, truth: truth)
        }

        var blockScoreTable: BlockScoreFile? = nil
        var blockScoresByFile: [String: BlockScoreFile] = [:]
        if options.blockScoresFile != nil || !options.blockScoresByFile.isEmpty {
            guard options.blocks != nil else {
                throw DataError(.usage, "--block-scores needs --block-size (a number of rows, or 'dataset')")
            }
            blockScoreTable = try options.blockScoresFile.map(BlockScoreFile.read)
            for (file, path) in options.blockScoresByFile { blockScoresByFile[file] = try BlockScoreFile.read(path) }
        }

        var runs: [RunResult] = []
        for input in inputs {
            runs.append(try RunEvaluation.evaluate(input, options: options, calibration: calibration,
                                                   blockScores: blockScoresByFile[input.file] ?? blockScoreTable,
                                                   labelSource: truth.description))
        }

        warnings += BlockCountWarning.warnings(runs)
        warnings += TopCountWarning.warnings(runs)

        let (summaries, comparison) = try Comparison.summarise(runs, comparing: options.compare != nil, warnings: &warnings) { first, second in
            guard first.labels == second.labels else { throw DeLongUnavailable.differentLabels }
            return try DeLongTest(scores1: first.scores, scores2: second.scores, labels: first.labels.map { $0 == 1 },
                                  confidenceLevel: options.confidenceLevel)
        }
        return EvaluationResult(labelSource: truth.description, runs: runs, summaries: summaries,
                                comparison: comparison, warnings: warnings, manifest: truth.manifest)
    }
}

extension Evaluator {
    /// One dataset per series (`--dataset` repeated): score file i is scored against dataset i;
    /// each score column becomes one run whose series are the datasets (named by folder), so
    /// every series is scored on its own and the series figures averaged; the ranking metrics
    /// of the run pool the series.
    static func evaluateSeriesDatasets(_ options: EvaluationOptions) throws -> EvaluationResult {
        guard options.seriesDatasets.count == options.scoreFiles.count else {
            throw DataError(.usage, "\(options.seriesDatasets.count) datasets need as many score files (one per series), got \(options.scoreFiles.count)")
        }
        guard options.series != nil else { throw DataError(.usage, "several datasets are evaluated as series (--series)") }
        var warnings: [String] = []
        var byColumn: [String: RunInput] = [:]
        var columns: [String] = []
        var manifest: [ReportKeyValue] = []
        for (index, (dataset, file)) in zip(options.seriesDatasets, options.scoreFiles).enumerated() {
            var single = options
            single.datasetPath = dataset
            single.seriesDatasets = []
            // Each dataset's own values column (a TSB-AD file with several value columns: its first).
            if single.series?.valuesColumn != nil, let own = RecipeProtocol.declared(in: dataset)?.spec.series?.values {
                single.series?.valuesColumn = own
            }
            let truth = try GroundTruth.load(single)
            warnings += truth.warnings
            if index == 0 { manifest = truth.manifest }
            let scores = try GroundTruth.readScores(file, columns: options.scoreColumns, externalLabels: true)
            let name = FileSystem.lastComponent(of: dataset)
            for run in try truth.runs(from: scores, lowerIsAnomalous: options.lowerIsAnomalous) {
                let n = run.scores.count
                if var combined = byColumn[run.column] {
                    combined.scores += run.scores
                    combined.labels += run.labels
                    combined.seriesIds?.append(contentsOf: repeatElement(name, count: n))
                    combined.values = combined.values.flatMap { v in run.values.map { v + $0 } }
                    combined.labelLines?.append(contentsOf: run.labelLines ?? [Int32](repeating: 0, count: n))
                    combined.seriesLabelFiles?[name] = run.labelFile
                    combined.seriesValuesColumns?[name] = single.series?.valuesColumn
                    if let kinds = run.kinds { combined.kinds?.append(contentsOf: kinds) }
                    byColumn[run.column] = combined
                } else {
                    guard index == 0 else {
                        throw DataError(.unknownScoreColumn, file: file, "column '\(run.column)' is not in the first score file")
                    }
                    var first = run
                    first.file = options.scoreFiles.count == 1 ? file : "\(options.scoreFiles.count) score files"
                    first.seriesIds = [String](repeating: name, count: n)
                    first.labelLines = run.labelLines ?? [Int32](repeating: 0, count: n)
                    first.seriesLabelFiles = [name: run.labelFile ?? dataset]
                    first.seriesValuesColumns = single.series?.valuesColumn.map { [name: $0] } ?? [:]
                    first.blocks = nil
                    byColumn[run.column] = first
                    columns.append(run.column)
                }
            }
        }
        var runs: [RunResult] = []
        for column in columns {
            guard var input = byColumn[column] else { throw DataError(.internal, "no runs of score column '\(column)'") }
            guard input.seriesIds?.count == input.scores.count else {
                throw DataError(.missingScore, "score column '\(column)' is missing from some of the score files")
            }
            input.name = "datasets (\(options.seriesDatasets.count))" + (columns.count == 1 ? "" : ":\(column)")
            var single = options
            single.blocks = nil
            runs.append(try RunEvaluation.evaluate(input, options: single, calibration: nil, blockScores: nil,
                                                   labelSource: "the datasets' labels.csv"))
        }
        let summaries = runs.count >= 2 ? [try RunSummary.make(runs, group: nil)] : []
        return EvaluationResult(labelSource: options.seriesDatasets.map { "\($0)/labels.csv" }.joined(separator: ", ") + " (split \(options.split))",
                                runs: runs, summaries: summaries, comparison: nil, warnings: warnings, manifest: manifest)
    }
}

/// One run before evaluation: scores and labels in canonical order.
struct RunInput: Sendable {
    var file: String
    var column: String
    var group: String?
    var scores: [Double]
    var labels: [UInt8]
    var blocks: [Int]?
    /// The labels' `series` column (one series per distinct value), or nil.
    var seriesIds: [String]? = nil
    /// The series' raw values (the dataset's values column), for the automatic window.
    var values: [Double]? = nil
    /// The label file and the line of each row there (for errors about a series).
    var labelFile: String? = nil
    var labelLines: [Int32]? = nil
    /// With one dataset per series: each series' label file.
    var seriesLabelFiles: [String: String]? = nil
    /// Per series (several datasets), the values column its dataset's protocol names.
    var seriesValuesColumns: [String: String]? = nil
    /// The labels' `kind` column, read for `--by-kind`; nil otherwise.
    var kinds: KindColumn? = nil
    /// `FILE:COLUMN`, with the file's last path component unless that would be ambiguous.
    var name: String = ""
    var fullName: String { "\(file):\(column)" }
}
