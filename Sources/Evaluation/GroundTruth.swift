import DataIO
import Datasets
import Foundation

/// Where labels come from: a label file, a dataset's `labels.csv` (one split), or the score
/// files' own `label` column. Turns score files into runs in canonical order.
struct GroundTruth: Sendable {
    let labelFile: LabelFile?
    let labelIndex: IdIndex?
    let description: String
    let manifest: [ReportKeyValue]
    var warnings: [String] = []
    /// The series' raw values in canonical order (a column of the dataset's split file), read
    /// for the automatic sliding window; nil when not asked for or not available.
    var values: [Double]? = nil

    static func load(_ options: EvaluationOptions) throws -> GroundTruth {
        if options.labelsPath != nil && options.datasetPath != nil {
            throw DataError(.usage, "give either --labels or --dataset, not both")
        }
        if let path = options.labelsPath {
            try requireFile(path, what: "label file")
            // A label file with a `split` column (a dataset's labels.csv given as --labels) keeps
            // the rows of --split, as --dataset does; one without it is read whole.
            let file = try LabelFile.read(path, split: options.split, splitIfPresent: true, kinds: options.byKind)
            let description = file.hasSplitColumn ? "\(path) (split \(options.split))" : path
            return GroundTruth(labelFile: file, labelIndex: try Join.index(file), description: description, manifest: [])
        }
        if let folder = options.datasetPath {
            let dataset = try DatasetFolder(folder)
            guard let path = dataset.labelFile(windows: options.windowLabels) else {
                throw DataError(.usage, file: folder, options.windowLabels
                    ? "no windows.csv in the dataset folder (window-level evaluation needs a sequence dataset such as solar-pv)"
                    : "no labels.csv in the dataset folder")
            }
            if options.verifyDataset { try dataset.verify(path) }
            let file = try LabelFile.read(path, split: options.split, idName: options.windowLabels ? "window" : "id",
                                          kinds: options.byKind)
            let index = try Join.index(file)
            var truth = GroundTruth(labelFile: file, labelIndex: index, description: "\(path) (split \(options.split))",
                                    manifest: dataset.summary.map { ReportKeyValue($0.key, $0.value) })
            if let column = options.series?.valuesColumn, !options.windowLabels {
                truth.values = try readValues(dataset, split: options.split, column: column, labels: file, index: index,
                                              verify: options.verifyDataset)
            }
            return truth
        }
        if options.byKind {
            throw DataError(.usage, "--by-kind needs the labels' 'kind' column, which a score file's own labels do not have: give --dataset DIR, or --labels FILE with a 'kind' column")
        }
        return GroundTruth(labelFile: nil, labelIndex: nil, description: "the score files' label column", manifest: [])
    }

    /// The `column` of the dataset's `SPLIT.csv` (plain or gzipped) in the labels' order, or nil
    /// when the file or the column is absent. Read like a score file and joined on `id`, so
    /// every problem is reported with its file, line and column.
    static func readValues(_ dataset: DatasetFolder, split: String, column: String, labels: LabelFile, index: IdIndex,
                           verify: Bool = true) throws -> [Double]? {
        guard let path = dataset.csvFile(of: split) else { return nil }
        if verify { try dataset.verify(path) }
        var request = ScoreFile.Request()
        request.scoreColumns = [column]
        request.requiresId = true
        let file: ScoreFile
        do {
            file = try ScoreFile.read(path, request)
        } catch let error as DataError where error.code == .unknownScoreColumn || error.code == .badHeader {
            return nil
        }
        return try Join.align(file, to: labels, labelIndex: index).first
    }

    /// Reads a score file's selected columns (and its `label` column when no other labels
    /// are given).
    static func readScores(_ path: String, columns: [String], externalLabels: Bool) throws -> ScoreFile {
        try requireFile(path, what: "score file")
        var request = ScoreFile.Request()
        request.scoreColumns = columns
        request.wantsLabels = !externalLabels
        request.requiresId = externalLabels
        return try ScoreFile.read(path, request)
    }

    /// The runs of one score file, in canonical order: one per selected column.
    func runs(from file: ScoreFile, lowerIsAnomalous: Bool) throws -> [RunInput] {
        let path = file.path
        let labels: [UInt8]
        let blocks: [Int]?
        var scores: [[Double]]
        if let labelFile, let labelIndex {
            scores = try Join.align(file, to: labelFile, labelIndex: labelIndex)
            labels = labelFile.labels
            blocks = labelFile.blocks
        } else {
            guard let own = file.labels else { throw GroundTruth.noLabels(path) }
            try Join.checkUnique(file)
            labels = own
            blocks = nil
            scores = file.scores
        }
        if lowerIsAnomalous {
            scores = scores.map { $0.map { -$0 } }
        }
        let positives = labels.reduce(0) { $0 + Int($1) }
        if positives == 0 || positives == labels.count {
            let source = labelFile?.path ?? path
            throw DataError(.singleClass, file: source,
                            "every label is \(positives == 0 ? "0 (normal)" : "1 (anomaly)"); AUROC and AP need both classes")
        }
        return zip(file.scoreColumns, scores).map { column, values in
            RunInput(file: path, column: column, group: nil, scores: values, labels: labels, blocks: blocks,
                     seriesIds: labelFile?.series, values: self.values, labelFile: labelFile?.path, labelLines: labelFile?.lines,
                     kinds: labelFile?.kinds)
        }
    }

    static func requireFile(_ path: String, what: String) throws {
        switch FileSystem.kind(of: path) {
        case .regularFile: return
        case .folder: throw DataError(.cannotOpen, file: path, "the \(what) is a folder; expected a file")
        case .other: throw DataError(.cannotOpen, file: path, "the \(what) is not a regular file")
        case .missing: throw DataError(.cannotOpen, file: path, "no such \(what)")
        }
    }
}

extension GroundTruth {
    /// A score file with no `label` column where no labels were given.
    static func noLabels(_ file: String) -> DataError {
        DataError(.usage, file: file, "no labels: the file has no 'label' column; give --labels FILE or --dataset DIR")
    }
}
