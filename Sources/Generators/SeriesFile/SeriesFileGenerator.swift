import DataIO
import Foundation
import Datasets
import Recipe

/// One labelled series of the field's corpora (recipe kinds `series_file`: bundled recipes
/// `tsb-ad-series` and `ucr-anomaly`), read from the user's file so that the bundled
/// detectors and the evaluator run on it unchanged. No look-alike: without the file, an error.
///
/// Formats (``SeriesFileSpec``):
/// - **TSB-AD** (`…_tr_<trainEnd>_1st_<first>.csv`): a CSV with a header, value columns and
///   `Label`. One value column is written as `value`; several keep their names (sanitised:
///   only letters, digits, `_`, `-`, `.`), in file order.
/// - **UCR anomaly archive** (`…_<trainEnd>_<begin>_<end>.txt`): one value per line (or
///   whitespace-separated); the anomaly is rows [begin, end), 0-based, end excluded.
///
/// Split (the corpora's own): rows [0, trainEnd) are train, [trainEnd, n) test, each row keeps
/// its label (a train prefix may hold labelled anomalies: they are written as such, and the
/// manifest counts them). Row id = the row's index in the series, so `labels.csv` lists the
/// series in time order. Anomaly kind `labelled`. The recipe's evaluation protocol evaluates
/// the test split as a series (window auto: TSB-AD's `find_length_rank` on `value`).
public struct SeriesFileGenerator: Generator {
    public let spec: SeriesFileSpec
    /// Value columns' names and, per row, the values and the label.
    let names: [String]
    let values: [[Double]]
    let labels: [Bool]
    let trainEnd: Int
    public let sourceFile: Manifest.SourceFile?

    public init(spec: SeriesFileSpec) throws {
        self.spec = spec
        guard let path = spec.source else {
            throw DataError(.missingSource, "this recipe (kind series_file) reads one series file of TSB-AD (…_tr_N_1st_M.csv) or of the UCR anomaly archive (…_N_BEGIN_END.txt): pass it with --source FILE")
        }
        guard FileSystem.isRegularFile(path) else { throw DataError(.missingSource, file: path, "no such series file") }
        let name = FileSystem.lastComponent(of: path)
        var format = spec.format
        if format == .auto {
            guard let detected = SeriesFileGenerator.detect(name) else {
                throw DataError(.badSource, file: path, "cannot tell the format from the name: expected TSB-AD's …_tr_N_1st_M.csv or UCR's …_N_BEGIN_END.txt (or set generator.format)")
            }
            format = detected
        }
        let text = try FileSystem.readText(path)
        let parsed: (names: [String], values: [[Double]], labels: [Bool], trainEnd: Int?)
        switch format {
        case .tsbAD: parsed = try SeriesFileGenerator.readTSBAD(text, path: path, name: name)
        default: parsed = try SeriesFileGenerator.readUCR(text, path: path, name: name)
        }
        guard let end = spec.trainEnd ?? parsed.trainEnd else {
            throw DataError(.badSource, file: path, "no train end in the file name: set generator.train_end")
        }
        guard end >= 0 && end < parsed.values.count else {
            throw DataError(.badSource, file: path, "train end \(end) is outside the series (\(parsed.values.count) rows): the test split would be empty")
        }
        // The test part must hold an anomaly: without one no ranking metric is defined, and
        // every evaluation of the dataset would stop at a single class.
        guard parsed.labels[end...].contains(true) else {
            let first = parsed.labels.firstIndex(of: true)
            throw DataError(.badSource, file: path, "the test part (rows \(end) to \(parsed.values.count - 1)) has no anomaly\(first.map { ": the labelled rows start at \($0), inside the training part (rows 0 to \(end - 1))" } ?? ": no row is labelled"); check the file or generator.train_end")
        }
        names = parsed.names
        values = parsed.values
        labels = parsed.labels
        trainEnd = end
        sourceFile = .init(name: name, sha256: try FileSystem.sha256(of: path), knownOriginal: false,
                           description: format == .tsbAD ? "TSB-AD series file" : "UCR anomaly archive series file")
    }

    /// `tsb-ad` for `…_tr_N_1st_M.csv`, `ucr` for `…_N_B_E.txt`, else nil (compression suffixes ignored).
    static func detect(_ name: String) -> SeriesFileSpec.Format? {
        let stem = strip(name)
        if stem.hasSuffix(".csv"), stem.contains("_tr_"), stem.contains("_1st_") { return .tsbAD }
        if stem.hasSuffix(".txt"), numbers(stem, count: 3) != nil { return .ucr }
        return nil
    }

    static func strip(_ name: String) -> String {
        var stem = name
        for suffix in [".gz", ".xz", ".bz2", ".zip"] where stem.hasSuffix(suffix) { stem.removeLast(suffix.count) }
        return stem
    }

    /// The last `count` `_`-separated integer fields before the extension.
    static func numbers(_ stem: String, count: Int) -> [Int]? {
        guard let dot = stem.lastIndex(of: ".") else { return nil }
        let parts = stem[..<dot].split(separator: "_")
        guard parts.count > count else { return nil }
        let tail = parts.suffix(count).compactMap { Int($0) }
        return tail.count == count ? tail : nil
    }

    static func readTSBAD(_ text: String, path: String, name: String) throws -> (names: [String], values: [[Double]], labels: [Bool], trainEnd: Int?) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw DataError(.badSource, file: path, "the file is empty") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let labelColumn = header.firstIndex(of: "Label") else {
            throw DataError(.badSource, file: path, line: 1, "no 'Label' column (header: \(header.joined(separator: ",")))")
        }
        let valueColumns = header.indices.filter { $0 != labelColumn }
        guard !valueColumns.isEmpty else { throw DataError(.badSource, file: path, line: 1, "no value column besides 'Label'") }
        var names = valueColumns.count == 1 ? ["value"] : valueColumns.map { sanitise(header[$0], index: $0) }
        if Set(names).count != names.count { names = valueColumns.map { "x\($0)" } }
        var values: [[Double]] = [], labels: [Bool] = []
        for (index, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw DataError(.badSource, file: path, line: index + 1, "expected \(header.count) fields, got \(fields.count)")
            }
            var row: [Double] = []
            for c in valueColumns {
                guard let x = Double(fields[c].trimmingCharacters(in: .whitespaces)), x.isFinite else {
                    throw DataError(.badSource, file: path, line: index + 1, column: c + 1, "expected a finite number, got '\(fields[c])'")
                }
                row.append(x)
            }
            let label = fields[labelColumn].trimmingCharacters(in: .whitespaces)
            guard let y = Double(label), y == 0 || y == 1 else {
                throw DataError(.badSource, file: path, line: index + 1, column: labelColumn + 1, "the label must be 0 or 1, got '\(label)'")
            }
            values.append(row)
            labels.append(y == 1)
        }
        guard !values.isEmpty else { throw DataError(.badSource, file: path, "the file has a header but no rows") }
        // …_tr_<trainEnd>_1st_<first>.csv
        var trainEnd: Int? = nil
        let stem = strip(name)
        if let range = stem.range(of: "_tr_", options: .backwards) {
            trainEnd = Int(stem[range.upperBound...].prefix { $0.isNumber })
        }
        return (names, values, labels, trainEnd)
    }

    static func readUCR(_ text: String, path: String, name: String) throws -> (names: [String], values: [[Double]], labels: [Bool], trainEnd: Int?) {
        var values: [[Double]] = []
        var line = 1
        for field in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "," }) {
            guard let x = Double(field), x.isFinite else {
                let before = text[..<field.startIndex].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
                throw DataError(.badSource, file: path, line: before, "expected a finite number, got '\(field)'")
            }
            values.append([x])
            line += 1
        }
        guard !values.isEmpty else { throw DataError(.badSource, file: path, "the file has no values") }
        guard let n = numbers(strip(name), count: 3) else {
            throw DataError(.badSource, file: path, "the name must end in _TRAINEND_BEGIN_END.txt (UCR anomaly archive)")
        }
        let (begin, end) = (n[1], n[2])
        guard begin >= 0, end > begin, end <= values.count else {
            throw DataError(.badSource, file: path, "anomaly rows [\(begin), \(end)) do not fit the series of \(values.count) rows")
        }
        let labels = values.indices.map { $0 >= begin && $0 < end }
        return (["value"], values, labels, n[0])
    }

    static func sanitise(_ name: String, index: Int) -> String {
        let kept = String(name.unicodeScalars.filter { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "_-.".unicodeScalars.contains($0) })
        return kept.isEmpty || kept == "id" || kept == "label" ? "x\(index)" : kept
    }

    public var columns: [ColumnSchema] { names.map { .numeric($0) } }
    public var info: Manifest.GeneratorInfo {
        .init(kind: SeriesFileSpec.kind, version: 1, description: "one labelled series of TSB-AD or the UCR anomaly archive, read from its file; train = rows before the file's train end")
    }
    public var totalRows: Int { values.count }
    public var source: String { "file" }

    public func generate(into writer: DatasetWriter, context: GenerationContext,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        var anomalies = 0
        for (i, row) in values.enumerated() {
            try writer.beginRow(i < trainEnd ? .train : .test, id: i)
            for x in row { try writer.write(number: x) }
            try writer.endRow(label: labels[i], kind: labels[i] ? "labelled" : "")
            if labels[i] { anomalies += 1 }
        }
        progress(totalRows)
        return ["labelled": .object(["count": .int(anomalies), "source": .string("the file's labels")])]
    }
}
