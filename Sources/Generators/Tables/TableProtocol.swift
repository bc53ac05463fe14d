import DataIO
import Datasets
import Randomness
import Recipe

/// Applies a table recipe's class mapping and split to a ``Table``: which rows are normal or
/// anomalous, and which go to train, validation or test (or nowhere).
///
/// - **Classes**: a row whose class is in `classes.anomalous` is an anomaly (kind `class:VALUE`);
///   in `classes.normal` (or any other class when that list is empty) it is normal; otherwise it
///   is dropped.
/// - **fraction**: a permutation of all rows (stream `split`, Fisher-Yates; or a paper's row file);
///   the first ⌊train_fraction · rows⌋ are the train half, the rest the test half. The train half
///   then excludes its anomalies, keeps them, or keeps exactly round(r · n / (1 − r)) of them
///   (stream `train-anomalies`) so they are a fraction r of the train rows; with
///   `test_anomaly_ratio` the test half likewise keeps exactly round(r · n / (1 − r)) of its
///   anomalies (stream `test-anomalies`).
/// - **counts**: normal and anomalous rows are each permuted (streams `split-normal`,
///   `split-anomalous`, or order files) and dealt in that order: test first, then validation, then
///   train (-1 = all that are left). Asking for more rows than there are is an error.
///
/// Rows keep their file order within each split (the generator may shuffle the test rows' order); ids are their 0-based row numbers in the file.
struct TableProtocol {
    enum Destination: UInt8 { case dropped, train, validation, test }

    var destination: [Destination]
    var isAnomaly: [Bool]

    init(table: Table, spec: TableSpec, context: GenerationContext) throws {
        let n = table.rowCount
        let anomalousCodes = Set(spec.classes.anomalous.compactMap { table.classValues.firstIndex(of: $0) })
        let normalCodes: Set<Int>
        if spec.classes.normal.isEmpty {
            normalCodes = Set(table.classValues.indices).subtracting(anomalousCodes)
        } else {
            normalCodes = Set(spec.classes.normal.compactMap { table.classValues.firstIndex(of: $0) })
        }
        let present = Set(table.classValues)
        for value in spec.classes.anomalous + spec.classes.normal where !present.contains(value) {
            throw DataError(.badRecipe, "generator.classes: the class '\(value)' does not occur in the data (classes: \(table.classValues.joined(separator: ", ")))")
        }
        isAnomaly = table.classCodes.map { anomalousCodes.contains(Int($0)) }
        let kept = table.classCodes.map { anomalousCodes.contains(Int($0)) || normalCodes.contains(Int($0)) }
        destination = [Destination](repeating: .dropped, count: n)

        switch spec.split {
        case .fraction(let fraction, let rowsFile, let lists, let trainAnomalies, let ratio, let testRatio):
            var inTrain = [Bool](repeating: false, count: n)
            if let rowsFile {
                let rows = try RowListFile.read(rowsFile, rowCount: n, what: "the table")
                for r in rows { inTrain[r] = true }
                if lists == .test { inTrain = inTrain.map { !$0 } }
            } else {
                var order = Array(0..<n)
                var generator = context.stream("split")
                generator.shuffle(&order)
                let trainCount = Int((fraction * Double(n)).rounded(.down))
                for r in order.prefix(trainCount) { inTrain[r] = true }
            }
            for r in 0..<n where kept[r] { destination[r] = inTrain[r] ? .train : .test }
            switch trainAnomalies {
            case .keep:
                break
            case .exclude:
                for r in 0..<n where destination[r] == .train && isAnomaly[r] { destination[r] = .dropped }
            case .ratio:
                try keepAnomalies(in: .train, ratio: ratio, key: "train_anomaly_ratio", stream: "train-anomalies", context: context)
            }
            if let testRatio {
                try keepAnomalies(in: .test, ratio: testRatio, key: "test_anomaly_ratio", stream: "test-anomalies", context: context)
            }

        case .counts(let train, let validation, let test, let normalFile, let anomalousFile):
            let normals = (0..<n).filter { kept[$0] && !isAnomaly[$0] }
            let anomalies = (0..<n).filter { kept[$0] && isAnomaly[$0] }
            try deal(normals, group: "normal", orderFile: normalFile, stream: "split-normal",
                     counts: (test.normal, validation.normal, train.normal), context: context)
            try deal(anomalies, group: "anomalous", orderFile: anomalousFile, stream: "split-anomalous",
                     counts: (test.anomalous, validation.anomalous, train.anomalous), context: context)
        }
    }

    /// Makes the anomalies exactly the share `ratio` of `place`: keeps round(r · n / (1 − r)) of
    /// its anomalies (n = its normal rows), all normal rows kept. When there are too few
    /// anomalies for that (KDD's train half at 20 %), every anomaly is kept and a seeded sample of
    /// round(a · (1 − r) / r) normal rows (a = the anomalies), with a warning saying how many
    /// normal rows were left out.
    private mutating func keepAnomalies(in place: Destination, ratio: Double, key: String, stream: String,
                                        context: GenerationContext) throws {
        let n = destination.count
        let candidates = (0..<n).filter { destination[$0] == place && isAnomaly[$0] }
        let normalRows = (0..<n).filter { destination[$0] == place && !isAnomaly[$0] }
        let normals = normalRows.count
        let wanted = Int((ratio * Double(normals) / (1 - ratio)).rounded())
        guard wanted <= candidates.count else {
            let keptNormals = Int((Double(candidates.count) * (1 - ratio) / ratio).rounded())
            guard keptNormals >= 1, ratio > 0 else {
                throw DataError(.badRecipe, "generator.split.\(key): \(ratio) needs \(wanted) anomalies beside the \(normals) normal \(place) rows, but there are only \(candidates.count)")
            }
            StandardError.warn("generator.split.\(key): \(ratio) of the \(place) rows needs \(wanted) anomalies beside its \(normals) normal rows, "
                               + "but there are \(candidates.count): all of them are kept with \(keptNormals) normal rows (a seeded sample; \(normals - keptNormals) left out)")
            var sampler = SelectionSampler(choosing: keptNormals, of: normals, generator: context.stream(stream + "-normals"))
            for r in normalRows where !sampler.next() { destination[r] = .dropped }
            return
        }
        var sampler = SelectionSampler(choosing: wanted, of: candidates.count, generator: context.stream(stream))
        for r in candidates where !sampler.next() { destination[r] = .dropped }
    }

    private mutating func deal(_ rows: [Int], group: String, orderFile: String?, stream: String,
                               counts: (test: Int, validation: Int, train: Int), context: GenerationContext) throws {
        var order: [Int]
        if let orderFile {
            order = try RowListFile.read(orderFile, rowCount: rows.count, what: "the \(group) rows")
            guard order.count == rows.count else {
                throw DataError(.badSplitFile, file: orderFile,
                                "lists \(order.count) rows, but there are \(rows.count) \(group) rows: expected a permutation of 0..\(rows.count - 1)")
            }
            order = order.map { rows[$0] }
        } else {
            order = rows
            var generator = context.stream(stream)
            generator.shuffle(&order)
        }
        let trainCount = counts.train < 0 ? max(0, rows.count - counts.test - counts.validation) : counts.train
        let needed = counts.test + counts.validation + trainCount
        guard needed <= rows.count else {
            throw DataError(.badRecipe, "generator.split: \(needed) \(group) rows asked for (test \(counts.test), validation \(counts.validation), train \(trainCount)), but the data has \(rows.count)")
        }
        var position = 0
        for (count, place) in [(counts.test, Destination.test), (counts.validation, .validation), (trainCount, .train)] {
            for r in order[position..<(position + count)] { destination[r] = place }
            position += count
        }
    }
}
