import DataIO
import Metrics

/// A mergeable evaluation of one shard of a score file (`toolkit evaluate SCORES --partial OUT`),
/// or of several shards merged (``merged(_:)``): everything the ranking metrics, the cut-offs and
/// the block metrics need, and nothing they do not, so that merging the partials of any
/// partition of the rows, in any grouping and order, and evaluating the merge
/// (``Evaluator/evaluate(merged:blockScoresFile:)``) gives the result of evaluating all the rows
/// at once, bit for bit.
///
/// Per run (score column): the distinct scores with their anomaly and normal counts
/// (``DistinctScoreCounts``, after `--lower-is-anomalous` negation, `-0.0` as `0.0`), the score
/// files it came from (path and SHA-256), which labelled rows it covers (``LabelCoverage``, with
/// external labels), and per block the exact score sum, rows and anomalies (``BlockTally``).
/// Per partial: the options that define the metrics (cut-offs, blocks, the score direction)
/// and the identity of the labels. Partials that differ in either, or in their runs' columns,
/// are not merged.
///
/// With `--compare A B` (``comparison``): A's runs, then B's, and for DeLong's test of A's first
/// run against B's the distinct pairs of their scores with anomaly and normal counts
/// (``ComparedRuns``).
///
/// What cannot be merged exactly is refused when the partial is made (``refusal(_:)``): time
/// series (they need every row in order), the bootstrap (it needs the rows), per-kind metrics
/// (they need each row's kind), calibrated cut-offs (another file's curve), fixed-size blocks
/// without external labels (a shard's rows have no known position), and block means of scores
/// near the binary64 limit.
public struct PartialEvaluation: Sendable {
    /// The options that define the metrics; merged partials must agree on them.
    public struct Options: Sendable, Equatable {
        public var cutoffs: [CutoffSpec]
        public var blocks: BlockSpec?
        public var lowerIsAnomalous: Bool

        public init(cutoffs: [CutoffSpec], blocks: BlockSpec?, lowerIsAnomalous: Bool) {
            self.cutoffs = cutoffs
            self.blocks = blocks
            self.lowerIsAnomalous = lowerIsAnomalous
        }
    }

    /// Where the labels came from. Two partials have the same labels when everything but the
    /// shown ``description`` (a path, which may differ between machines) is equal.
    public struct Labels: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// The score files' own `label` column: no global label set.
            case scoreFiles = "score-files"
            /// `--labels FILE`.
            case labelFile = "label-file"
            /// `--dataset DIR`: its `labels.csv`.
            case dataset
            /// `--dataset DIR --windows`: its `windows.csv`.
            case windows
        }
        public var kind: Kind
        /// The `labels` line of the results (a path and split).
        public var description: String
        /// The SHA-256 of the label file as stored (nil for the score files' own labels).
        public var sha256: String?
        /// The split whose rows are the label set, when the file has a split column.
        public var split: String?
        /// The coverage of the whole label set (every row once); nil for own labels.
        public var all: LabelCoverage?
        /// The number of anomalies in the label set; nil for own labels.
        public var positives: Int?

        /// Equal but for the description.
        func sameIdentity(as other: Labels) -> Bool {
            kind == other.kind && sha256 == other.sha256 && split == other.split && all == other.all && positives == other.positives
        }
    }

    /// A score file a run's rows came from.
    public struct Source: Sendable, Hashable, Comparable {
        public var file: String
        public var sha256: String

        public init(file: String, sha256: String) {
            self.file = file
            self.sha256 = sha256
        }

        public static func < (a: Source, b: Source) -> Bool { (a.file, a.sha256) < (b.file, b.sha256) }
    }

    /// One run (score column) of the shard.
    public struct Run: Sendable {
        public var column: String
        /// The score files, sorted (several after a merge).
        public var sources: [Source]
        /// The distinct-score counts of the run's rows, as the summaries of disjoint parts of
        /// them (one per shard merged): merging them is put off until it is needed, then done
        /// once, into one summary when written (``counts()``) or straight into the curve when
        /// evaluated (``curve()``).
        public var countParts: [DistinctScoreCounts]
        /// The labelled rows covered (external labels only).
        public var coverage: LabelCoverage?
        /// The blocks' tallies in increasing index order (with block options only).
        public var blocks: [BlockTally]?

        public init(column: String, sources: [Source], counts: DistinctScoreCounts, coverage: LabelCoverage?, blocks: [BlockTally]?) {
            self.column = column
            self.sources = sources
            self.countParts = [counts]
            self.coverage = coverage
            self.blocks = blocks
        }

        /// n, the run's rows.
        public var rowCount: Int { countParts.reduce(0) { $0 + $1.rowCount } }

        /// The merged distinct-score counts.
        public func counts() throws -> DistinctScoreCounts { try DistinctScoreCounts.merged(countParts) }

        /// The curve of the run's rows (``BinaryCurve/init(merging:)``).
        public func curve() throws -> BinaryCurve { try BinaryCurve(merging: countParts) }

        /// The run's file as results show it: the score file, or the first of several with how
        /// many more (the merged result comes from several files).
        public var displayFile: String {
            guard let first = sources.first else { return "?" }
            return sources.count == 1 ? first.file : "\(first.file) (+\(sources.count - 1) more)"
        }
    }

    /// The file this was read from, or how it was made (for messages naming it).
    public var origin: String
    public var options: Options
    public var labels: Labels
    /// The dataset manifest facts shown with results (`--dataset`).
    public var manifest: [ReportKeyValue]
    public var warnings: [String]
    public var runs: [Run]
    /// `--compare A B`: which runs are A's and B's, and DeLong's pair table; nil otherwise.
    public var comparison: ComparedRuns?

    public init(origin: String, options: Options, labels: Labels, manifest: [ReportKeyValue], warnings: [String], runs: [Run],
                comparison: ComparedRuns? = nil) {
        self.origin = origin
        self.options = options
        self.labels = labels
        self.manifest = manifest
        self.warnings = warnings
        self.runs = runs
        self.comparison = comparison
    }

    /// The partial evaluation of the score files of `options` (shards): each score column of
    /// each file is one run, or the runs of `--compare A B` (``RunSelection``), as in
    /// ``Evaluator/evaluate(_:)``; comparing, also DeLong's pair table of the first run of A and
    /// of B (``ComparedRuns``). Errors are those of a whole
    /// evaluation, in the same order (score files, labels, duplicates, the join), except that
    /// a shard may score a subset of the labelled ids and hold a single class; what cannot be
    /// merged exactly is refused with `not_mergeable` (``refusal(_:)``).
    public static func make(_ options: EvaluationOptions) throws -> PartialEvaluation {
        if let reason = refusal(options) { throw DataError(.notMergeable, reason) }
        let selection = RunSelection(options)
        guard !selection.references.isEmpty else { throw DataError(.usage, "no score file given") }
        let external = options.labelsPath != nil || options.datasetPath != nil
        let unique = selection.files
        var scoreFiles: [String: ScoreFile] = [:]
        for file in unique {
            scoreFiles[file] = try GroundTruth.readScores(file, columns: selection.columnsByFile[file] ?? [], externalLabels: external)
        }
        let truth = try GroundTruth.load(options)
        // After the files are read: a file with no labels at all is told that first.
        if case .size = options.blocks, !external {
            if let unlabelled = unique.first(where: { scoreFiles[$0]?.labels == nil }) {
                throw GroundTruth.noLabels(unlabelled)
            }
            throw DataError(.notMergeable, """
                --block-size B needs the rows' positions in the label order, which a shard of a score file with its own \
                label column does not know; give the labels with --labels FILE or --dataset DIR (or use --block-size dataset)
                """)
        }

        // Comparing: the first run of A and of B (file and column), whose rows DeLong pairs.
        var firstRuns: [(file: String, column: Int)] = []
        if options.compare != nil {
            for group in ["a", "b"] {
                let first = selection.references.lazy.filter { $0.group == group }.compactMap { reference, _ in
                    scoreFiles[reference.file]?.scoreColumns.firstIndex { reference.column == nil || $0 == reference.column }
                        .map { (reference.file, $0) }
                }.first
                guard let first else { throw DataError(.usage, "--compare needs at least one run on each side") }
                firstRuns.append(first)
            }
        }
        var compared: [ComparedSide?] = [nil, nil]
        func loaded(_ file: String) throws -> ScoreFile {
            guard let read = scoreFiles[file] else { throw DataError(.internal, file: file, "the score file was not read") }
            return read
        }

        // The join of every file, then the label set's class check (`Fixtures/metrics/SPEC.md` §2 order).
        var positionsByFile: [String: [Int32]] = [:]
        if let labelFile = truth.labelFile, let labelIndex = truth.labelIndex {
            for file in unique {
                positionsByFile[file] = try Join.positions(loaded(file), in: labelFile, labelIndex: labelIndex)
            }
            let positives = labelFile.labels.reduce(0) { $0 + Int($1) }
            if positives == 0 || positives == labelFile.rowCount {
                throw DataError(.singleClass, file: labelFile.path,
                                "every label is \(positives == 0 ? "0 (normal)" : "1 (anomaly)"); AUROC and AP need both classes")
            }
        } else {
            for file in unique { try Join.checkUnique(loaded(file)) }
        }

        var runsByFile: [String: [Run]] = [:]
        for file in unique {
            let scoreFile = try loaded(file)
            let sources = [Source(file: file, sha256: try FileSystem.sha256(of: file))]
            let labels: [UInt8]
            var coverage: LabelCoverage? = nil
            var blockIndex: [Int]? = nil
            if let labelFile = truth.labelFile, let positions = positionsByFile[file] {
                labels = positions.map { labelFile.labels[Int($0)] }
                coverage = LabelCoverage.of(positions: positions)
                switch options.blocks {
                case .size(let size)?:
                    blockIndex = positions.map { Int($0) / size }
                case .labelColumn?:
                    guard let blocks = labelFile.blocks else {
                        throw DataError(.usage, file: truth.description,
                                        "--block-size dataset needs a 'block' column filled for every row of the labels")
                    }
                    blockIndex = positions.map { blocks[Int($0)] }
                case nil:
                    break
                }
            } else {
                guard let own = scoreFile.labels else {
                    throw GroundTruth.noLabels(file)
                }
                if options.blocks == .labelColumn {
                    throw DataError(.usage, file: truth.description,
                                    "--block-size dataset needs a 'block' column filled for every row of the labels")
                }
                labels = own
            }
            var runs: [Run] = []
            for (index, (column, values)) in zip(scoreFile.scoreColumns, scoreFile.scores).enumerated() {
                let scores = options.lowerIsAnomalous ? values.map { -$0 } : values
                for side in firstRuns.indices where firstRuns[side] == (file, index) {
                    compared[side] = ComparedSide(file: file, scores: scores, labels: labels, positions: positionsByFile[file])
                }
                do {
                    let counts = try DistinctScoreCounts(scores: scores, labels: labels)
                    var tallies: [BlockTally]? = nil
                    if let blockIndex {
                        let made = try BlockTally.tallies(scores: scores, labels: labels, blockIndex: blockIndex)
                        if let outside = made.first(where: { !$0.isWithinExactRange }) {
                            throw DataError(.notMergeable, file: file, PartialEvaluation.magnitudeRefusal(column: column, block: outside))
                        }
                        tallies = made
                    }
                    runs.append(Run(column: column, sources: sources, counts: counts, coverage: coverage, blocks: tallies))
                } catch let error as MetricsError {
                    throw error.dataError(file: file)
                }
            }
            runsByFile[file] = runs
            scoreFiles[file] = nil
        }
        let selected = selection.select(runsByFile, column: \.column)
        let runs = selected.map(\.run)
        var comparison: ComparedRuns? = nil
        if let a = compared[0], let b = compared[1] {
            let (pairs, labelsDiffer) = try pairTable(a, b, labelFile: truth.labelFile)
            comparison = ComparedRuns(aRuns: selected.filter { $0.group == "a" }.count, confidenceLevel: options.confidenceLevel,
                                      pairs: pairs, labelsDiffer: labelsDiffer)
        }

        var labels = Labels(kind: .scoreFiles, description: truth.description, sha256: nil, split: nil, all: nil, positives: nil)
        if let labelFile = truth.labelFile {
            labels.kind = options.labelsPath != nil ? .labelFile : (options.windowLabels ? .windows : .dataset)
            labels.sha256 = try FileSystem.sha256(of: labelFile.path)
            labels.split = options.labelsPath == nil || labelFile.hasSplitColumn ? options.split : nil
            labels.all = LabelCoverage.all(labelFile.rowCount)
            labels.positives = labelFile.labels.reduce(0) { $0 + Int($1) }
        }
        return PartialEvaluation(origin: "the partial of \(unique.joined(separator: ", "))",
                                 options: Options(cutoffs: options.cutoffs, blocks: options.blocks, lowerIsAnomalous: options.lowerIsAnomalous),
                                 labels: labels, manifest: truth.manifest, warnings: truth.warnings, runs: runs, comparison: comparison)
    }

    /// Why `options` cannot be evaluated as mergeable partials, or nil when they can.
    public static func refusal(_ options: EvaluationOptions) -> String? {
        if options.series != nil || options.seriesDatasets.count > 1 {
            return "time-series metrics (--series, or the dataset recipe's protocol) need every row of a series in order, which shards do not have; evaluate the whole file, or add --no-series to merge the other metrics"
        }
        if options.bootstrapReplicates != nil {
            return "--bootstrap resamples the rows, which a partial does not keep; evaluate the whole file for bootstrap intervals"
        }
        if options.byKind {
            return "--by-kind needs each row's anomaly kind, which a partial does not keep; evaluate the whole file for per-kind metrics"
        }
        if let calibrated = options.cutoffs.first(where: \.isCalibrated) {
            return "the cut-off '\(calibrated.text)' is chosen on another file's scores; calibrated cut-offs are not merged (use threshold:T with the calibrated threshold)"
        }
        if options.calibrationFile != nil {
            return "--calibrate is for calibrated: cut-offs, which are not merged"
        }
        if options.blockScoresFile != nil {
            return "--block-scores replaces the block means, which do not depend on the shards: give it to the --merge that makes the results"
        }
        return nil
    }

    static func magnitudeRefusal(column: String, block: BlockTally) -> String {
        "column '\(column)', block \(block.index): scores of magnitude up to \(block.largestMagnitude) over \(block.rows) rows come near the binary64 limit, where a whole evaluation rescales the block's sum in row order; its mean cannot be merged bit for bit, so evaluate the whole file"
    }
}
