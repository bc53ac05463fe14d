import DataIO
import Datasets

/// Reads any CSV table with a header row for the `table` recipe with `dataset: csv`: the class
/// column is named by the recipe, the columns listed as categorical become categories (coded in
/// sorted order), every other column must hold numbers (`?`, `NA`, `nan` or empty = missing).
enum HeaderTableReader {
    static func read(_ path: String, labelColumn: String, categorical: [String]) throws -> (Table, TableFileReader.Provenance) {
        guard FileSystem.isRegularFile(path) else {
            throw DataError(.cannotOpen, file: path, "no such file")
        }
        var header: [String] = []
        struct Stop: Error {}
        do {
            try CSVReader(path: path).forEachRecord { record in
                header = (0..<record.count).map { record.string($0) }
                throw Stop()
            }
        } catch is Stop {}
        guard !header.isEmpty else {
            throw DataError(.emptyFile, file: path, "the file is empty (expected a header row naming the columns)")
        }
        if header.count == 1, header[0].contains(";") || header[0].contains("\t") {
            throw DataError(.badHeader, file: path, line: 1, "the header has one field; the file does not look comma-separated")
        }
        guard let classIndex = header.firstIndex(of: labelColumn) else {
            throw DataError(.badHeader, file: path, line: 1,
                            "no column named '\(labelColumn)' (generator.source.label_column); columns: \(header.joined(separator: ", "))")
        }
        if let unknown = categorical.first(where: { !header.contains($0) }) {
            throw DataError(.badHeader, file: path, line: 1,
                            "no column named '\(unknown)' (generator.source.categorical); columns: \(header.joined(separator: ", "))")
        }
        var seen = Set<String>()
        for (i, name) in header.enumerated() where !seen.insert(name).inserted {
            throw DataError(.badHeader, file: path, line: 1, column: i + 1, "the column name '\(name)' appears twice")
        }
        let features = header.enumerated().filter { $0.offset != classIndex }.map(\.element)
        let schema = TableSchema(
            name: "csv", title: "table with header",
            columns: features.map { .init($0, categorical.contains($0) ? .categorical(values: nil) : .numeric) },
            classIndex: classIndex, classValues: nil, questionMarkIsMissing: true, knownChecksums: [], originalRows: 0)
        return try TableFileReader.read(path, schema: schema, skipHeader: true)
    }
}
