import DataIO
import Metrics

/// Runs a whole evaluation: reads the labels and every score file, joins them, computes
/// every metric of every run, summarises repeated runs and compares groups. Pure computation
/// besides reading the inputs; writing outputs is the caller's.
public enum Evaluator {
    public static func evaluate(_ options: EvaluationOptions) throws -> EvaluationResult {
        var warnings: [String] = []
        // The runs, grouped by file so that every file is read once.
        var references: [(reference: RunReference, group: String?)] = []
        if let compare = options.compare {
            references = compare.a.map { ($0, "a") } + compare.b.map { ($0, "b") }
        } else {
            references = options.scoreFiles.map { (RunReference(file: $0), nil) }
        }
        guard !references.isEmpty else {
            throw DataError("usage", "no score file given")
        }
        if options.cutoffs.contains(where: \.isCalibrated) && options.calibrationFile == nil {
            throw DataError("usage", "a calibrated:RULE cut-off needs --calibrate FILE (a validation score file)")
        }

        // SPEC §2 order: the score files' format first, then the labels' format, then
        // duplicate ids, then the join, then a single class.
        let externalLabels = options.labelsPath != nil || options.datasetPath != nil
        var files: [String] = []
        var columnsByFile: [String: [String]] = [:]
        for (reference, _) in references {
            if columnsByFile[reference.file] == nil { files.append(reference.file) }
            var columns = columnsByFile[reference.file] ?? []
            if let column = reference.column {
                if !columns.contains(column) { columns.append(column) }
            }
            columnsByFile[reference.file] = columns
        }
        for (reference, _) in references where reference.column == nil {
            columnsByFile[reference.file] = options.scoreColumns
        }
        var scoreFiles: [String: ScoreFile] = [:]
        for file in files {
            scoreFiles[file] = try GroundTruth.readScores(file, columns: columnsByFile[file] ?? [], externalLabels: externalLabels)
        }
        let truth = try GroundTruth.load(options)
        warnings += truth.warnings

        var runsByFile: [String: [RunInput]] = [:]
        for file in files {
            runsByFile[file] = try truth.runs(from: scoreFiles[file]!, lowerIsAnomalous: options.lowerIsAnomalous)
            scoreFiles[file] = nil
        }
        var inputs: [RunInput] = []
        for (reference, group) in references {
            for run in runsByFile[reference.file]! where reference.column == nil || run.column == reference.column {
                var run = run
                run.group = group
                inputs.append(run)
            }
        }

        let shortNames = inputs.map { "\(FileSystem.lastComponent(of: $0.file)):\($0.column)" }
        let unique = Set(shortNames).count == shortNames.count
        for index in inputs.indices { inputs[index].name = unique ? shortNames[index] : inputs[index].fullName }

        // Calibration curves, per score column name.
        var calibration: Calibration? = nil
        if let path = options.calibrationFile {
            calibration = try Calibration.load(path, options: options, truth: truth)
        }

        var blockScoreTable: [Int: Double]? = nil
        if let path = options.blockScoresFile {
            guard options.blocks != nil else {
                throw DataError("usage", "--block-scores needs --block-size (a number of rows, or 'dataset')")
            }
            blockScoreTable = try BlockScoreFile.read(path)
        }

        var runs: [RunResult] = []
        for input in inputs {
            runs.append(try RunEvaluation.evaluate(input, options: options, calibration: calibration,
                                                   blockScores: blockScoreTable, labelSource: truth.description))
        }

        var summaries: [RunSummary] = []
        var comparison: Comparison? = nil
        if options.compare != nil {
            let a = runs.filter { $0.group == "a" }, b = runs.filter { $0.group == "b" }
            for (name, group) in [("a", a), ("b", b)] where group.count >= 2 {
                summaries.append(try RunSummary.make(group, group: name))
            }
            comparison = try Comparison.make(a: a, b: b, confidenceLevel: options.confidenceLevel, warnings: &warnings)
        } else if runs.count >= 2 {
            summaries.append(try RunSummary.make(runs, group: nil))
        }
        return EvaluationResult(labelSource: truth.description, runs: runs, summaries: summaries,
                                comparison: comparison, warnings: warnings, manifest: truth.manifest)
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
    /// `FILE:COLUMN`, with the file's last path component unless that would be ambiguous.
    var name: String = ""
    var fullName: String { "\(file):\(column)" }
}

extension MetricsError {
    /// The error as a `DataError` about `file` (single class, too few for DeLong, …).
    func dataError(file: String?) -> DataError {
        DataError(code, file: file, description)
    }
}
