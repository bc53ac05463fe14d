import DataIO
import Datasets
import Randomness
import Recipe

/// One of ADBench's tabular datasets (recipe `adbench`; Han et al., NeurIPS 2022), read from
/// its `.npz` through libarchive (an `.npz` is a zip of `.npy` arrays): `X` (n × d numbers) and
/// `y` (n labels, 1 = anomaly). No look-alike: without the file, an error.
///
/// **Split (ADBench's protocol)**: a stratified random split, `test_fraction` of each class
/// (⌊t·n_c + ½⌋ rows of class c) to test, the rest to train; train keeps its anomalies, as in
/// ADBench's unsupervised setting (the labels are not used for fitting). The permutation comes
/// from the recipe seed (stream `split`), so the rows differ from ADBench's own
/// `train_test_split(random_state=…)` while the proportions are the same. Columns `x0` … `x(d−1)`;
/// row id = the row's index in the file; rows of each split in id order. The bundled recipe
/// min-max scales the features with training statistics, as ADBench does.
public struct ADBenchGenerator: Generator {
    public let spec: ADBenchSpec
    let features: Int
    let x: [Double]
    let y: [Bool]
    let trainRows: [Int]
    let testRows: [Int]
    public let sourceFile: Manifest.SourceFile?

    public init(spec: ADBenchSpec, context: GenerationContext) throws {
        self.spec = spec
        guard let path = spec.source else {
            throw DataError(.missingSource, "adbench reads one of ADBench's .npz files (arrays X and y): pass it with --source FILE")
        }
        guard FileSystem.isRegularFile(path) else { throw DataError(.missingSource, file: path, "no such .npz file") }
        let members = try ArchiveMembers.read(path)
        func array(_ name: String) throws -> NPYArray {
            guard let member = members.first(where: { $0.name == name + ".npy" }) else {
                throw DataError(.badSource, file: path, "no array '\(name)' (the archive holds: \(members.map(\.name).joined(separator: ", ")))")
            }
            return try NPYArray(member.bytes, file: path, name: name)
        }
        let xArray = try array("X"), yArray = try array("y")
        guard xArray.shape.count == 2, xArray.shape[1] >= 1 else {
            throw DataError(.badSource, file: path, "X must be a 2-D array, got shape \(xArray.shape)")
        }
        let n = xArray.shape[0]
        guard n >= 2 else { throw DataError(.badSource, file: path, "X has \(n) row\(n == 1 ? "" : "s"): a dataset needs at least 2 (a training and a test row)") }
        guard yArray.values.count == n else {
            throw DataError(.badSource, file: path, "y has \(yArray.values.count) values for \(n) rows of X")
        }
        if let bad = yArray.values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw DataError(.badSource, file: path, "y[\(bad)] = \(yArray.values[bad]): labels must be 0 or 1")
        }
        if let bad = xArray.values.firstIndex(where: { !$0.isFinite }) {
            throw DataError(.badSource, file: path, "X[\(bad / xArray.shape[1])][\(bad % xArray.shape[1])] is not finite")
        }
        let labels = yArray.values.map { $0 == 1 }
        features = xArray.shape[1]
        x = xArray.values
        y = labels
        // Stratified split: a seeded permutation of each class, the first ⌊t·n_c + ½⌋ to test.
        var generator = context.stream("split")
        var train: [Int] = [], test: [Int] = []
        for cls in [false, true] {
            var rows = (0..<n).filter { labels[$0] == cls }
            for i in stride(from: rows.count - 1, to: 0, by: -1) {
                rows.swapAt(i, generator.uniformInt(below: i + 1))
            }
            let k = Int((spec.testFraction * Double(rows.count) + 0.5).rounded(.down))
            test += rows.prefix(k)
            train += rows.dropFirst(k)
        }
        trainRows = train.sorted()
        testRows = test.sorted()
        sourceFile = .init(name: FileSystem.lastComponent(of: path), sha256: try FileSystem.sha256(of: path), knownOriginal: false,
                           description: "ADBench .npz (\(n) rows, \(xArray.shape[1]) features, \(labels.filter { $0 }.count) anomalies)")
    }

    public var columns: [ColumnSchema] { (0..<features).map { .numeric("x\($0)") } }
    public var info: Manifest.GeneratorInfo {
        .init(kind: ADBenchSpec.kind, version: 1, description: "an ADBench .npz (X, y) read through libarchive; stratified train/test split by the recipe seed")
    }
    public var totalRows: Int { trainRows.count + testRows.count }
    public var source: String { "file" }

    public var trainStatistics: [String: ColumnStatistics] {
        var out: [String: ColumnStatistics] = [:]
        for j in 0..<features { out["x\(j)"] = ColumnStatistics(trainRows.lazy.map { x[$0 * features + j] }) }
        return out
    }

    public func generate(into writer: DatasetWriter, context: GenerationContext,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        for (split, rows) in [(Split.train, trainRows), (.test, testRows)] {
            for i in rows {
                try writer.beginRow(split, id: i)
                for j in 0..<features { try writer.write(number: x[i * features + j]) }
                try writer.endRow(label: y[i], kind: y[i] ? "labelled" : "")
            }
        }
        progress(totalRows)
        return ["labelled": .object(["count": .int(y.filter { $0 }.count), "source": .string("the file's y")])]
    }
}
