import DataIO
import Metrics

extension Evaluator {
    /// The results of merged partial evaluations (`toolkit evaluate --merge`): per run, the
    /// curve of the merged distinct-score counts (``BinaryCurve/init(_:)``, the curve of all
    /// the rows, bit for bit) and the blocks of the merged tallies (``BlockAggregate/init(tallies:)``),
    /// from which the same code as a whole evaluation computes every figure. So the result is
    /// the one ``evaluate(_:)`` gives on the concatenated score files, but for the runs' file
    /// names and the command line. Comparison partials (`--compare`) give the comparison too:
    /// the groups' summaries and paired t-tests from the runs, and DeLong's test from the
    /// gathered pair tables (``DeLongTest/init(merging:confidenceLevel:)``), which is the test of
    /// the rows bit for bit.
    ///
    /// With external labels the shards must cover every labelled row exactly once (error
    /// `coverage` otherwise: a shard missing or repeated). `blockScoresFile` is `--block-scores`.
    public static func evaluate(merged partial: PartialEvaluation, blockScoresFile: String? = nil) throws -> EvaluationResult {
        if let all = partial.labels.all {
            for run in partial.runs {
                let covered = run.coverage ?? LabelCoverage()
                guard covered != all else { continue }
                let which = partial.runs.count > 1 ? "column '\(run.column)': " : ""
                if covered.rows != all.rows {
                    throw DataError(.coverage, """
                        \(which)the partials cover \(PartialEvaluation.grouped(covered.rows)) of the \
                        \(PartialEvaluation.grouped(all.rows)) labelled rows of \(partial.labels.description) \
                        (a shard is missing or repeated)
                        """)
                }
                throw DataError(.coverage, """
                    \(which)the partials cover \(PartialEvaluation.grouped(covered.rows)) rows, as many as \
                    \(partial.labels.description) labels, but not each labelled row exactly once (a row is in two \
                    shards and another in none)
                    """)
            }
        }
        var blockScores: BlockScoreFile? = nil
        if let path = blockScoresFile {
            guard partial.options.blocks != nil else {
                throw DataError(.usage, "--block-scores needs blocks: make the partials with --block-size (a number of rows, or 'dataset')")
            }
            blockScores = try BlockScoreFile.read(path)
        }
        var runs: [RunResult] = []
        for (index, run) in partial.runs.enumerated() {
            let file = run.displayFile
            let curve: BinaryCurve
            do {
                curve = try run.curve()
            } catch let error as MetricsError {
                throw error.dataError(file: partial.labels.kind == .scoreFiles ? file : partial.labels.description)
            }
            var blocks: (aggregate: BlockAggregate, blockSize: Int?)? = nil
            if let spec = partial.options.blocks {
                do {
                    let aggregate = try BlockAggregate(tallies: run.blocks ?? [])
                    if case .size(let size) = spec { blocks = (aggregate, size) } else { blocks = (aggregate, nil) }
                } catch let error as MetricsError {
                    throw DataError(.usage, "blocks: \(error.description)")
                }
            }
            runs.append(try RunEvaluation.evaluate(merged: curve, name: "", file: file, column: run.column,
                                                   group: partial.comparison?.group(ofRun: index),
                                                   cutoffs: partial.options.cutoffs, blocks: blocks, blockScores: blockScores))
        }
        let shortNames = runs.map { "\(FileSystem.lastComponent(of: $0.file)):\($0.column)" }
        let unique = Set(shortNames).count == shortNames.count
        for index in runs.indices { runs[index].name = unique ? shortNames[index] : "\(runs[index].file):\(runs[index].column)" }
        var warnings = partial.warnings + BlockCountWarning.warnings(runs) + TopCountWarning.warnings(runs)
        let compared = partial.comparison
        let (summaries, comparison) = try Comparison.summarise(runs, comparing: compared != nil, warnings: &warnings) { _, _ in
            guard let compared, !compared.labelsDiffer else { throw DeLongUnavailable.differentLabels }
            return try DeLongTest(merging: compared.pairParts, confidenceLevel: compared.confidenceLevel)
        }
        return EvaluationResult(labelSource: partial.labels.description, runs: runs, summaries: summaries,
                                comparison: comparison, warnings: warnings, manifest: partial.manifest)
    }
}
