import DataIO

/// The ground truth: a label file (`id,label`, optionally with `block` and `series`), or a dataset's
/// `labels.csv` (`id,split,label,kind,block`) restricted to one split; its `kind` column is read
/// only for per-kind metrics. Its row order is the canonical order (`Fixtures/metrics/SPEC.md` §2.7), which is what
/// fixed-size blocks follow; datasets write their rows in id order.
struct LabelFile: Sendable {
    let path: String
    let ids: IdColumn
    let labels: [UInt8]
    /// The `block` column, when the file has one and every selected row fills it.
    let blocks: [Int]?
    /// The 1-based line of each row, for error messages.
    let lines: [Int32]
    /// The 0-based position of the `id` column.
    let idColumn: Int
    /// The `series` column (several time series in one file, each scored on its own), or nil.
    var series: [String]? = nil
    /// Whether the file has a `split` column (and was restricted to one split).
    var hasSplitColumn = false
    /// The `kind` column (the anomaly kind of each row), when asked for; nil otherwise.
    var kinds: KindColumn? = nil
    var rowCount: Int { labels.count }

    /// Reads `path`; with `split`, keeps only the rows whose `split` column equals it (a file
    /// without that column is an error, or read whole when `splitIfPresent`). `idName` names the
    /// id column (`window` for a dataset's `windows.csv`). With `kinds`, the `kind` column is
    /// read too, and a file without one is a usage error (`--by-kind` needs it).
    static func read(_ path: String, split: String? = nil, splitIfPresent: Bool = false, idName: String = "id",
                     kinds wantsKinds: Bool = false) throws -> LabelFile {
        var header: [String]? = nil
        var idIndex = 0
        var labelIndex = 0
        var splitIndex: Int? = nil
        var blockIndex: Int? = nil
        var seriesIndex: Int? = nil
        var series: [String] = []
        var kindIndex: Int? = nil
        var kinds = KindColumn()
        var ids = IdColumn()
        var labels: [UInt8] = []
        var blocks: [Int] = []
        var blocksComplete = true
        var lines: [Int32] = []
        var splitsSeen = Set<String>()
        let splitBytes = split.map { Array($0.utf8) }

        try CSVReader(path: path).forEachRecord { record in
            guard let header else {
                let names = (0..<record.count).map { record.string($0) }
                try ScoreFile.checkHeader(names, path: path, line: record.line)
                guard let id = names.firstIndex(of: idName), let label = names.firstIndex(of: "label") else {
                    throw DataError(.badHeader, file: path, line: record.line,
                                    "a label file needs '\(idName)' and 'label' columns (header: \(names.joined(separator: ",")))")
                }
                idIndex = id
                labelIndex = label
                splitIndex = names.firstIndex(of: "split")
                blockIndex = names.firstIndex(of: "block")
                seriesIndex = names.firstIndex(of: "series")
                if wantsKinds {
                    guard let kind = names.firstIndex(of: "kind") else {
                        throw DataError(.usage, file: path, line: record.line,
                                        "--by-kind needs a 'kind' column in the labels (the anomaly kind of each row, as in a dataset's labels.csv); header: \(names.joined(separator: ","))")
                    }
                    kindIndex = kind
                }
                if let split, splitIndex == nil && !splitIfPresent {
                    throw DataError(.badHeader, file: path, line: record.line,
                                    "no 'split' column to select the '\(split)' rows from")
                }
                header = names
                return
            }
            guard record.count == header.count else {
                throw ScoreFile.badRow(path: path, line: record.line, found: record.count, expected: header.count, record: record)
            }
            if let splitIndex, let splitBytes {
                let field = record.field(splitIndex)
                if !field.elementsEqual(splitBytes) {
                    if splitsSeen.count < 16 { splitsSeen.insert(record.string(splitIndex)) }
                    return
                }
            }
            let id = record.field(idIndex)
            if id.isEmpty {
                throw DataError(.badRow, file: path, line: record.line, column: idIndex + 1, "the id is empty")
            }
            ids.append(id)
            lines.append(Int32(clamping: record.line))
            labels.append(try ScoreFile.parseLabel(record, labelIndex, path: path))
            if let seriesIndex {
                let field = record.string(seriesIndex)
                if field.isEmpty {
                    throw DataError(.badRow, file: path, line: record.line, column: seriesIndex + 1, "the series is empty")
                }
                series.append(field)
            }
            if let kindIndex { kinds.append(record.string(kindIndex)) }
            if let blockIndex, blocksComplete {
                let field = record.field(blockIndex)
                if field.isEmpty {
                    blocksComplete = false
                } else if let value = IdColumn.canonicalInteger(field) {
                    blocks.append(Int(value))
                } else {
                    throw DataError(.badRow, file: path, line: record.line, column: blockIndex + 1,
                                    "the block '\(record.string(blockIndex))' is not a non-negative integer")
                }
            }
        }
        guard header != nil else {
            throw DataError(.emptyFile, file: path, "the file is empty; expected a header such as 'id,label'")
        }
        if labels.isEmpty {
            if let split, splitIndex != nil, !splitsSeen.isEmpty {
                throw DataError(.missingSplit, file: path,
                                "no rows of split '\(split)' (the file has: \(splitsSeen.sorted().joined(separator: ", ")))")
            }
            throw DataError(.emptyFile, file: path, "the file has a header but no rows")
        }
        return LabelFile(path: path, ids: ids, labels: labels,
                         blocks: blockIndex != nil && blocksComplete ? blocks : nil, lines: lines, idColumn: idIndex,
                         series: seriesIndex == nil ? nil : series, hasSplitColumn: split != nil && splitIndex != nil,
                         kinds: kindIndex == nil ? nil : kinds)
    }
}
