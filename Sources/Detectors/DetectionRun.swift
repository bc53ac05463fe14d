import DataIO
import Datasets
import Foundation
import Randomness

/// One `toolkit detect` run: read a dataset's training split, featurize it, fit a detector,
/// featurize and score another split. With ``windows``, the rows are the windows of the
/// dataset's `windows.csv` (``WindowedInput``) and each reading of the scored split also gets a
/// score from the windows covering it (``ReadingScores``).
public struct DetectionRun: Sendable {
    public var dataset: String
    public var detector: String
    public var parameters: [String] = []
    public var seed: UInt64 = 0
    /// The split that is scored (`test` by default).
    public var scoreSplit = "test"
    /// The split the detector is fitted on.
    public var fitSplit = "train"
    /// No training progress bar.
    public var quiet = false
    /// Check each file read against the SHA-256 the manifest records (`--no-verify` skips it).
    public var verify = true
    /// Also score by every variant of a detector that has them (``HasScoreVariants``).
    public var allVariants = false
    /// Read each split as the windows of the dataset's `windows.csv`: one row per window.
    public var windows = false
    /// With ``windows``: the value columns of a window; nil = the recipe's series values column
    /// (``WindowedInput/valueColumns(_:dataset:)``).
    public var windowColumns: [String]? = nil
    /// With ``windows``: how a reading's score is made from those of the windows covering it.
    public var readingAggregation = ReadingAggregation.max
    /// Epochs after which the model is also scored, part-way through its training
    /// (``ScoresDuringTraining``); each snapshot goes to `run`'s `snapshot` as it is made.
    public var snapshotEpochs: [Int] = []

    public init(dataset: String, detector: String) {
        self.dataset = dataset
        self.detector = detector
    }

    /// What a run produced.
    public struct Output: Sendable {
        public var ids: [String]
        public var scores: [Double]
        public var featureCount: Int
        public var trainRows: Int
        public var scaling: FeatureScaling
        public var fitSeconds: Double
        public var scoreSeconds: Double
        /// What the detector says about its fit (e.g. a training subsample), if anything.
        public var fitSummary: String? = nil
        /// With ``DetectionRun/allVariants``: every variant's scores of the same rows, by name.
        public var variants: [(name: String, scores: [Double])] = []
        /// With ``DetectionRun/windows``: the scored split's reading ids (in its order) and each
        /// reading's score aggregated from the windows covering it (`ids` are then window numbers).
        public var readingIds: [String]? = nil
        public var readingScores: [Double]? = nil
        /// … and the same for every variant of ``variants``, by name.
        public var readingVariants: [(name: String, scores: [Double])] = []
        /// From a detector that scores blocks (``ReadsRecords``): one score per block of
        /// ``blockSize`` consecutive rows of the scored split, block 0 first.
        public var blockScores: [Double]? = nil
        public var blockSize: Int? = nil

        /// The same rows with another score column.
        public func with(scores other: [Double]) -> Output {
            var copy = self
            copy.scores = other
            copy.variants = []
            copy.readingIds = nil
            copy.readingScores = nil
            copy.readingVariants = []
            return copy
        }

        /// With ``DetectionRun/windows``: the per-reading scores as an output of their own
        /// (reading ids, their scores, the variants' reading scores); nil otherwise.
        public var readings: Output? {
            guard let readingIds, let readingScores else { return nil }
            var copy = self
            copy.ids = readingIds
            copy.scores = readingScores
            copy.variants = readingVariants
            copy.readingIds = nil
            copy.readingScores = nil
            copy.readingVariants = []
            return copy
        }
    }

    /// A detector made from its `--param` values, with the featurizer's settings.
    public struct Configured {
        public var model: any Detector
        public var scaling: FeatureScaling
        public var lists: ListEncoding
        public var readsRecords: Bool
    }

    /// Makes `detector` from `parameters` as a run would, checking every value and that no key is
    /// unknown; reads nothing (`toolkit bench` checks its grid's parameters with it before it
    /// generates anything).
    public static func configured(detector: String, parameters list: [String]) throws -> Configured {
        let info = try DetectorRegistry.info(named: detector)
        var parameters = try DetectorParameters(detector: detector, parsing: list)
        let model = try info.make(&parameters)
        // The featurizer's keys, for the detectors that read a feature matrix; for the others
        // they are unknown parameters like any other.
        let readsRecords = model is any ReadsRecords
        let featureKeys = readsRecords ? [] : ["scale", "lists", "list_dim"]
        let scaling = readsRecords ? .none : try parameters.choice("scale", default: info.defaultScaling)
        let lists = readsRecords ? .multiHot : ListEncoding(
            name: try parameters.choice("lists", default: "multi-hot", among: ListEncoding.names),
            dimension: try parameters.integer("list_dim", default: ListEncoding.defaultDimension, range: 1...1024))
        try parameters.checkAllUsed(known: info.parameters.map(\.name) + featureKeys)
        return Configured(model: model, scaling: scaling, lists: lists, readsRecords: readsRecords)
    }

    /// Runs it; `log` receives one-line progress messages, and `snapshot` (with
    /// ``snapshotEpochs``) each snapshot's output with its epoch, while the training goes on
    /// (`log` then goes above the progress bar).
    public func run(log: (String) -> Void = { _ in }, snapshot: ((_ epoch: Int, _ output: Output, _ log: (String) -> Void) throws -> Void)? = nil) throws -> Output {
        let configured = try Self.configured(detector: detector, parameters: parameters)
        var model = configured.model
        let (scaling, lists, readsRecords) = (configured.scaling, configured.lists, configured.readsRecords)
        let folder = try DatasetFolder(dataset)
        // Both splits before the fit, so that a missing one is reported at once.
        for split in [fitSplit, scoreSplit] { try folder.requireSplit(split) }
        if allVariants && !(model is any HasScoreVariants) {
            throw DataError(.usage, "\(detector) has one score only; --all-scores is for detectors with several (\(DetectorRegistry.withVariants.joined(separator: ", ")))")
        }
        if !snapshotEpochs.isEmpty {
            guard model is any ScoresDuringTraining else {
                throw DataError(.usage, "\(detector) cannot be scored part-way through its training; --score-at-epochs is for \(DetectorRegistry.scoringDuringTraining.joined(separator: ", "))")
            }
            if windows { throw DataError(.usage, "--score-at-epochs is for a run on rows, not on --windows") }
        }

        if !windows && (windowColumns != nil || readingAggregation != .max) {
            throw DataError(.usage, "window columns and reading scores are for a run on windows (--windows)")
        }
        if readsRecords {
            if windows { throw DataError(.usage, "\(detector) reads the dataset's rows in order and its blocks; --windows is for detectors that read a feature matrix") }
            return try runOnRecords(model, folder: folder, log: log)
        }
        let valueColumns = windows ? try WindowedInput.valueColumns(windowColumns, dataset: folder) : []
        /// A split's rows: its readings, or with `windows` its windows.
        func input(_ split: String) throws -> (rows: DatasetSplit, windowed: WindowedInput?) {
            let readings = try DatasetSplit.read(folder, split: split, verify: verify)
            guard windows else { return (readings, nil) }
            let windowed = try WindowedInput(readings: readings, windows: try WindowFile.read(folder, split: split, verify: verify),
                                             valueColumns: valueColumns)
            return (windowed.rows, windowed)
        }
        /// A split as the detector takes it: its ids and feature matrix (and windows), with the
        /// featurizer fitted on it when none is given. Read straight into the matrix when its
        /// columns are all numeric or indicator (``DatasetSplit/readMatrix(_:split:verify:)``):
        /// no column arrays, so a split costs its matrix; otherwise as columns, then featurized.
        func prepared(_ split: String, featurizer: Featurizer?) throws -> (featurizer: Featurizer, ids: [String], matrix: Matrix, windows: WindowedInput?) {
            if !windows, let direct = try DatasetSplit.readMatrix(folder, split: split, verify: verify) {
                let ids = direct.ids
                var matrix = Matrix(rows: ids.count, columns: direct.columns.count, values: direct.values)
                if let featurizer {
                    featurizer.transform(matrix: &matrix)
                    return (featurizer, ids, matrix, nil)
                }
                let fitted = try Featurizer.fitted(columns: direct.columns, matrix: &matrix, scaling: scaling)
                return (fitted, ids, matrix, nil)
            }
            let (rows, windowed) = try input(split)
            if let featurizer { return (featurizer, rows.ids, featurizer.transform(rows), windowed) }
            let (fitted, matrix) = try Featurizer.fitted(train: rows, scaling: scaling, lists: lists)
            return (fitted, rows.ids, matrix, windowed)
        }
        // The training matrix is optional so that it can go before the scored split is read
        // (peak memory: one split's matrix, not both).
        var (featurizer, trainIds, trainMatrix, trainWindows): (Featurizer, [String], Matrix?, WindowedInput?) = try prepared(fitSplit, featurizer: nil)
        let trainRows = trainIds.count
        let rowsName = trainWindows.map { "windows of \($0.length) readings (\(valueColumns.joined(separator: ", ")))" } ?? "rows"
        log("\(detector): fitting on \(trainRows) \(fitSplit) \(rowsName) × \(featurizer.featureCount) features (scale \(scaling.rawValue))")
        var generator = Xoshiro256StarStar(seed: seed)
        let bar = trainingBar(&model)
        if var labelled = model as? any Detector & UsesTrainingLabels {
            labelled.trainingLabels = try trainWindows.map(\.labels) ?? SplitLabels.read(folder, split: fitSplit, verify: verify)?.labels(of: trainIds)
            model = labelled
        }
        if windows { model = Self.reading(model, featuresPerStep: valueColumns.count) }
        /// The scored split's ids and matrix (and windows): read after the fit, once the
        /// training matrix can go; before it when snapshots score it during the training.
        var target: (ids: [String], matrix: Matrix, windows: WindowedInput?)?
        func readTarget() throws -> (ids: [String], matrix: Matrix, windows: WindowedInput?) {
            if let target { return target }
            if scoreSplit == fitSplit, let trainMatrix { return (trainIds, trainMatrix, trainWindows) }
            let (_, ids, matrix, windowed) = try prepared(scoreSplit, featurizer: featurizer)
            return (ids, matrix, windowed)
        }
        /// Every score of `model` for the scored rows (the variants' too with `allVariants`), and
        /// the seconds the main score took (the inference time reported).
        func scoresAndVariants(_ model: any Detector, matrix: Matrix) throws -> (scores: [Double], seconds: Double, variants: [(name: String, scores: [Double])]) {
            let start = Date()
            let scores = try model.scores(matrix)
            let seconds = Date().timeIntervalSince(start)
            if let bad = scores.firstIndex(where: { !$0.isFinite }) {
                throw DataError(.internal, "\(detector): the score of row \(bad) is not finite")
            }
            var variants: [(name: String, scores: [Double])] = []
            if allVariants, let several = model as? any HasScoreVariants {
                for name in several.scoreVariants {
                    let values = try several.scores(matrix, variant: name)
                    if let bad = values.firstIndex(where: { !$0.isFinite }) {
                        throw DataError(.internal, "\(detector): the \(name) score of row \(bad) is not finite")
                    }
                    variants.append((name, values))
                }
            }
            return (scores, seconds, variants)
        }
        if !snapshotEpochs.isEmpty, var scored = model as? any Detector & ScoresDuringTraining {
            let rows = try readTarget()
            target = rows
            let features = featurizer.featureCount
            scored.snapshotEpochs = snapshotEpochs
            scored.onSnapshot = { epoch, fitted in
                let (scores, seconds, variants) = try scoresAndVariants(fitted, matrix: rows.matrix)
                let output = Output(ids: rows.ids, scores: scores, featureCount: features, trainRows: trainRows, scaling: scaling,
                                    fitSeconds: 0, scoreSeconds: seconds,
                                    fitSummary: (fitted as? any DescribesFit)?.fitSummary, variants: variants)
                try snapshot?(epoch, output) { bar.note($0) }
            }
            model = scored
        }
        let fitStart = Date()
        do {
            guard let trainMatrix else { throw DataError(.internal, "\(detector): the \(fitSplit) matrix was released before the fit") }
            try model.fit(trainMatrix, generator: &generator)
        }
        bar.finish()
        let fitSeconds = Date().timeIntervalSince(fitStart)
        let fitSummary = (model as? any DescribesFit)?.fitSummary
        if let fitSummary { log("\(detector): \(fitSummary)") }

        if target == nil && scoreSplit != fitSplit { (trainIds, trainMatrix, trainWindows) = ([], nil, nil) }
        let (targetIds, matrix, targetWindows) = try readTarget()
        target = nil
        trainMatrix = nil
        let targetRows = targetIds.count
        log("\(detector): scoring \(targetRows) \(scoreSplit) \(windows ? "windows" : "rows") (fit \(String(format: "%.2f", fitSeconds)) s)")
        let (scores, scoreSeconds, variants) = try scoresAndVariants(model, matrix: matrix)
        var output = Output(ids: targetIds, scores: scores, featureCount: featurizer.featureCount, trainRows: trainRows,
                            scaling: scaling, fitSeconds: fitSeconds, scoreSeconds: scoreSeconds, fitSummary: fitSummary,
                            variants: variants)
        if let targetWindows {
            func readings(_ scores: [Double]) -> [Double] {
                ReadingScores.aggregate(scores, coverage: targetWindows.coverage, readings: targetWindows.readingIds.count,
                                        by: readingAggregation)
            }
            output.readingIds = targetWindows.readingIds
            output.readingScores = readings(scores)
            output.readingVariants = variants.map { ($0.name, readings($0.scores)) }
        }
        return output
    }

    /// `model` told that each row holds time steps of `featuresPerStep` values, when it reads
    /// rows as sequences (``ReadsSequences``); other detectors as they are.
    static func reading(_ model: any Detector, featuresPerStep: Int) -> any Detector {
        guard var sequences = model as? any Detector & ReadsSequences else { return model }
        sequences.featuresPerStep = featuresPerStep
        return sequences
    }

    /// The run of a detector that reads the rows themselves (``ReadsRecords``).
    func runOnRecords(_ detector: any Detector, folder: DatasetFolder, log: (String) -> Void) throws -> Output {
        guard var model = detector as? any Detector & ReadsRecords else { throw DataError(.internal, "not a record reader") }
        model.datasetBlockSize = folder.blockSize
        let train = try DatasetSplit.read(folder, split: fitSplit, verify: verify)
        log("\(self.detector): fitting on \(train.rowCount) \(fitSplit) rows × \(train.columns.count) attributes (id lists)")
        let bar = trainingBar(&model)
        var generator = Xoshiro256StarStar(seed: seed)
        let fitStart = Date()
        try model.fit(records: train, generator: &generator)
        bar.finish()
        return try scoreRecords(model, folder: folder, train: train, fitSeconds: Date().timeIntervalSince(fitStart), log: log)
    }

    /// The progress bar of `model`'s training, which draws its reports when it makes them
    /// (``ReportsTraining``); `model` comes back wired to it.
    private func trainingBar<Model>(_ model: inout Model) -> TrainingBar {
        let bar = TrainingBar(label: "\(detector) training", quiet: quiet)
        if var training = model as? any ReportsTraining {
            nonisolated(unsafe) let shared = bar
            training.onEpoch = { step, steps, _ in shared.update(step, of: steps) }
            if let wired = training as? Model { model = wired }
        }
        return bar
    }

    private func scoreRecords(_ model: any Detector & ReadsRecords, folder: DatasetFolder, train: DatasetSplit, fitSeconds: Double,
                              log: (String) -> Void) throws -> Output {
        let fitSummary = (model as? any DescribesFit)?.fitSummary
        if let fitSummary { log("\(detector): \(fitSummary)") }
        let target = scoreSplit == fitSplit ? train : try DatasetSplit.read(folder, split: scoreSplit, verify: verify)
        log("\(detector): scoring \(target.rowCount) \(scoreSplit) rows (fit \(String(format: "%.2f", fitSeconds)) s)")
        let scoreStart = Date()
        let result = try model.scores(records: target, followsTraining: scoreSplit != fitSplit && scoreSplit != "train")
        let scoreSeconds = Date().timeIntervalSince(scoreStart)
        guard result.instances.count == target.rowCount else {
            throw DataError(.internal, "\(detector): \(result.instances.count) scores for \(target.rowCount) rows")
        }
        if let bad = result.instances.firstIndex(where: { !$0.isFinite }) {
            throw DataError(.internal, "\(detector): the score of row \(bad) is not finite")
        }
        if let bad = result.blocks?.firstIndex(where: { !$0.isFinite }) {
            throw DataError(.internal, "\(detector): the score of block \(bad) is not finite")
        }
        var output = Output(ids: target.ids, scores: result.instances, featureCount: target.columns.count, trainRows: train.rowCount,
                            scaling: .none, fitSeconds: fitSeconds, scoreSeconds: scoreSeconds, fitSummary: fitSummary)
        output.blockScores = result.blocks
        output.blockSize = result.blockSize
        return output
    }

    /// Where the block scores of a score file `path` go: `S.csv` → `S.blocks.csv`.
    public static func blocksPath(of path: String) -> String {
        (path.hasSuffix(".csv") ? String(path.dropLast(4)) : path) + ".blocks.csv"
    }

    /// Writes `block,score` (block 0 first) to `path` atomically: the file `toolkit evaluate
    /// --block-scores` reads.
    public static func writeBlockScores(_ scores: [Double], to path: String) throws {
        try FileSystem.writeAtomically(to: path) { file in
            try file.write("block,score\n")
            for (block, score) in scores.enumerated() {
                try file.write("\(block),\(score == 0 ? "0.0" : score.description)\n")
            }
        }
    }

    /// Where the per-reading scores of a window score file `path` go: `W.csv` → `W.readings.csv`
    /// (a name without `.csv` gets `.readings.csv` appended).
    public static func readingsPath(of path: String) -> String {
        (path.hasSuffix(".csv") ? String(path.dropLast(4)) : path) + ".readings.csv"
    }

    /// Writes `id,score` to `path` atomically (a temporary sibling renamed into place).
    public static func writeScores(_ output: Output, to path: String) throws {
        try FileSystem.writeAtomically(to: path) { file in try writeScores(output) { try file.write($0) } }
    }

    /// Emits the `id,score` text (a header, then one line per scored row, shortest round-trip
    /// scores) in pieces to `emit`: the one format of both `--out` and standard output.
    public static func writeScores(_ output: Output, _ emit: (String) throws -> Void) throws {
        try emit("id,score\n")
        for (id, score) in zip(output.ids, output.scores) {
            try emit("\(id),\(score == 0 ? "0.0" : score.description)\n")
        }
    }
}

/// A progress bar made at the first training report, when the number of epochs is known.
final class TrainingBar {
    let label: String
    let quiet: Bool
    private var bar: ProgressBar?
    private var last = 0

    init(label: String, quiet: Bool) {
        self.label = label
        self.quiet = quiet
    }

    func update(_ epoch: Int, of epochs: Int) {
        if bar == nil { bar = ProgressBar(label, total: epochs, unit: "steps", quiet: quiet) }
        last = epoch
        bar?.update(epoch)
    }

    func finish() { bar?.finish(last) }

    /// A line of its own above the bar (nothing when quiet).
    func note(_ line: String) {
        guard !quiet else { return }
        if let bar { bar.note(line) } else { StandardError.write(line + "\n") }
    }
}
