import DataIO

/// Joins a score file to the labels on `id` (`Fixtures/metrics/SPEC.md` §2.5-2.7), in this order of checks:
/// duplicate ids in the score file, duplicate ids in the label file, labelled ids without a
/// score (`missing_score`), scored ids without a label (`unknown_id`). The result puts the
/// scores in the label file's row order, the canonical order.
enum Join {
    /// Checks that `file`'s ids are unique when it carries its own labels (no join).
    static func checkUnique(_ file: ScoreFile) throws {
        guard let ids = file.ids else { return }
        do {
            _ = try IdIndex(ids)
        } catch {
            throw duplicate(in: file, error)
        }
    }

    /// An index of the label ids (checked for duplicates), reusable across score files.
    static func index(_ labels: LabelFile) throws -> IdIndex {
        do {
            return try IdIndex(labels.ids)
        } catch {
            throw DataError(.duplicateID, file: labels.path, line: Int(labels.lines[error.secondRow]), column: labels.idColumn + 1,
                            "duplicate id '\(labels.ids.string(error.secondRow))' (first on line \(labels.lines[error.firstRow]))")
        }
    }

    /// The score columns of `file` in the canonical order of `labels`.
    static func align(_ file: ScoreFile, to labels: LabelFile, labelIndex: IdIndex) throws -> [[Double]] {
        guard var scoreIds = file.ids else {
            throw DataError(.badHeader, file: file.path, "no 'id' column to join with the labels in \(labels.path)")
        }
        let scoreIndex: IdIndex
        do {
            scoreIndex = try IdIndex(scoreIds)
        } catch {
            throw duplicate(in: file, error)
        }
        var labelIds = labels.ids
        var labelLookup = labelIndex
        if scoreIds.isInteger != labelIds.isInteger {
            // One side has a non-integer id: compare both as text.
            scoreIds.matchRepresentation(of: labelIds)
            labelIds.matchRepresentation(of: scoreIds)
            labelLookup = try index(LabelFile(path: labels.path, ids: labelIds, labels: labels.labels, blocks: labels.blocks, lines: labels.lines, idColumn: labels.idColumn))
        }
        let rebuiltScoreIndex = scoreIds.isInteger == scoreIndex.column.isInteger ? scoreIndex : try IdIndex(scoreIds)

        let n = labels.rowCount
        var order = [Int32](repeating: 0, count: n)
        for row in 0..<n {
            guard let found = rebuiltScoreIndex.row(matching: labelIds, row) else {
                // When no labelled id has a score at all, the files use different ids: say so
                // (one more pass over the labels, on the error path only).
                let none = row == 0 && (1..<n).allSatisfy { rebuiltScoreIndex.row(matching: labelIds, $0) == nil }
                let hint = none && file.rowCount > 0
                    ? "; none of the \(n) labelled ids is in it (its first id is '\(scoreIds.string(0))'): the two files do not use the same ids"
                    : ""
                throw DataError(.missingScore, file: labels.path, line: Int(labels.lines[row]), column: labels.idColumn + 1,
                                "id '\(labelIds.string(row))' has a label but no score in \(file.path)\(hint)")
            }
            order[row] = Int32(found)
        }
        if file.rowCount > n {
            for row in 0..<file.rowCount where labelLookup.row(matching: scoreIds, row) == nil {
                throw DataError(.unknownID, file: file.path, line: ScoreFile.line(ofRow: row, in: file.path), column: (file.idColumn ?? 0) + 1,
                                "id '\(scoreIds.string(row))' has a score but no label in \(labels.path)")
            }
        }
        return file.scores.map { column in
            column.withUnsafeBufferPointer { source in
                [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
                    for row in 0..<n { buffer[row] = source[Int(order[row])] }
                    initialized = n
                }
            }
        }
    }

    /// For a shard (`--partial`): the label row of each of `file`'s rows, in the score file's
    /// row order. The shard may score any subset of the labelled ids, but each at most once
    /// (`duplicate_id`) and none without a label (`unknown_id`); whether the shards together
    /// cover every labelled row exactly once is checked when they are merged (``LabelCoverage``).
    static func positions(_ file: ScoreFile, in labels: LabelFile, labelIndex: IdIndex) throws -> [Int32] {
        guard var scoreIds = file.ids else {
            throw DataError(.badHeader, file: file.path, "no 'id' column to join with the labels in \(labels.path)")
        }
        do {
            _ = try IdIndex(scoreIds)
        } catch {
            throw duplicate(in: file, error)
        }
        var labelLookup = labelIndex
        if scoreIds.isInteger != labels.ids.isInteger {
            // One side has a non-integer id: compare both as text.
            var labelIds = labels.ids
            scoreIds.matchRepresentation(of: labelIds)
            labelIds.matchRepresentation(of: scoreIds)
            labelLookup = try index(LabelFile(path: labels.path, ids: labelIds, labels: labels.labels, blocks: labels.blocks, lines: labels.lines, idColumn: labels.idColumn))
        }
        var positions = [Int32](repeating: 0, count: file.rowCount)
        for row in 0..<file.rowCount {
            guard let found = labelLookup.row(matching: scoreIds, row) else {
                throw DataError(.unknownID, file: file.path, line: ScoreFile.line(ofRow: row, in: file.path), column: (file.idColumn ?? 0) + 1,
                                "id '\(scoreIds.string(row))' has a score but no label in \(labels.path)")
            }
            positions[row] = Int32(found)
        }
        return positions
    }

    private static func duplicate(in file: ScoreFile, _ error: IdIndex.Duplicate) -> DataError {
        let id = file.ids?.string(error.secondRow) ?? "?"
        let first = ScoreFile.line(ofRow: error.firstRow, in: file.path).map { " (first on line \($0))" } ?? ""
        return DataError(.duplicateID, file: file.path, line: ScoreFile.line(ofRow: error.secondRow, in: file.path), column: (file.idColumn ?? 0) + 1,
                         "duplicate id '\(id)'\(first)")
    }
}
