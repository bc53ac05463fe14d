import DataIO
import Datasets
import Recipe

/// ECG5000 from the UCR archive (recipe `ecg5000`; the VRAE slides' second data set): 5,000
/// heartbeats of 140 samples, read from the user's `ECG5000_TRAIN` and `ECG5000_TEST` files (UCR
/// format: one beat per line, the class label then the 140 values, separated by whitespace or
/// commas). Without `--source` (no `generator.source`) it makes a look-alike instead: the
/// `ecg_synthetic` generator's simulated heartbeats (``ECGSyntheticGenerator``) at the UCR split's
/// sizes (500 TRAIN, 4,500 TEST beats) and ECG5000's class balance, with the recipe's
/// `normal_classes`; the manifest says `source: synthetic-lookalike`. A `--source` that does not
/// hold the files is still an error.
///
/// Split (documented; the UCR split kept): train = the beats of `ECG5000_TRAIN` whose class is
/// normal (`normal_classes`, default class 1), the file's other beats dropped; test = every beat
/// of `ECG5000_TEST`, classes other than the normal ones anomalies with kind `class:N`. Ids are
/// positions in TRAIN then TEST (TRAIN line i → id i, TEST line j → id TRAIN rows + j); columns
/// `t0` ... `t139`.
public struct ECG5000Generator: Generator {
    public let spec: ECG5000Spec
    let train: [(label: Int, values: [Double])]
    let test: [(label: Int, values: [Double])]
    /// The look-alike, when no source is given.
    let lookalike: ECGSyntheticGenerator?
    public let sourceFile: Manifest.SourceFile?
    static let length = 140

    /// The look-alike's parameters: `ecg-synthetic`'s defaults (ECG5000's UCR split sizes and
    /// class balance) with the recipe's normal classes.
    static func lookalikeSpec(_ spec: ECG5000Spec) -> ECGSyntheticSpec {
        var synthetic = ECGSyntheticSpec.ecg5000
        synthetic.normalClasses = spec.normalClasses
        return synthetic
    }

    public init(spec: ECG5000Spec) throws {
        self.spec = spec
        guard let source = spec.source else {
            train = []
            test = []
            lookalike = ECGSyntheticGenerator(spec: Self.lookalikeSpec(spec))
            sourceFile = nil
            return
        }
        lookalike = nil
        let (trainPath, testPath) = try ECG5000Generator.locate(source)
        train = try ECG5000Generator.read(trainPath)
        test = try ECG5000Generator.read(testPath)
        sourceFile = .init(name: FileSystem.lastComponent(of: testPath), sha256: try FileSystem.sha256(of: testPath), knownOriginal: false,
                           description: "UCR ECG5000 (test file; train file \(FileSystem.lastComponent(of: trainPath)))")
    }

    /// The two files from a folder or from the path of either.
    static func locate(_ source: String) throws -> (String, String) {
        guard FileSystem.exists(source) else {
            throw DataError(.missingSource, file: source, "no such file or folder; --source is the folder holding ECG5000_TRAIN and ECG5000_TEST (or one of the two files)")
        }
        let folder = FileSystem.isDirectory(source) ? source : FileSystem.parent(of: source)
        func find(_ stem: String) throws -> String {
            for suffix in ["", ".txt", ".tsv", ".csv"] where FileSystem.isRegularFile(folder + "/" + stem + suffix) {
                return folder + "/" + stem + suffix
            }
            throw DataError(.missingSource, file: source, "no \(stem) (or \(stem).txt, .tsv, .csv) in \(folder)")
        }
        return (try find("ECG5000_TRAIN"), try find("ECG5000_TEST"))
    }

    static func read(_ path: String) throws -> [(label: Int, values: [Double])] {
        var rows: [(label: Int, values: [Double])] = []
        let text = try FileSystem.readText(path)
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" }
            if fields.isEmpty { continue }
            guard fields.count == 1 + length else {
                throw DataError(.badSource, file: path, "line \(n + 1): expected a class label and \(length) values, got \(fields.count) fields")
            }
            guard let label = Double(fields[0]), label == label.rounded(), (1...5).contains(Int(label)) else {
                throw DataError(.badSource, file: path, "line \(n + 1), column 1: expected a class 1-5, got '\(fields[0])'")
            }
            var values: [Double] = []
            values.reserveCapacity(length)
            for (k, field) in fields.dropFirst().enumerated() {
                guard let x = Double(field), x.isFinite else {
                    throw DataError(.badSource, file: path, "line \(n + 1), column \(k + 2): expected a number, got '\(field)'")
                }
                values.append(x)
            }
            rows.append((Int(label), values))
        }
        if rows.isEmpty { throw DataError(.badSource, file: path, "the file has no beats") }
        return rows
    }

    public var columns: [ColumnSchema] { (0..<Self.length).map { .numeric("t\($0)") } }
    public var info: Manifest.GeneratorInfo {
        if let lookalike {
            return .init(kind: ECG5000Spec.kind, version: 1,
                         description: "look-alike (no --source): ecg_synthetic v\(lookalike.info.version) heartbeats at the UCR split's sizes; train = normal beats of TRAIN, test = all of TEST")
        }
        return .init(kind: ECG5000Spec.kind, version: 1, description: "UCR ECG5000 read from its files; train = normal beats of TRAIN, test = all of TEST")
    }
    public var totalRows: Int {
        lookalike?.totalRows ?? train.filter { spec.normalClasses.contains($0.label) }.count + test.count
    }
    public var source: String { lookalike == nil ? "file" : "synthetic-lookalike" }

    public func generate(into writer: DatasetWriter, context: GenerationContext,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        if let lookalike { return try lookalike.generate(into: writer, context: context, progress: progress) }
        for (i, beat) in train.enumerated() where spec.normalClasses.contains(beat.label) {
            try writer.beginRow(.train, id: i)
            for x in beat.values { try writer.write(number: x) }
            try writer.endRow(label: false, kind: "")
        }
        var counts: [Int: Int] = [:]
        for (j, beat) in test.enumerated() {
            let anomalous = !spec.normalClasses.contains(beat.label)
            if anomalous { counts[beat.label, default: 0] += 1 }
            try writer.beginRow(.test, id: train.count + j)
            for x in beat.values { try writer.write(number: x) }
            try writer.endRow(label: anomalous, kind: anomalous ? "class:\(beat.label)" : "")
        }
        progress(totalRows)
        return Dictionary(uniqueKeysWithValues: counts.map { ("class:\($0.key)", JSONValue.object(["count": .int($0.value), "source": .string("UCR class \($0.key)")])) })
    }
}
