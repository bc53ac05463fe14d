import DataIO
import Metrics

/// The validation scores behind `calibrated:RULE` cut-offs: a score file whose labels come
/// from its own `label` column, or else from the dataset's `validation` split (with
/// `--dataset`) or the label file (with `--labels`). One curve per score column.
struct Calibration: Sendable {
    let path: String
    let curves: [String: BinaryCurve]

    static func load(_ path: String, options: EvaluationOptions, truth: GroundTruth) throws -> Calibration {
        try GroundTruth.requireFile(path, what: "calibration score file")
        var request = ScoreFile.Request()
        request.scoreColumns = []
        request.wantsLabels = true
        request.requiresId = false
        let file = try ScoreFile.read(path, request)
        var columns: [[Double]]
        let labels: [UInt8]
        if let own = file.labels {
            labels = own
            columns = file.scores
        } else {
            var validationTruth = options
            // The validation rows of the dataset, or of a --labels file with a split column.
            validationTruth.split = "validation"
            validationTruth.byKind = false  // the calibration curve needs the labels only
            let source: GroundTruth
            do {
                source = try GroundTruth.load(validationTruth)
            } catch var error as DataError where error.code == .missingSplit {
                error.message = "the calibration scores \(path) have no 'label' column, so their labels come from the validation split, and \(error.message): add a 'label' column to \(path), or give a dataset with a validation split"
                throw error
            }
            guard let labelFile = source.labelFile, let index = source.labelIndex else {
                throw DataError(.usage, file: path, "no labels for the calibration scores: add a 'label' column, or give --dataset or --labels")
            }
            columns = try Join.align(file, to: labelFile, labelIndex: index)
            labels = labelFile.labels
        }
        if options.lowerIsAnomalous { columns = columns.map { $0.map { -$0 } } }
        var curves: [String: BinaryCurve] = [:]
        for (name, scores) in zip(file.scoreColumns, columns) {
            do {
                curves[name] = try BinaryCurve(scores: scores, labels: labels)
            } catch let error as MetricsError {
                throw error.dataError(file: path)
            }
        }
        return Calibration(path: path, curves: curves)
    }

    /// The validation curve for a run's column: the column of the same name, or the file's
    /// only score column.
    func curve(for column: String) -> BinaryCurve? {
        curves[column] ?? (curves.count == 1 ? curves.values.first : nil)
    }
}

/// A `block,score` file: one score per block index, and its path (for errors about it).
struct BlockScoreFile {
    let path: String
    let scores: [Int: Double]

    static func read(_ path: String) throws -> BlockScoreFile {
        try GroundTruth.requireFile(path, what: "block score file")
        var table: [Int: Double] = [:]
        var headerSeen = false
        var blockColumn = 0, scoreColumn = 1, width = 2
        try CSVReader(path: path).forEachRecord { record in
            if !headerSeen {
                let names = (0..<record.count).map { record.string($0) }
                try ScoreFile.checkHeader(names, path: path, line: record.line)
                guard let b = names.firstIndex(of: "block"), let s = names.firstIndex(of: "score") else {
                    throw DataError(.badHeader, file: path, line: record.line, "a block score file needs 'block' and 'score' columns")
                }
                blockColumn = b; scoreColumn = s; width = names.count
                headerSeen = true
                return
            }
            guard record.count == width else {
                throw ScoreFile.badRow(path: path, line: record.line, found: record.count, expected: width, record: record)
            }
            guard let block = IdColumn.canonicalInteger(record.field(blockColumn)) else {
                throw DataError(.badRow, file: path, line: record.line, column: blockColumn + 1, "the block '\(record.string(blockColumn))' is not a non-negative integer")
            }
            guard case .finite(let score) = DecimalParser.parse(record.field(scoreColumn)) else {
                throw DataError(.badScore, file: path, line: record.line, column: scoreColumn + 1, "'\(record.string(scoreColumn))' is not a finite number")
            }
            if table.updateValue(score, forKey: Int(block)) != nil {
                throw DataError(.duplicateID, file: path, line: record.line, column: blockColumn + 1, "block \(block) is scored twice")
            }
        }
        guard headerSeen, !table.isEmpty else { throw DataError(.emptyFile, file: path, "no block scores") }
        return BlockScoreFile(path: path, scores: table)
    }
}
