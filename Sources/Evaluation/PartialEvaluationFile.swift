import DataIO
import Datasets
import Dispatch
import Foundation
import Metrics
#if canImport(Glibc)
import Glibc
#endif

/// The file format of a ``PartialEvaluation`` (`toolkit evaluate … --partial OUT`), version 1,
/// and version 2 for comparisons (`--compare`):
///
///     toolkit partial evaluation, format 1\n   (or format 2)
///     {JSON header on one line, padded with spaces so the body starts at a multiple of 8}\n
///     body: little-endian 64-bit words
///
/// The header (keys sorted) holds `format`, `toolkit_version`, `options` (`cutoffs`, `blocks`:
/// null, "dataset" or B, `lower_is_anomalous`), `labels` (`kind`, `description`, `sha256`,
/// `split`, `rows`, `positives`, `fingerprint`: the whole label set's ``LabelCoverage`` as two
/// 16-digit hex sums), `dataset` (manifest facts as `[key, value]` pairs), `warnings`, `runs`,
/// `body_words` and `checksum`. Each run gives `column`, `sources` (`file`, `sha256`), `rows`,
/// `positives`, `distinct` (K), `coverage` (`rows`, `fingerprint`; null for own labels),
/// `blocks` (the number of block tallies, null without blocks) and `block_words`. Version 2 adds
/// `comparison` (`a_runs`: how many of the runs are A's, `confidence_level`, `labels_differ`,
/// and the pair table's `pairs` (K₂), `rows` and `positives`).
///
/// The body holds, run after run: K entries of two words, the distinct-score records
/// `UInt64 key, UInt32 positives, UInt32 negatives` sorted by key (``DistinctScoreCounts``: 16
/// bytes per distinct score, read and written as one block); then per block tally
/// `Int64 index, UInt64 rows, UInt64 anomalies, Float64 largest |score|, UInt64 p` and the p
/// `Float64` partials of its exact sum. Version 2 then holds the K₂ records of DeLong's pair table,
/// `UInt64 key A, UInt64 key B, UInt32 positives, UInt32 negatives`, sorted by the two keys
/// (``DistinctPairCounts``: 24 bytes per distinct pair). A partial without a comparison is
/// written as version 1, which earlier toolkits read; they refuse version 2 by its first line.
/// `checksum` is Σ wᵢ·(2i + 1) mod 2⁶⁴ over the body words
/// (hex): it catches any single flipped bit and most other damage; the byte count catches
/// truncation; every record is validated when read (keys increasing, counts adding up to the
/// header's). Why binary: a 1M-row shard with distinct scores is 16 MB and reads back in
/// milliseconds, where decimal text would take longer to parse than the merge itself.
public enum PartialEvaluationFile {
    /// The newest version written (2: with a comparison; 1 otherwise), and read with version 1.
    public static let formatVersion = 2
    static let magic = "toolkit partial evaluation, format "

    // MARK: - Writing

    /// Writes `partial` to `path` atomically (``FileSystem/writeAtomically(to:_:)``).
    public static func write(_ partial: PartialEvaluation, to path: String) throws {
        #if _endian(big)
        throw DataError(.usage, file: path, "partial evaluation files are little-endian, and this toolkit writes them on little-endian machines only")
        #endif
        var entries: [DistinctScoreCounts] = []
        var blockBodies: [[UInt64]] = []
        var runHeaders: [[String: Any]] = []
        for run in partial.runs {
            let counts: DistinctScoreCounts
            do {
                counts = try run.counts()
            } catch let error as MetricsError {
                throw DataError(error.dataErrorCode, file: path, "column '\(run.column)': \(error.description)")
            }
            var blockWords: [UInt64] = []
            if let blocks = run.blocks {
                for tally in blocks {
                    let partials = tally.sum.partialValues
                    blockWords += [UInt64(bitPattern: Int64(tally.index)), UInt64(tally.rows), UInt64(tally.anomalies),
                                   tally.largestMagnitude.bitPattern, UInt64(partials.count)]
                    blockWords += partials.map(\.bitPattern)
                }
            }
            entries.append(counts)
            blockBodies.append(blockWords)
            runHeaders.append([
                "column": run.column,
                "sources": run.sources.map { ["file": $0.file, "sha256": $0.sha256] },
                "rows": counts.rowCount,
                "positives": counts.positiveCount,
                "distinct": counts.count,
                "coverage": run.coverage.map { ["rows": $0.rows, "fingerprint": $0.hexFingerprint] as [String: Any] } ?? NSNull(),
                "blocks": run.blocks.map { $0.count as Any } ?? NSNull(),
                "block_words": blockWords.count,
            ])
        }
        var pairs: DistinctPairCounts? = nil
        var comparisonHeader: [String: Any]? = nil
        if let comparison = partial.comparison {
            do {
                pairs = try comparison.pairs()
            } catch let error as MetricsError {
                throw DataError(error.dataErrorCode, file: path, "the comparison's pairs: \(error.description)")
            }
            comparisonHeader = ["a_runs": comparison.aRuns, "confidence_level": comparison.confidenceLevel,
                                "labels_differ": comparison.labelsDiffer, "pairs": pairs?.count ?? 0,
                                "rows": pairs?.rowCount ?? 0, "positives": pairs?.positiveCount ?? 0]
        }
        var checksum: UInt64 = 0
        var index: UInt64 = 0
        for (counts, blocks) in zip(entries, blockBodies) {
            checksum &+= counts.withWords { weightedSum($0, startingAt: index) }
            index &+= UInt64(2 * counts.count)
            checksum &+= blocks.withUnsafeBufferPointer { weightedSum($0, startingAt: index) }
            index &+= UInt64(blocks.count)
        }
        if let pairs {
            checksum &+= pairs.withWords { weightedSum($0, startingAt: index) }
            index &+= UInt64(3 * pairs.count)
        }
        let version = comparisonHeader == nil ? 1 : formatVersion

        let labels = partial.labels
        var labelHeader: [String: Any] = ["kind": labels.kind.rawValue, "description": labels.description,
                                          "sha256": labels.sha256 ?? NSNull(), "split": labels.split ?? NSNull(),
                                          "rows": labels.all?.rows ?? NSNull(), "positives": labels.positives ?? NSNull()]
        labelHeader["fingerprint"] = labels.all?.hexFingerprint ?? NSNull()
        var header: [String: Any] = [
            "format": version,
            "toolkit_version": ToolkitVersion.string,
            "options": [
                "cutoffs": partial.options.cutoffs.map(\.text),
                "blocks": blocksValue(partial.options.blocks),
                "lower_is_anomalous": partial.options.lowerIsAnomalous,
            ] as [String: Any],
            "labels": labelHeader,
            "dataset": partial.manifest.map { [$0.key, $0.value] },
            "warnings": partial.warnings,
            "runs": runHeaders,
            "body_words": Int(index),
            "checksum": LabelCoverage.hex(checksum),
        ]
        if let comparisonHeader { header["comparison"] = comparisonHeader }
        let json: Data
        do {
            json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw DataError(.internal, file: path, "cannot encode the partial's header: \(error)")
        }
        var head = magic + "\(version)\n" + String(decoding: json, as: UTF8.self)
        while (head.utf8.count + 1) % 8 != 0 { head += " " }
        head += "\n"
        try FileSystem.writeAtomically(to: path) { out in
            try out.write(head)
            for (counts, blocks) in zip(entries, blockBodies) {
                try counts.withWords { try out.write(bytes: UnsafeRawBufferPointer($0)) }
                try blocks.withUnsafeBytes { try out.write(bytes: $0) }
            }
            try pairs?.withWords { try out.write(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private static func blocksValue(_ spec: BlockSpec?) -> Any {
        switch spec {
        case nil: return NSNull()
        case .labelColumn?: return "dataset"
        case .size(let size)?: return size
        }
    }

    /// Σ wᵢ·(2(start + i) + 1) mod 2⁶⁴.
    static func weightedSum(_ words: UnsafeBufferPointer<UInt64>, startingAt start: UInt64) -> UInt64 {
        var sum: UInt64 = 0
        var weight = 2 &* start &+ 1
        for word in words {
            sum &+= word &* weight
            weight &+= 2
        }
        return sum
    }

    // MARK: - Reading

    /// Reads and validates a partial evaluation; every problem is a `bad_partial` error naming
    /// the file (and, for the header, what was expected). The file is mapped into memory, and
    /// the distinct-score records are used where they lie (no copy; they stay valid while the
    /// partial is alive), after a checksum and validation pass over them.
    public static func read(_ path: String) throws -> PartialEvaluation {
        guard FileSystem.isRegularFile(path) else {
            throw DataError(.usage, file: path, FileSystem.exists(path) ? "the partial evaluation is not a regular file" : "no such partial evaluation file")
        }
        func bad(_ message: String, line: Int? = nil) -> DataError { DataError(.badPartial, file: path, line: line, message) }
        let file = try MappedFile(path)
        let bytes = file.bytes
        let size = bytes.count

        // The two header lines.
        let notPartial = "not a partial evaluation (expected a file made by toolkit evaluate --partial, starting '\(magic)1')"
        guard size > 0 else { throw bad("the file is empty; expected a partial evaluation made by toolkit evaluate --partial") }
        guard let firstEnd = bytes.prefix(64).firstIndex(of: 0x0A) else { throw bad(notPartial, line: 1) }
        let first = String(decoding: bytes[0..<firstEnd], as: UTF8.self)
        guard first.hasPrefix(magic) else { throw bad(notPartial, line: 1) }
        guard let version = Int(first.dropFirst(magic.count)), (1...formatVersion).contains(version) else {
            throw bad("partial evaluation \(first.dropFirst(magic.count - 7)) is not readable by this toolkit, which reads formats 1 to \(formatVersion); make the partials again with this version", line: 1)
        }
        guard let secondEnd = bytes[(firstEnd + 1)..<min(size, firstEnd + 1 + (1 << 28))].firstIndex(of: 0x0A) else {
            throw bad("no header line after the first", line: 2)
        }
        let bodyStart = secondEnd + 1
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes[(firstEnd + 1)..<secondEnd]))
        } catch {
            throw bad("the header is not valid JSON", line: 2)
        }
        let header = try Header(object, version: version, path: path)

        guard bodyStart % 8 == 0 else { throw bad("the header is not padded to a multiple of 8 bytes", line: 2) }
        let expected = bodyStart + 8 * header.bodyWords
        guard size == expected else {
            throw bad(size < expected ? "the file is truncated: \(size) bytes, the header announces \(expected)"
                                      : "\(size - expected) bytes follow the \(expected) the header announces")
        }
        // The body as words (the mapping is page-aligned and the body starts at a multiple of 8).
        let body = UnsafeBufferPointer(start: bytes.baseAddress.map { UnsafeRawPointer($0 + bodyStart).assumingMemoryBound(to: UInt64.self) },
                                       count: header.bodyWords)
        #if _endian(big)
        throw bad("partial evaluation files are little-endian, and this toolkit reads them in place on little-endian machines only")
        #endif
        let words = body
        guard weightedSum(words, startingAt: 0) == header.checksum else {
            throw bad("the body does not match its checksum: the file is damaged; make the partial again")
        }

        var runs: [PartialEvaluation.Run] = []
        var offset = 0
        for (index, run) in header.runs.enumerated() {
            let which = "run \(index + 1) (column '\(run.column)')"
            let entries = UnsafeBufferPointer(rebasing: words[offset..<(offset + 2 * run.distinct)])
            offset += 2 * run.distinct
            let counts: DistinctScoreCounts
            do {
                counts = try DistinctScoreCounts(validating: entries, owner: file)
            } catch let error as MetricsError {
                throw bad("\(which): \(error.description)")
            }
            guard counts.rowCount == run.rows, counts.positiveCount == run.positives else {
                throw bad("\(which): the records count \(counts.rowCount) rows and \(counts.positiveCount) anomalies, the header \(run.rows) and \(run.positives)")
            }
            let blockWords = Array(words[offset..<(offset + run.blockWords)])
            offset += run.blockWords
            var tallies: [BlockTally]? = nil
            if let blockCount = run.blocks {
                tallies = try readTallies(blockWords, count: blockCount, rows: run.rows, positives: run.positives,
                                          which: which, bad: { bad($0) })
            } else if run.blockWords != 0 {
                throw bad("\(which): block words without blocks")
            }
            runs.append(PartialEvaluation.Run(column: run.column, sources: run.sources, counts: counts,
                                              coverage: run.coverage, blocks: tallies))
        }
        if (header.options.blocks != nil) != header.runs.allSatisfy({ $0.blocks != nil }) && !header.runs.isEmpty {
            throw bad("the runs' block tallies do not match the block option")
        }
        var comparison: PartialEvaluation.ComparedRuns? = nil
        if let compared = header.comparison {
            var pairs: DistinctPairCounts? = nil
            if !compared.labelsDiffer {
                let table: DistinctPairCounts
                do {
                    table = try DistinctPairCounts(validating: UnsafeBufferPointer(rebasing: words[offset..<(offset + 3 * compared.pairs)]), owner: file)
                } catch let error as MetricsError {
                    throw bad("the comparison's pair table: \(error.description)")
                }
                pairs = table
                // The pairs count the rows of A's first run and of B's first run.
                for index in [0, compared.aRuns] {
                    let run = header.runs[index]
                    guard table.rowCount == run.rows, table.positiveCount == run.positives else {
                        throw bad("the comparison's pair table counts \(table.rowCount) rows and \(table.positiveCount) anomalies, run \(index + 1) (column '\(run.column)') \(run.rows) and \(run.positives)")
                    }
                }
            }
            comparison = PartialEvaluation.ComparedRuns(aRuns: compared.aRuns, confidenceLevel: compared.confidenceLevel,
                                                        pairs: pairs, labelsDiffer: compared.labelsDiffer)
        }
        return PartialEvaluation(origin: path, options: header.options, labels: header.labels, manifest: header.manifest,
                                 warnings: header.warnings, runs: runs, comparison: comparison)
    }

    /// Reads several partial evaluations, two at a time (checking a file is a pass over its
    /// records); the error of the first bad file in the given order is thrown.
    public static func read(all paths: [String]) throws -> [PartialEvaluation] {
        nonisolated(unsafe) var results = [Result<PartialEvaluation, Error>?](repeating: nil, count: paths.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                slots[index] = Result { try read(paths[index]) }
            }
        }
        return try results.map { result in
            guard let result else { throw DataError(.internal, "a partial evaluation file was not read") }
            return try result.get()
        }
    }

    /// A file mapped read-only into memory (prefaulted from the page cache), unmapped when the
    /// last summary borrowing its records is gone.
    final class MappedFile: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>

        init(_ path: String) throws {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DataError(.cannotOpen, file: path, "cannot open: \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0 else {
                throw DataError(.cannotOpen, file: path, "cannot read its size: \(String(cString: strerror(errno)))")
            }
            let size = Int(info.st_size)
            guard size > 0 else {
                bytes = UnsafeBufferPointer(start: nil, count: 0)
                return
            }
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            guard let base = mmap(nil, size, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else {
                throw DataError(.cannotOpen, file: path, "cannot map: \(String(cString: strerror(errno)))")
            }
            bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
        }

        deinit {
            if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        }
    }

    private static func readTallies(_ words: [UInt64], count: Int, rows: Int, positives: Int, which: String,
                                    bad: (String) -> DataError) throws -> [BlockTally] {
        var tallies: [BlockTally] = []
        tallies.reserveCapacity(count)
        var position = 0
        var totalRows = 0, totalAnomalies = 0
        for block in 0..<count {
            guard position + 5 <= words.count else { throw bad("\(which): block tally \(block + 1) is cut short") }
            let index = Int(Int64(bitPattern: words[position]))
            let partialCount = Int(clamping: words[position + 4])
            guard partialCount <= 2048, position + 5 + partialCount <= words.count,
                  words[position + 1] <= UInt64(Int32.max) * 2, words[position + 2] <= words[position + 1] else {
                throw bad("\(which): block tally \(block + 1) is malformed")
            }
            let partials = words[(position + 5)..<(position + 5 + partialCount)].map { Double(bitPattern: $0) }
            guard partials.allSatisfy(\.isFinite) else { throw bad("\(which): block \(index): a partial sum is not finite") }
            if let previous = tallies.last, index <= previous.index {
                throw bad("\(which): the block indices are not strictly increasing (\(index) after \(previous.index))")
            }
            do {
                tallies.append(try BlockTally(index: index, rows: Int(words[position + 1]), anomalies: Int(words[position + 2]),
                                              sum: CorrectlyRoundedSum(exactSumOf: partials),
                                              largestMagnitude: Double(bitPattern: words[position + 3])))
            } catch let error as MetricsError {
                throw bad("\(which): \(error.description)")
            }
            totalRows += tallies[tallies.count - 1].rows  // the one just appended
            totalAnomalies += tallies[tallies.count - 1].anomalies
            position += 5 + partialCount
        }
        guard position == words.count else { throw bad("\(which): \(words.count - position) words follow the last block tally") }
        guard totalRows == rows, totalAnomalies == positives else {
            throw bad("\(which): the block tallies count \(totalRows) rows and \(totalAnomalies) anomalies, the run \(rows) and \(positives)")
        }
        return tallies
    }

    /// The decoded header, every field checked.
    private struct Header {
        struct Run {
            var column: String
            var sources: [PartialEvaluation.Source]
            var rows: Int
            var positives: Int
            var distinct: Int
            var coverage: LabelCoverage?
            var blocks: Int?
            var blockWords: Int
        }
        var options: PartialEvaluation.Options
        var labels: PartialEvaluation.Labels
        var manifest: [ReportKeyValue]
        var warnings: [String]
        /// Version 2's comparison section.
        struct Comparison {
            var aRuns: Int
            var confidenceLevel: Double
            var labelsDiffer: Bool
            var pairs: Int
        }
        var runs: [Run]
        var comparison: Comparison?
        var bodyWords: Int
        var checksum: UInt64

        init(_ object: Any, version: Int, path: String) throws {
            func bad(_ message: String) -> DataError { DataError(.badPartial, file: path, line: 2, "header: \(message)") }
            guard let top = object as? [String: Any] else { throw bad("expected a JSON object") }
            // Counts up to ExactJSONInteger.largest, so that the sums below cannot overflow on an
            // edited header (the header is not under the body's checksum).
            func integer(_ value: Any?, _ key: String, minimum: Int = 0) throws -> Int {
                guard let int = value as? Int, int >= minimum, int <= ExactJSONInteger.largest else {
                    throw bad("'\(key)' must be an integer from \(minimum) to \(ExactJSONInteger.largest)")
                }
                return int
            }
            func string(_ value: Any?, _ key: String) throws -> String {
                guard let text = value as? String else { throw bad("'\(key)' must be a string") }
                return text
            }
            func optionalString(_ value: Any?, _ key: String) throws -> String? {
                if value == nil || value is NSNull { return nil }
                return try string(value, key)
            }
            func fingerprint(_ value: Any?, rows: Int, _ key: String) throws -> LabelCoverage {
                guard let parts = value as? [String], let coverage = LabelCoverage(rows: rows, hexFingerprint: parts) else {
                    throw bad("'\(key)' must be two 16-digit hex strings")
                }
                return coverage
            }
            guard try integer(top["format"], "format") == version else {
                throw bad("'format' must be \(version), as the first line says")
            }
            guard let options = top["options"] as? [String: Any] else { throw bad("'options' must be an object") }
            guard let cutoffTexts = options["cutoffs"] as? [String] else { throw bad("'options.cutoffs' must be a list of strings") }
            let cutoffs = try cutoffTexts.map { text in
                do { return try CutoffSpec(parsing: text) } catch { throw bad("'options.cutoffs': '\(text)' is not a cut-off") }
            }
            var blocks: BlockSpec? = nil
            switch options["blocks"] {
            case nil, is NSNull: blocks = nil
            case let text as String where text == "dataset": blocks = .labelColumn
            case let value: blocks = .size(try integer(value, "options.blocks", minimum: 1))
            }
            guard let lower = options["lower_is_anomalous"] as? Bool else { throw bad("'options.lower_is_anomalous' must be true or false") }
            self.options = PartialEvaluation.Options(cutoffs: cutoffs, blocks: blocks, lowerIsAnomalous: lower)

            guard let labels = top["labels"] as? [String: Any] else { throw bad("'labels' must be an object") }
            guard let kind = PartialEvaluation.Labels.Kind(rawValue: try string(labels["kind"], "labels.kind")) else {
                throw bad("'labels.kind' must be score-files, label-file, dataset or windows")
            }
            var identity = PartialEvaluation.Labels(kind: kind, description: try string(labels["description"], "labels.description"),
                                                    sha256: try optionalString(labels["sha256"], "labels.sha256"),
                                                    split: try optionalString(labels["split"], "labels.split"), all: nil, positives: nil)
            if kind != .scoreFiles {
                let rows = try integer(labels["rows"], "labels.rows", minimum: 1)
                identity.all = try fingerprint(labels["fingerprint"], rows: rows, "labels.fingerprint")
                identity.positives = try integer(labels["positives"], "labels.positives")
                guard identity.sha256 != nil else { throw bad("'labels.sha256' is missing") }
            }
            self.labels = identity
            guard let manifest = top["dataset"] as? [[String]], manifest.allSatisfy({ $0.count == 2 }) else {
                throw bad("'dataset' must be a list of [key, value] string pairs")
            }
            self.manifest = manifest.map { ReportKeyValue($0[0], $0[1]) }
            guard let warnings = top["warnings"] as? [String] else { throw bad("'warnings' must be a list of strings") }
            self.warnings = warnings
            guard let runs = top["runs"] as? [[String: Any]], !runs.isEmpty else { throw bad("'runs' must be a non-empty list of objects") }
            self.runs = try runs.enumerated().map { index, run in
                let key = "runs[\(index)]"
                guard let sources = run["sources"] as? [[String: Any]], !sources.isEmpty else {
                    throw bad("'\(key).sources' must be a non-empty list of objects")
                }
                let rows = try integer(run["rows"], "\(key).rows", minimum: 1)
                var coverage: LabelCoverage? = nil
                if let object = run["coverage"] as? [String: Any] {
                    let covered = try integer(object["rows"], "\(key).coverage.rows")
                    coverage = try fingerprint(object["fingerprint"], rows: covered, "\(key).coverage.fingerprint")
                } else if !(run["coverage"] is NSNull) {
                    throw bad("'\(key).coverage' must be an object or null")
                }
                if (coverage == nil) != (kind == .scoreFiles) {
                    throw bad("'\(key).coverage' must be given exactly when the labels are external")
                }
                var blockCount: Int? = nil
                if !(run["blocks"] is NSNull) { blockCount = try integer(run["blocks"], "\(key).blocks") }
                return Run(column: try string(run["column"], "\(key).column"),
                           sources: try sources.map {
                               PartialEvaluation.Source(file: try string($0["file"], "\(key).sources.file"),
                                                        sha256: try string($0["sha256"], "\(key).sources.sha256"))
                           }.sorted(),
                           rows: rows, positives: try integer(run["positives"], "\(key).positives"),
                           distinct: try integer(run["distinct"], "\(key).distinct", minimum: 1),
                           coverage: coverage, blocks: blockCount,
                           blockWords: try integer(run["block_words"], "\(key).block_words"))
            }
            if version >= 2 {
                guard let compared = top["comparison"] as? [String: Any] else {
                    throw bad("'comparison' must be an object (format 2 is a comparison's partial)")
                }
                let aRuns = try integer(compared["a_runs"], "comparison.a_runs", minimum: 1)
                guard aRuns < self.runs.count else {
                    throw bad("'comparison.a_runs' must leave B at least one of the \(self.runs.count) runs")
                }
                guard let level = (compared["confidence_level"] as? NSNumber)?.doubleValue, level > 0 && level < 1 else {
                    throw bad("'comparison.confidence_level' must be a number between 0 and 1")
                }
                guard let differ = compared["labels_differ"] as? Bool else { throw bad("'comparison.labels_differ' must be true or false") }
                let pairs = try integer(compared["pairs"], "comparison.pairs", minimum: differ ? 0 : 1)
                if differ && pairs != 0 { throw bad("'comparison.pairs' must be 0 when the labels differ") }
                comparison = Comparison(aRuns: aRuns, confidenceLevel: level, labelsDiffer: differ, pairs: pairs)
            } else if top["comparison"] != nil {
                throw bad("'comparison' is not part of format 1")
            }
            bodyWords = try integer(top["body_words"], "body_words")
            var words = 3 * (comparison?.pairs ?? 0), overflow = false
            for run in self.runs where !overflow {
                (words, overflow) = words.addingReportingOverflow(2 * run.distinct + run.blockWords)
            }
            guard !overflow, bodyWords == words else {
                throw bad("'body_words' does not match the runs' sizes")
            }
            let checksumText = try string(top["checksum"], "checksum")
            guard checksumText.count == 16, let checksum = UInt64(checksumText, radix: 16) else {
                throw bad("'checksum' must be 16 hex digits")
            }
            self.checksum = checksum
        }
    }
}
