import DataIO
import Datasets
import Foundation
import Recipe
#if canImport(Glibc)
import Glibc
#endif

/// `toolkit join-shards`: joins the folders written by `toolkit generate RECIPE --shard i/n`
/// (i = 1...n, given in any order) into the folder `toolkit generate RECIPE` writes, byte for
/// byte: every data file, `labels.csv` and `manifest.json`.
///
/// **Checks, before and while joining** (each failure is a ``DataError`` naming the part folder
/// or file and what was expected, and leaves nothing behind):
///
/// - every part has a `manifest.json` (as `generate` writes it) with a `shard` entry;
/// - the parts come from one run: the same resolved recipe, seed, toolkit version (this one's),
///   format, generator, columns and shard count n; every part's manifest equals the others' but
///   for `shard`, `counts`, `files` and `statistics`;
/// - they are exactly the shards 1...n, each once, and their rows tile the dataset in order;
/// - every file a part's manifest lists is there with its recorded size and SHA-256 (a plain
///   file checked as it is read for the join, a compressed one before it is decompressed);
/// - numbering is global, as the generators write it: ids increase across the joined files,
///   each row's block is its row within the split divided by the block size, episode numbers
///   count 0, 1, 2, ... and window numbers do so within each split;
/// - the counts recomputed from the joined `labels.csv` agree with the parts' manifests.
///
/// **The join.** A file with a header line (`*.csv`) is the first part's header, then every
/// part's lines after its header, in shard order; the AMAD format's `*.txt` files have no
/// header; a `.npy` matrix gets a header for the total rows and the parts' values. Compressed
/// files (`*.gz`) are decompressed and compressed again as one stream, as the whole run writes
/// them: gzip members laid end to end would decompress to the same text but are other bytes.
///
/// **The manifest** is the parts' manifest without `shard`, with `counts` recomputed from the
/// joined `labels.csv` (blocks that straddle two shards are counted once, as the whole run
/// counts them), the new files' sizes and SHA-256, and the behaviour logs' `statistics`
/// recomputed from the joined data files (distinct ids are a union, so they cannot be added up
/// from the parts). It is re-encoded exactly as `generate` encodes it; each part's manifest is
/// first checked to come back byte for byte from that encoding.
///
/// **Two threads.** Each part file is read once, in chunks of whole lines, and each chunk is
/// checked and written on two threads at once (see ``join(_:into:check:census:buffers:progress:)``):
/// the joined file's SHA-256 and write on one, the next read and the line checks on the other,
/// the part's SHA-256 and the id census on whichever ``Balance`` finds less busy.
///
/// Memory is O(1) in the rows (two buffers of 2 MiB, larger only for a longer line; the behaviour
/// logs' id census is one bit per id of the vocabulary, per thread). Output goes to an
/// ``AtomicDirectory``.
public enum ShardJoin {
    public struct Options: Sendable {
        /// The output folder; nil = the recipe's name in the working directory (as `generate`).
        public var destination: String?
        public var force = false
        public var quiet = false
        /// The size of the chunks the parts are read in (tests make it small).
        var chunkBytes = 2 << 20

        public init(destination: String?, force: Bool = false, quiet: Bool = false) {
            self.destination = destination
            self.force = force
            self.quiet = quiet
        }
    }

    /// What was written, for the command's summary.
    public struct Result: Sendable {
        public var destination: String
        public var recipeName: String
        public var seed: String
        public var source: String
        public var columns: Int
        public var shards: Int
        public var counts: [String: Manifest.SplitCounts]
        public var files: [String: Manifest.FileRecord]
    }

    /// Manifest keys that differ between the parts of one run (everything else must be equal).
    static let perShardKeys: Set<String> = ["shard", "counts", "files", "statistics"]

    /// Joins `paths` (shard folders, any order) into `options.destination`.
    @discardableResult
    public static func run(parts paths: [String], options: Options) throws -> Result {
        guard !paths.isEmpty else {
            throw DataError(.usage, "no shard folders given (expected the folders of toolkit generate --shard 1/n ... n/n)")
        }
        let parts = try paths.map { try Part(path: $0) }
        try checkOneRun(parts)
        let ordered = try checkShardSet(parts)
        let first = ordered[0]
        let recipeName = first.typed.recipeName
        let destination = options.destination ?? recipeName
        if let part = parts.first(where: { FileSystem.samePath($0.path, destination) }) {
            throw DataError(.badOutput, file: destination, "is one of the shards (\(part.path)); give another --out folder")
        }
        let plan = try plan(ordered)

        let census = first.typed.generator.kind == BehaviourLogsSpec.kind ? try IDCensus(first) : nil
        if census == nil, let part = ordered.first(where: { $0.typed.statistics != nil }) {
            throw DataError(.badShard, file: part.path, "manifest.json has statistics that the join cannot recompute for the \(first.typed.generator.kind) generator")
        }
        let blockSize = first.typed.recipe.blocks.size
        let labels = LabelsCheck(blockSize: blockSize)

        let folder = try AtomicDirectory(destination: destination, force: options.force)
        do {
            let totalBytes = plan.reduce(0) { $0 + $1.pieces.reduce(0) { $0 + $1.record.bytes } }
            let bar = ProgressBar("joining \(ordered.count) shards", total: totalBytes >> 20, unit: "MiB", quiet: options.quiet)
            var done = 0
            var files: [String: Manifest.FileRecord] = [:]
            var dataRows: [String: (rows: Int, file: String)] = [:]
            let buffers = ChunkBuffers(capacity: options.chunkBytes)
            // The writing thread's share of the id census, added to `census` at the end.
            let writerCensus = census.map { IDCensus(vocabulary: $0.vocabulary) }
            for file in plan {
                let check: LineCheck?
                switch file.role {
                case .labels: check = labels
                case .data(let split, let amad): check = DataCheck(split: split, amad: amad)
                case .sequence(let column, let group): check = SequenceCheck(column: column, group: group)
                case .matrix: check = nil
                }
                var counting: (IDCensus, IDCensus, amad: Bool)?
                if case .data(_, let amad) = file.role, let census, let writerCensus { counting = (census, writerCensus, amad) }
                files[file.name] = try join(file, into: folder, check: check, census: counting, buffers: buffers) { n in
                    done += n
                    bar.update(done >> 20)
                }
                if let data = check as? DataCheck { dataRows[data.split] = (data.rows, file.name) }
            }
            bar.finish(totalBytes >> 20)
            if let census, let writerCensus { census.merge(writerCensus) }

            let counts = labels.counts()
            try crossCheck(counts, dataRows: dataRows, parts: ordered)
            // The whole dataset's manifest: the first part's, without its place, with the
            // joined counts, files and statistics (each part's re-encodes to its own bytes).
            var manifest = first.typed
            manifest.shard = nil
            manifest.counts = counts
            manifest.files = files
            if let census {
                let parts = ordered.reduce(0) { $0 + ($1.typed.statistics?["ids_written"]?.int ?? 0) }
                guard parts == census.ids else {
                    throw DataError(.badShard, "the joined data files hold \(census.ids) ids where the shards' manifests record \(parts) (statistics.ids_written)")
                }
                manifest.statistics = BehaviourLogsGenerator.statistics(distinct: census.distinct, ids: census.ids, rows: census.rows)
            }
            try FileSystem.writeAtomically(try manifest.jsonText(), to: folder.path("manifest.json"))
            try folder.commit()
            return Result(destination: destination, recipeName: recipeName, seed: "\(first.typed.seed)",
                          source: first.typed.source, columns: first.typed.columns.count,
                          shards: ordered.count, counts: counts, files: files)
        } catch {
            folder.discard()
            throw error
        }
    }

    // MARK: - The parts

    /// One shard folder and its manifest: as the typed model (`typed`), and as a JSON tree
    /// (`manifest`) that compares two parts key by key, naming the first difference.
    struct Part {
        let path: String
        let typed: Manifest
        let manifest: Tree
        let index: Int
        let count: Int
        let firstRow: Int
        let rows: Int
        let files: [String: Manifest.FileRecord]

        init(path given: String) throws {
            var path = given
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            self.path = path
            guard FileSystem.isDirectory(path) else {
                throw DataError(.badShard, file: path, FileSystem.exists(path)
                                ? "is not a folder (expected a folder written by toolkit generate --shard i/n)"
                                : "no such folder (expected a folder written by toolkit generate --shard i/n)")
            }
            let manifestPath = path + "/manifest.json"
            guard FileSystem.isRegularFile(manifestPath) else {
                throw DataError(.badShard, file: path, "has no manifest.json (expected a folder written by toolkit generate --shard i/n)")
            }
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
            } catch {
                throw DataError(.cannotOpen, file: manifestPath, "cannot read: \(error.localizedDescription)")
            }
            let tree: Tree
            do {
                tree = try JSONDecoder().decode(Tree.self, from: data)
            } catch {
                throw DataError(.badShard, file: manifestPath, "is not valid JSON (expected the manifest toolkit generate writes)")
            }
            guard tree.object != nil, tree["toolkit_version"]?.string != nil, tree["files"]?.object != nil else {
                throw DataError(.badShard, file: manifestPath, "is not a toolkit manifest (no toolkit_version or files)")
            }
            manifest = tree
            guard tree["shard"] != nil else {
                throw DataError(.badShard, file: path, "manifest.json has no shard entry: this is a whole dataset, not a shard (toolkit generate --shard i/n writes shards)")
            }
            typed = try Manifest.decode(data, file: manifestPath)
            // The joined manifest is this one re-encoded: it must come back byte for byte.
            guard try Array(typed.jsonText().utf8) == Array(data) else {
                throw DataError(.badShard, file: manifestPath, "is not as toolkit generate writes it (was it edited or reformatted?): the joined manifest could not be made byte for byte")
            }
            guard let shard = typed.shard, shard.count >= 1, shard.index >= 0, shard.index < shard.count,
                  shard.firstRow >= 0, shard.rows >= 0 else {
                throw DataError(.badShard, file: manifestPath, "shard: expected {index, count, first_row, rows} with 0 <= index < count")
            }
            let (index, count, firstRow, rows) = (shard.index, shard.count, shard.firstRow, shard.rows)
            self.index = index
            self.count = count
            self.firstRow = firstRow
            self.rows = rows
            for name in typed.files.keys where name.contains("/") || name == "manifest.json" {
                throw DataError(.badShard, file: manifestPath, "files.\(name): expected {sha256, bytes} for a file of the folder")
            }
            self.files = typed.files
        }

        /// The part's counts of `split` from its manifest (zero when it has no such split).
        func counts(_ split: String) -> Manifest.SplitCounts { typed.counts[split] ?? Manifest.SplitCounts() }

        var name: String { "shard \(index + 1)/\(count)" }
    }

    /// The parts come from one run: their manifests agree on everything but their own place.
    static func checkOneRun(_ parts: [Part]) throws {
        let first = parts[0]
        guard first.typed.toolkitVersion == ToolkitVersion.string else {
            throw DataError(.badShard, file: first.path, "was written by toolkit \(first.typed.toolkitVersion); this is toolkit \(ToolkitVersion.string): join shards with the version that wrote them")
        }
        for part in parts.dropFirst() {
            func differ(_ what: String) -> DataError { DataError(.badShard, file: part.path, "\(what) (all parts must be shards of one run)") }
            func value(_ key: String, _ p: Part) -> String { p.manifest[key]?.text ?? "none" }
            if part.count != first.count {
                throw differ("\(part.name), where \(first.path) is \(first.name)")
            }
            for key in ["toolkit_version", "format", "seed"] where part.manifest[key] != first.manifest[key] {
                let label = key == "toolkit_version" ? "toolkit version" : key
                throw differ("\(label) \(value(key, part)), where \(first.path) has \(label) \(value(key, first))")
            }
            for key in ["recipe"] + (first.manifest.object ?? [:]).keys.sorted() + (part.manifest.object ?? [:]).keys.sorted()
            where !perShardKeys.contains(key) && part.manifest[key] != first.manifest[key] {
                let difference = Tree.firstDifference(part.manifest[key], first.manifest[key], path: key)
                let what = key == "recipe" ? "its resolved recipe differs from \(first.path)'s" : "manifest.json differs from \(first.path)'s"
                throw differ("\(what) at \(difference.path): \(difference.a) vs \(difference.b)")
            }
        }
    }

    /// The parts are exactly shards 1...n, each once, and their rows tile the dataset in order.
    /// Returns them in shard order.
    static func checkShardSet(_ parts: [Part]) throws -> [Part] {
        let n = parts[0].count
        var byIndex: [Int: Part] = [:]
        for part in parts {
            if let earlier = byIndex[part.index] {
                throw DataError(.duplicateShard, file: part.path, "\(part.name) appears twice (also in \(earlier.path))")
            }
            byIndex[part.index] = part
        }
        let missing = (0..<n).filter { byIndex[$0] == nil }.map { "\($0 + 1)/\(n)" }
        if !missing.isEmpty {
            let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing[missing.count - 1]
            throw DataError(.missingShard, "shard\(missing.count == 1 ? "" : "s") \(list) \(missing.count == 1 ? "is" : "are") missing (expected all of 1/\(n) ... \(n)/\(n))")
        }
        let ordered = (0..<n).compactMap { byIndex[$0] }  // all n: none is missing
        var next = 0
        for part in ordered {
            guard part.firstRow == next else {
                throw DataError(.badShard, file: part.path, "\(part.name) starts at row \(part.firstRow); expected row \(next), where the shard before it ends")
            }
            // Checked sums: an edited manifest's counts are refused, not trapped on.
            var rows = 0, overflow = false
            for count in part.typed.counts.values where !overflow { (rows, overflow) = rows.addingReportingOverflow(count.rows) }
            guard !overflow, rows == part.rows else {
                throw DataError(.badShard, file: part.path, "manifest.json: counts add up to \(overflow ? "more than any dataset's" : "\(rows)") rows, shard.rows says \(part.rows)")
            }
            (next, overflow) = next.addingReportingOverflow(part.rows)
            guard !overflow else { throw DataError(.badShard, file: part.path, "manifest.json: shard.rows \(part.rows) is more than any dataset's") }
        }
        return ordered
    }

    // MARK: - The files

    /// One output file, its role and the parts that hold it (in shard order).
    struct FilePlan {
        enum Role {
            case labels
            /// A split's features: `id` first in CSV; the AMAD line format has no header or id.
            case data(split: String, amad: Bool)
            /// A CSV index whose `column` counts 0, 1, 2, ... (within each value of `group`).
            case sequence(column: String, group: String?)
            /// A `.npy` matrix of a split (`columns` nil: a vector).
            case matrix(split: String, columns: Int?, dtype: NPYWriter.DType)
        }
        let name: String
        let role: Role
        let compressed: Bool
        let pieces: [(part: Part, record: Manifest.FileRecord)]

        var hasHeader: Bool {
            switch role {
            case .labels, .sequence: return true
            case .data(_, let amad): return !amad
            case .matrix: return false
            }
        }
    }

    /// The files to write: every file the parts list, each from the parts that hold it; checks
    /// that each is there at its recorded size.
    static func plan(_ parts: [Part]) throws -> [FilePlan] {
        let columns = parts[0].typed.columns.count
        let names = Set(parts.flatMap { $0.files.keys }).sorted()
        return try names.map { name in
            var pieces: [(part: Part, record: Manifest.FileRecord)] = []
            for part in parts {
                guard let record = part.files[name] else { continue }
                let path = part.path + "/" + name
                guard FileSystem.isRegularFile(path) else {
                    throw DataError(.missingFile, file: path, "missing (its manifest.json lists it)")
                }
                var info = stat()
                if stat(path, &info) == 0, Int(info.st_size) != record.bytes {
                    throw DataError(.checksumMismatch, file: path, "\(info.st_size) bytes where its manifest.json records \(record.bytes): the file was changed after toolkit generate wrote it")
                }
                pieces.append((part, record))
            }
            let compressed = name.hasSuffix(".gz")
            let base = compressed ? String(name.dropLast(3)) : name
            let splits = Split.allCases.map(\.rawValue)
            let role: FilePlan.Role
            if base == "labels.csv" {
                role = .labels
            } else if base == "episodes.csv" {
                role = .sequence(column: "episode", group: nil)
            } else if base == "windows.csv" {
                role = .sequence(column: "window", group: "split")
            } else if let split = splits.first(where: { base == $0 + ".csv" }) {
                role = .data(split: split, amad: false)
            } else if let split = splits.first(where: { base == $0 + ".txt" }) {
                role = .data(split: split, amad: true)
            } else if !compressed, let split = splits.first(where: { base == $0 + ".npy" }) {
                role = .matrix(split: split, columns: columns, dtype: .float64)
            } else if !compressed, let split = splits.first(where: { base == $0 + "_labels.npy" }) {
                role = .matrix(split: split, columns: nil, dtype: .int8)
            } else {
                throw DataError(.badShard, file: pieces.first.map { $0.part.path + "/" + name } ?? name,
                                "not a file the shard join knows (SPLIT.csv, SPLIT.txt, SPLIT.npy, SPLIT_labels.npy, labels.csv, episodes.csv, windows.csv), so it cannot say how its parts join")
            }
            return FilePlan(name: name, role: role, compressed: compressed, pieces: pieces)
        }
    }

    /// Writes one joined file and returns its size and SHA-256; `progress` gets the number of
    /// bytes of the parts read since its last call. `census` (a data file of the behaviour logs):
    /// the id census of the checking thread and of the writing thread, and the AMAD format's flag.
    ///
    /// Each part is read once, in chunks of whole lines (``ChunkBuffers``); every chunk is
    /// checked and written on two threads at once: the writing thread adds it to the joined
    /// file (its SHA-256 and the write, or the compression), the checking thread reads the next
    /// chunk and runs the line checks, and the part's SHA-256 and the id census go to either,
    /// the census divided at a line, as ``Balance`` finds they finish together. Both hashes are
    /// of the very bytes read, so what is written is what was verified.
    static func join(_ file: FilePlan, into folder: AtomicDirectory, check: LineCheck?, census: (IDCensus, IDCensus, amad: Bool)?,
                     buffers: ChunkBuffers, progress: (Int) -> Void) throws -> Manifest.FileRecord {
        // A small buffer: chunks (MiBs) go straight to the file, not through it.
        let output = try OutputFile(path: folder.path(file.name), compression: file.compressed ? .gzip : .none, bufferSize: 64 << 10)
        if case .matrix(let split, let columns, let dtype) = file.role {
            let total = file.pieces.reduce(0) { $0 + $1.part.counts(split).rows }
            try NPYWriter.header(rows: total, columns: columns, dtype: dtype).withUnsafeBytes { try output.write(bytes: $0) }
        }
        let lines: Bool
        if case .matrix = file.role { lines = false } else { lines = true }
        var balance = Balance(census: census != nil)
        var reference: [UInt8]?
        for (part, record) in file.pieces {
            let location = part.path + "/" + file.name
            let source = try PartFile(path: location, compressed: file.compressed, expected: record)
            var reported = 0
            func report() {
                progress(source.diskBytes - reported)
                reported = source.diskBytes
            }
            if case .matrix(let split, let columns, let dtype) = file.role {
                // A .npy part: its header (for its own rows), then values to copy as they are.
                let expected = NPYWriter.header(rows: part.counts(split).rows, columns: columns, dtype: dtype)
                var head = [UInt8](repeating: 0, count: expected.count)
                let n = try head.withUnsafeMutableBytes { try source.readFully(into: $0) }
                guard n == expected.count, head == expected else {
                    throw DataError(.badShard, file: location, "its .npy header is not the one toolkit generate writes for its \(part.counts(split).rows) rows")
                }
            }
            var line = 0  // lines of the part checked so far
            try buffers.start(source)
            if file.hasHeader {
                guard let end = try buffers.nextLineEnd(source) else {
                    buffers.verifyRest(source)
                    try source.finish()
                    report()
                    throw DataError(.badShard, file: location, "has no header line")
                }
                let header = Array(buffers.bytes(0..<end))
                source.verify(buffers.bytes(0..<(end + 1)))
                buffers.consume(end + 1)
                line = 1
                if let reference {
                    guard header == reference else {
                        throw DataError(.badShard, file: location, line: 1, "header differs from \(file.pieces[0].part.path)/\(file.name)'s")
                    }
                } else {
                    reference = header
                    try (header + [0x0A]).withUnsafeBytes { try output.write(bytes: $0) }
                    try check?.header(String(decoding: header, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                                      file: location)
                }
            }
            while let chunk = try buffers.nextChunk(source, wholeLines: lines) {
                line = try joinChunk(chunk, file: location, firstLine: line + 1, source: source, output: output, check: check,
                                     census: census, balance: &balance, readNext: { try buffers.readNext(source) }) - 1
                buffers.advance()
                report()
            }
            if buffers.hasRest {
                // A last line without a line feed: the file's SHA-256 first, as for any other file.
                buffers.verifyRest(source)
                try source.finish()
                report()
                throw DataError(.badShard, file: location, line: line + 1, "the last line has no line break")
            }
            try source.finish()
            report()
            check?.endPart()
        }
        let (sha256, bytes) = try output.finish()
        return Manifest.FileRecord(sha256: sha256, bytes: bytes)
    }

    /// Checks and writes one chunk (whole lines, numbered from `firstLine`; or a matrix's bytes)
    /// on two threads, while `readNext` reads the next chunk; returns the number of the line after
    /// it. The first problem in the file's order is thrown (the line checks before the census
    /// on the same line, as when one thread did both).
    static func joinChunk(_ chunk: UnsafeRawBufferPointer, file: String, firstLine: Int, source: PartFile, output: OutputFile,
                          check: LineCheck?, census: (IDCensus, IDCensus, amad: Bool)?, balance: inout Balance,
                          readNext: () throws -> Void) throws -> Int {
        // The census: the checking thread counts the chunk's lines before `split`, the writing
        // thread those from `split` (a line start) on.
        var split = chunk.count
        if census != nil, balance.censusShare > 0, let base = chunk.baseAddress {
            let cut = Int(Double(chunk.count) * (1 - balance.censusShare))
            if cut <= 0 {
                split = 0
            } else if cut < chunk.count, let found = memchr(base + cut - 1, 0x0A, chunk.count - cut + 1) {
                split = base.distance(to: UnsafeRawPointer(found)) + 1
            }
        }
        let verifyOnWriter = balance.verifyOnWriter
        var lineError: Error?, checkerCensusError: Error?, writerCensusError: Error?, writeError: Error?, readError: Error?
        var next = firstLine
        var writerTimes = Balance.Times(), checkerTimes = Balance.Times()
        try inParallel({
            // The writing thread.
            let start = Balance.now()
            do { try output.write(bytes: chunk) } catch { writeError = error }
            writerTimes.writer = Balance.now() - start
            if verifyOnWriter {
                let start = Balance.now()
                source.verify(chunk)
                writerTimes.verify = Balance.now() - start
            }
            if case let (_, writerCensus, amad)? = census, split < chunk.count {
                let start = Balance.now()
                // Numbered from 1 here; the lines before `split` are added below if it fails.
                do { try writerCensus.add(lines: UnsafeRawBufferPointer(rebasing: chunk[split...]), amad: amad, file: file, firstLine: 1) }
                catch { writerCensusError = error }
                writerTimes.census += Balance.now() - start
            }
        }, {
            // The checking thread.
            if !verifyOnWriter {
                let start = Balance.now()
                source.verify(chunk)
                checkerTimes.verify = Balance.now() - start
            }
            var start = Balance.now()
            if let check, let base = chunk.baseAddress {
                var position = 0
                do {
                    while position < chunk.count {
                        let end = memchr(base + position, 0x0A, chunk.count - position).map { base.distance(to: UnsafeRawPointer($0)) } ?? chunk.count
                        try check.line(UnsafeRawBufferPointer(rebasing: chunk[position..<end]), file: file, line: next)
                        next += 1
                        position = end + 1
                    }
                } catch {
                    lineError = error
                }
            }
            checkerTimes.checker = Balance.now() - start
            if case let (checkerCensus, _, amad)? = census, split > 0 {
                start = Balance.now()
                do { try checkerCensus.add(lines: UnsafeRawBufferPointer(rebasing: chunk[..<split]), amad: amad, file: file, firstLine: firstLine) }
                catch { checkerCensusError = error }
                checkerTimes.census += Balance.now() - start
            }
            start = Balance.now()
            do { try readNext() } catch { readError = error }
            checkerTimes.checker += Balance.now() - start
        })
        var times = writerTimes
        times.checker = checkerTimes.checker
        times.verify += checkerTimes.verify
        times.census += checkerTimes.census
        balance.learn(bytes: chunk.count, times)
        if var error = writerCensusError as? DataError, let base = chunk.baseAddress, let line = error.line {
            var before = 0, position = 0
            while position < split, let found = memchr(base + position, 0x0A, split - position) {
                before += 1
                position = base.distance(to: UnsafeRawPointer(found)) + 1
            }
            error.line = firstLine + before + line - 1
            writerCensusError = error
        }
        // The first problem by line: a line check's on a line before a census's of the same line.
        let problems = [lineError, checkerCensusError, writerCensusError].compactMap { $0 }
        if let first = problems.min(by: { (($0 as? DataError)?.line ?? .max) < (($1 as? DataError)?.line ?? .max) }) { throw first }
        if let writeError { throw writeError }
        if let readError { throw readError }
        return next
    }

    /// How the work of a chunk is shared by the two threads so that they finish together: the
    /// writing thread has the joined file (SHA-256 and write, or compression), the checking
    /// thread the next read and the line checks; the part's SHA-256 goes to either, and the id
    /// census is divided between them at a line. Learned from the chunks before, in seconds per
    /// byte (smoothed), as the costs depend on the file and on what else the machine runs.
    struct Balance {
        /// The part's SHA-256 is computed by the writing thread (else by the checking one).
        var verifyOnWriter: Bool
        /// The share of a chunk's bytes (its end) whose ids the writing thread counts.
        var censusShare: Double
        private var rates: (writer: Double, checker: Double, verify: Double, census: Double)?

        struct Times {
            var writer = 0.0, checker = 0.0, verify = 0.0, census = 0.0
        }

        init(census: Bool) {
            verifyOnWriter = !census
            censusShare = census ? 0.3 : 0
        }

        /// The calling thread's CPU time: the work a task took, not the time other processes of
        /// a shared machine took from it (which would make the shares swing from chunk to chunk).
        static func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
        }

        mutating func learn(bytes: Int, _ times: Times) {
            guard bytes >= 64 << 10 else { return }  // a part's last few lines say little
            let n = Double(bytes)
            let measured = (times.writer / n, times.checker / n, times.verify / n, times.census / n)
            let r: (writer: Double, checker: Double, verify: Double, census: Double)
            if let old = rates {
                let a = 0.3
                r = (old.writer + a * (measured.0 - old.writer), old.checker + a * (measured.1 - old.checker),
                     old.verify + a * (measured.2 - old.verify), old.census + a * (measured.3 - old.census))
            } else {
                r = measured
            }
            rates = r
            var best: (cost: Double, onWriter: Bool, share: Double)?
            for onWriter in [verifyOnWriter, !verifyOnWriter] {
                let writer = r.writer + (onWriter ? r.verify : 0), checker = r.checker + (onWriter ? 0 : r.verify)
                let share = r.census > 0 ? min(max((checker + r.census - writer) / (2 * r.census), 0), 1) : 0
                let cost = max(writer + share * r.census, checker + (1 - share) * r.census)
                if best.map({ cost < $0.cost * 0.98 }) ?? true { best = (cost, onWriter, share) }
            }
            guard let best else { return }  // never: two candidates were weighed
            verifyOnWriter = best.onWriter
            if censusShare > 0 || r.census > 0 { censusShare = best.share }
        }
    }

    /// The two buffers a part is read into, in turn: while one chunk is checked and written, the
    /// next is read into the other buffer. A chunk is whole lines: what follows its last line feed
    /// moves to the start of the next buffer (a line longer than a buffer doubles both). Each
    /// buffer has 64 readable bytes past its data, for word-at-a-time reading.
    final class ChunkBuffers {
        static let slack = 64
        private var buffers: [UnsafeMutableRawBufferPointer]
        private var capacity: Int
        private var active = 0
        /// The active buffer's unconsumed bytes: [start, count).
        private var start = 0, count = 0
        private var atEnd = false
        /// The chunk handed out by ``nextChunk(_:wholeLines:)``: [start, cut).
        private var cut = 0
        /// The next buffer's bytes after ``readNext(_:)``.
        private var nextCount = 0, nextAtEnd = false

        init(capacity: Int = 2 << 20) {
            self.capacity = capacity
            buffers = (0..<2).map { _ in .allocate(byteCount: capacity + ChunkBuffers.slack, alignment: 64) }
        }

        deinit { buffers.forEach { $0.deallocate() } }

        func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: buffers[active][(start + range.lowerBound)..<(start + range.upperBound)])
        }

        /// Starts reading `source` into the active buffer.
        func start(_ source: PartFile) throws {
            start = 0
            count = 0
            atEnd = false
            try fill(source)
        }

        /// Reads until the active buffer is full or the source ends.
        private func fill(_ source: PartFile) throws {
            let buffer = buffers[active]
            while count < capacity && !atEnd {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count..<capacity]))
                if n == 0 { atEnd = true }
                count += n
            }
        }

        /// Makes room for more bytes after the unconsumed ones: moves them to the front, or
        /// doubles the buffers if they fill the active one.
        private func grow() {
            if start > 0 {
                let buffer = buffers[active]
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: count - start)
                count -= start
                start = 0
                return
            }
            capacity *= 2
            for i in 0..<2 {
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + ChunkBuffers.slack, alignment: 64)
                if i == active { larger.baseAddress!.copyMemory(from: buffers[i].baseAddress!, byteCount: count) }
                buffers[i].deallocate()
                buffers[i] = larger
            }
        }

        /// The offset (from the unconsumed start) of the next line feed, reading more if needed;
        /// nil if the source ends first.
        func nextLineEnd(_ source: PartFile) throws -> Int? {
            var searched = start
            while true {
                let base = buffers[active].baseAddress!
                if searched < count, let found = memchr(base + searched, 0x0A, count - searched) {
                    return base.distance(to: UnsafeMutableRawPointer(found)) - start
                }
                if atEnd { return nil }
                searched = count
                let offset = searched - start
                grow()
                searched = start + offset
                try fill(source)
            }
        }

        func consume(_ n: Int) { start += n }

        /// The next chunk: whole lines of the unconsumed bytes (`wholeLines`), or all of them;
        /// nil at the end (a last line without a line feed is left, see ``hasRest``). The rest
        /// after its last line feed is moved to the other buffer's start.
        func nextChunk(_ source: PartFile, wholeLines: Bool) throws -> UnsafeRawBufferPointer? {
            while true {
                let base = buffers[active].baseAddress!
                if !wholeLines {
                    cut = count
                } else if let last = ChunkBuffers.lastLineFeed(UnsafeRawBufferPointer(rebasing: buffers[active][start..<count])) {
                    cut = start + last + 1
                } else if !atEnd {
                    grow()
                    try fill(source)
                    continue
                } else {
                    cut = start
                }
                if cut == start { return nil }
                let other = buffers[1 - active]
                nextCount = count - cut
                other.baseAddress!.copyMemory(from: base + cut, byteCount: nextCount)
                nextAtEnd = atEnd
                return UnsafeRawBufferPointer(rebasing: buffers[active][start..<cut])
            }
        }

        /// The offset of the last line feed of `bytes` (lines are short: a search from the end).
        static func lastLineFeed(_ bytes: UnsafeRawBufferPointer) -> Int? {
            var i = bytes.count - 1
            while i >= 0 {
                if bytes[i] == 0x0A { return i }
                i -= 1
            }
            return nil
        }

        /// Reads into the other buffer, after the rest moved there (called while the chunk is
        /// checked and written).
        func readNext(_ source: PartFile) throws {
            let buffer = buffers[1 - active]
            while nextCount < capacity && !nextAtEnd {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[nextCount..<capacity]))
                if n == 0 { nextAtEnd = true }
                nextCount += n
            }
        }

        /// Makes the other buffer, read by ``readNext(_:)``, the active one.
        func advance() {
            active = 1 - active
            start = 0
            count = nextCount
            atEnd = nextAtEnd
        }

        /// Bytes are left after the last chunk: a last line without a line feed.
        var hasRest: Bool { count > start }

        /// Adds the bytes left to the part's SHA-256 (before an error, so a changed file is named
        /// as such first).
        func verifyRest(_ source: PartFile) {
            source.verify(UnsafeRawBufferPointer(rebasing: buffers[active][start..<count]))
            start = count
        }
    }

    /// Runs `first` and `second` at once, on two threads, and rethrows their error (`first`'s
    /// if both fail).
    static func inParallel(_ first: () throws -> Void, _ second: () throws -> Void) throws {
        var errors: (Error?, Error?)
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let work = UnsafeSendable((first, second))
                let results = UnsafeSendable(UnsafeMutablePointer<(Error?, Error?)>.allocate(capacity: 1))
                results.value.initialize(to: (nil, nil))
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    do {
                        if i == 0 { try work.value.0() } else { try work.value.1() }
                    } catch {
                        if i == 0 { results.value.pointee.0 = error } else { results.value.pointee.1 = error }
                    }
                }
                errors = results.value.move()
                results.value.deallocate()
            }
        }
        if let error = errors.0 ?? errors.1 { throw error }
    }

    /// A value handed to another thread that is used there alone, while this one waits.
    struct UnsafeSendable<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// The counts recomputed from the joined labels agree with the data files and with the
    /// parts' manifests (rows, anomalies and kinds add up; blocks do not, as a block can
    /// straddle two shards).
    static func crossCheck(_ counts: [String: Manifest.SplitCounts], dataRows: [String: (rows: Int, file: String)], parts: [Part]) throws {
        for (split, data) in dataRows where data.rows != counts[split]?.rows ?? 0 {
            throw DataError(.badShard, "the joined \(data.file) has \(data.rows) rows, the joined labels.csv \(counts[split]?.rows ?? 0) of split \(split)")
        }
        let splits = Set(parts.flatMap { $0.typed.counts.keys })
        guard splits == Set(counts.keys) else {
            throw DataError(.badShard, "the joined labels.csv has splits \(counts.keys.sorted()), the shards' manifests \(splits.sorted())")
        }
        for (split, c) in counts.sorted(by: { $0.key < $1.key }) {  // the keys are the splits (checked above)
            let rows = parts.reduce(0) { $0 + $1.counts(split).rows }
            let anomalies = parts.reduce(0) { $0 + $1.counts(split).anomalies }
            var byKind: [String: Int] = [:]
            for part in parts {
                for (kind, n) in part.counts(split).byKind { byKind[kind, default: 0] += n }
            }
            guard rows == c.rows, anomalies == c.anomalies, byKind == c.byKind else {
                throw DataError(.badShard, "split \(split): the joined labels.csv has \(c.rows) rows and \(c.anomalies) anomalies, the shards' manifests add up to \(rows) and \(anomalies) (or the kinds differ)")
            }
        }
    }

    // MARK: - Reading a part's file

    /// The bytes of one part's file, checked against its manifest: a plain file is hashed as it is
    /// read (``verify(_:)``: each byte is read once); a compressed one is hashed first, then
    /// decompressed.
    final class PartFile {
        let path: String
        let expected: Manifest.FileRecord
        private var descriptor: Int32 = -1
        private var reader: ArchiveReader?
        private var hasher = SHA256()
        private var bytesRead = 0
        /// Bytes of the file on disk read so far (a compressed file counts whole at its end).
        private(set) var diskBytes = 0
        /// The ranges read (a plain file's) whose page-cache pages are still to be dropped.
        private var unreleased: [(offset: Int, count: Int)] = []
        /// Reads between asking the kernel to write a range back and dropping it (see ``release(_:_:)``).
        static let releaseLag = 8

        init(path: String, compressed: Bool, expected: Manifest.FileRecord) throws {
            self.path = path
            self.expected = expected
            if compressed {
                guard try FileSystem.sha256(of: path) == expected.sha256 else { throw mismatch() }
                reader = try ArchiveReader(path: path)
            } else {
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw DataError(.cannotOpen, file: path, "cannot open: \(String(cString: strerror(errno)))")
                }
            }
        }

        deinit {
            if descriptor >= 0 {
                _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)  // the last ranges read
                close(descriptor)
            }
        }

        private func mismatch() -> DataError {
            DataError(.checksumMismatch, file: path, "SHA-256 does not match its manifest.json: the file was changed after toolkit generate wrote it")
        }

        /// Reads up to `buffer.count` bytes (decompressed); 0 at the end. Pass what a plain file
        /// gives to ``verify(_:)``.
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            if let reader { return try reader.read(into: buffer) }
            while true {
                let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DataError(.cannotOpen, file: path, "read failed: \(String(cString: strerror(errno)))")
                }
                release(bytesRead, n)
                bytesRead += n
                diskBytes = bytesRead
                return n
            }
        }

        /// A part is read once, so its pages leave the page cache once read, and the joined file's
        /// pages can reuse them: without this a join takes as much fresh memory as it writes. On
        /// virtual machines whose host reclaims the guest's free memory, first touching a fresh page
        /// is slow (about 2.4 s of system time per GB on the AMD EPYC VM of the README's benchmark:
        /// most of a 1.5 GB join's 4.9 s); elsewhere the page cache no longer holds the parts and
        /// the joined files at once. POSIX_FADV_DONTNEED drops clean pages and starts the write-back of dirty ones (the
        /// shards have just been written, so theirs usually are), which it leaves: each range is
        /// therefore advised twice, when read (write-back starts) and `releaseLag` reads later
        /// (by then written back, it is dropped). Advice only: a failure changes nothing read.
        private func release(_ offset: Int, _ count: Int) {
            guard count > 0 else { return }
            _ = posix_fadvise(descriptor, offset, count, POSIX_FADV_DONTNEED)
            unreleased.append((offset, count))
            if unreleased.count > Self.releaseLag {
                let range = unreleased.removeFirst()
                _ = posix_fadvise(descriptor, range.offset, range.count, POSIX_FADV_DONTNEED)
            }
        }

        /// Adds bytes just read to the SHA-256 checked by ``finish()`` (a plain file's; a
        /// compressed one was checked whole before it was opened).
        func verify(_ bytes: UnsafeRawBufferPointer) {
            if reader == nil { hasher.update(bufferPointer: bytes) }
        }

        /// Reads until `buffer` is full or the file ends, checksummed; returns the bytes read.
        func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            var filled = 0
            while filled < buffer.count {
                let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if n == 0 { break }
                verify(UnsafeRawBufferPointer(rebasing: buffer[filled..<(filled + n)]))
                filled += n
            }
            return filled
        }

        /// At the end: the plain file's size and SHA-256 must be the manifest's.
        func finish() throws {
            if let reader {
                reader.close()
                diskBytes = expected.bytes
                return
            }
            guard bytesRead == expected.bytes, hasher.hexDigest() == expected.sha256 else { throw mismatch() }
        }
    }
}

extension ShardJoin {
    // MARK: - Checks of the joined lines

    /// Looks at each line of a joined file (after the header) as it is copied.
    protocol LineCheck: AnyObject {
        func header(_ fields: [String], file: String) throws
        func line(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws
        func endPart()
    }

    /// Fields of a CSV line that needs no unquoting (the numbers and names these files hold).
    enum Fields {
        /// Splits `line` at commas into `ranges`.
        static func split(_ line: UnsafeRawBufferPointer, into ranges: inout [Range<Int>]) {
            ranges.removeAll(keepingCapacity: true)
            var start = 0
            for (i, byte) in line.enumerated() where byte == UInt8(ascii: ",") {
                ranges.append(start..<i)
                start = i + 1
            }
            ranges.append(start..<line.count)
        }

        /// A non-negative decimal integer (at most 18 digits), or nil.
        @inline(__always)
        static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            var value = 0
            for byte in bytes {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }

        static func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }
    }

    /// `labels.csv`: ids increase, each row's block is its row within the split / block size, and
    /// the counts of the whole dataset are recomputed as ``DatasetWriter`` counts them.
    ///
    /// State is kept behind a pointer (millions of lines; see ``OutputFile``).
    final class LabelsCheck: LineCheck {
        let blockSize: Int
        private let states: UnsafeMutablePointer<State>   // by Split.allCases index
        private let lastID: UnsafeMutablePointer<Int>
        private static let names = Split.allCases.map { Array($0.rawValue.utf8) }

        struct State {
            var counts = Manifest.SplitCounts()
            var seen = false
            var row = 0
            var blockRows = 0
            var blockAnomalies = 0
        }

        init(blockSize: Int) {
            self.blockSize = blockSize
            states = .allocate(capacity: Split.allCases.count)
            states.initialize(repeating: State(), count: Split.allCases.count)
            lastID = .allocate(capacity: 1)
            lastID.initialize(to: -1)
        }

        deinit {
            states.deinitialize(count: Split.allCases.count)
            states.deallocate()
            lastID.deallocate()
        }

        func header(_ fields: [String], file: String) throws {
            guard fields == ["id", "split", "label", "kind", "block"] else {
                throw DataError(.badShard, file: file, line: 1, "expected the header id,split,label,kind,block")
            }
        }

        func line(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws {
            // The four commas, a word (8 bytes) at a time: a comma's byte is the one that is
            // zero after XOR with commas (found exactly, without borrows between bytes).
            var commas: (Int, Int, Int, Int) = (0, 0, 0, 0)
            var found = 0
            if let base = bytes.baseAddress {
                var i = 0
                while i < bytes.count {
                    let word = ShardJoin.word(base, at: i, count: bytes.count, fill: 0)
                    let x = word ^ 0x2C2C_2C2C_2C2C_2C2C, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                    var zeros = ~(((x & low) &+ low) | x) & ~low
                    while zeros != 0 {
                        let position = i + zeros.trailingZeroBitCount >> 3
                        switch found {
                        case 0: commas.0 = position
                        case 1: commas.1 = position
                        case 2: commas.2 = position
                        case 3: commas.3 = position
                        default: break
                        }
                        found += 1
                        zeros &= zeros &- 1
                    }
                    i += 8
                }
            }
            guard found == 4 else {
                throw DataError(.badShard, file: file, line: line, "\(found + 1) fields, expected 5 (id,split,label,kind,block)")
            }
            let c = commas
            func field(_ k: Int) -> UnsafeRawBufferPointer {
                switch k {
                case 0: return UnsafeRawBufferPointer(rebasing: bytes[0..<c.0])
                case 1: return UnsafeRawBufferPointer(rebasing: bytes[(c.0 + 1)..<c.1])
                case 2: return UnsafeRawBufferPointer(rebasing: bytes[(c.1 + 1)..<c.2])
                case 3: return UnsafeRawBufferPointer(rebasing: bytes[(c.2 + 1)..<c.3])
                default: return UnsafeRawBufferPointer(rebasing: bytes[(c.3 + 1)...])
                }
            }
            guard let id = Fields.integer(field(0)) else {
                throw DataError(.badShard, file: file, line: line, column: 1, "expected an id (a non-negative integer)")
            }
            guard id > lastID.pointee else {
                throw DataError(.notGlobal, file: file, line: line, column: 1, "id \(id) after id \(lastID.pointee): expected increasing ids across the shards (global row ids, as toolkit generate --shard writes them)")
            }
            lastID.pointee = id
            let splitField = field(1)
            guard let index = Self.names.firstIndex(where: { $0.elementsEqual(splitField) }) else {
                throw DataError(.badShard, file: file, line: line, column: 2, "expected a split (train, validation or test)")
            }
            let labelField = field(2)
            guard labelField.count == 1, labelField[0] == 48 || labelField[0] == 49 else {
                throw DataError(.badShard, file: file, line: line, column: 3, "expected a label 0 or 1")
            }
            let anomaly = labelField[0] == 49
            let s = states + index
            s.pointee.seen = true
            let row = s.pointee.row
            if blockSize > 0 {
                guard let block = Fields.integer(field(4)), block == row / blockSize else {
                    throw DataError(.notGlobal, file: file, line: line, column: 5, "block \(Fields.text(field(4))) for row \(row) of split \(Split.allCases[index].rawValue); expected \(row / blockSize) (blocks of \(blockSize) rows counted from the split's first row, as toolkit generate --shard writes them)")
                }
                if row % blockSize == 0 {
                    if 2 * s.pointee.blockAnomalies > s.pointee.blockRows { s.pointee.counts.anomalousBlocks += 1 }
                    s.pointee.counts.blocks += 1
                    s.pointee.blockRows = 0
                    s.pointee.blockAnomalies = 0
                }
                s.pointee.blockRows += 1
                if anomaly { s.pointee.blockAnomalies += 1 }
            } else if !field(4).isEmpty {
                throw DataError(.badShard, file: file, line: line, column: 5, "a block where the recipe has none (blocks.size 0)")
            }
            s.pointee.row = row + 1
            s.pointee.counts.rows += 1
            if anomaly {
                s.pointee.counts.anomalies += 1
                s.pointee.counts.byKind[Fields.text(field(3)), default: 0] += 1
            }
        }

        /// The counts per split that has rows, the last (partial) blocks closed.
        func counts() -> [String: Manifest.SplitCounts] {
            var result: [String: Manifest.SplitCounts] = [:]
            for (index, split) in Split.allCases.enumerated() where states[index].seen {
                let s = states[index]
                var c = s.counts
                if s.blockRows > 0 && 2 * s.blockAnomalies > s.blockRows { c.anomalousBlocks += 1 }
                result[split.rawValue] = c
            }
            return result
        }
    }

    /// A split's data file: ids (CSV: the first column) increase across the shards; the rows are
    /// counted. (The behaviour logs' ids of the other columns go to the ``IDCensus``, which
    /// ``joinChunk(_:file:firstLine:source:output:check:census:balance:readNext:)`` runs beside
    /// this check.)
    final class DataCheck: LineCheck {
        let split: String
        let amad: Bool
        private(set) var rows = 0
        private var lastID = -1

        init(split: String, amad: Bool) {
            self.split = split
            self.amad = amad
        }

        func header(_ fields: [String], file: String) throws {
            guard fields.first == "id" else {
                throw DataError(.badShard, file: file, line: 1, "expected the first column to be id")
            }
        }

        func line(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws {
            rows += 1
            if amad { return }
            let end = bytes.baseAddress.flatMap { memchr($0, Int32(UInt8(ascii: ",")), bytes.count) }
                .map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            guard let id = Fields.integer(UnsafeRawBufferPointer(rebasing: bytes[0..<end])) else {
                throw DataError(.badShard, file: file, line: line, column: 1, "expected an id (a non-negative integer)")
            }
            guard id > lastID else {
                throw DataError(.notGlobal, file: file, line: line, column: 1, "id \(id) after id \(lastID): expected increasing ids across the shards (global row ids, as toolkit generate --shard writes them)")
            }
            lastID = id
        }
    }

    /// An index whose `column` counts 0, 1, 2, ... through the whole dataset (within each value of
    /// `group`): episodes and windows are numbered globally by the generator, and this checks it.
    final class SequenceCheck: LineCheck {
        let column: String
        let group: String?
        private var columnIndex = 0
        private var groupIndex: Int?
        private var next: [String: Int] = [:]
        private var ranges: [Range<Int>] = []

        init(column: String, group: String?) {
            self.column = column
            self.group = group
        }

        func header(_ fields: [String], file: String) throws {
            columnIndex = try position(of: column, in: fields, file: file)
            groupIndex = try group.map { try position(of: $0, in: fields, file: file) }
        }

        func line(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws {
            Fields.split(bytes, into: &ranges)
            guard columnIndex < ranges.count, groupIndex.map({ $0 < ranges.count }) ?? true else {
                throw DataError(.badShard, file: file, line: line, "\(ranges.count) fields, fewer than the header's")
            }
            let key = groupIndex.map { Fields.text(UnsafeRawBufferPointer(rebasing: bytes[ranges[$0]])) } ?? ""
            let expected = next[key] ?? 0
            let field = UnsafeRawBufferPointer(rebasing: bytes[ranges[columnIndex]])
            guard Fields.integer(field) == expected else {
                throw DataError(.notGlobal, file: file, line: line, column: columnIndex + 1,
                                "\(column) \(Fields.text(field))\(group.map { " (\($0) \(key))" } ?? ""): expected \(expected), the next after the shards before (numbers global to the whole dataset, as toolkit generate --shard writes them)")
            }
            next[key] = expected + 1
        }
    }

    /// The behaviour logs' `statistics`, recomputed from the joined data files as the generator
    /// measures them while writing: the distinct ids (a bit per id of the vocabulary), the ids
    /// written and the rows. In CSV a row is `id,` then the attributes, their ids separated by
    /// spaces; in the AMAD format `LABEL ` then the attributes separated by spaces, ids by commas,
    /// each id plus one, `0` an empty attribute.
    final class IDCensus {
        let vocabulary: Int
        private let seen: UnsafeMutablePointer<UInt64>
        private let words: Int
        private(set) var ids = 0
        private(set) var rows = 0

        convenience init(_ part: ShardJoin.Part) throws {
            guard let vocabulary = part.typed.columns.compactMap(\.cardinality).max() else {
                throw DataError(.badShard, file: part.path, "manifest.json: columns: expected the cardinality of the id columns")
            }
            self.init(vocabulary: vocabulary)
        }

        init(vocabulary: Int) {
            self.vocabulary = vocabulary
            words = (vocabulary + 63) / 64
            seen = .allocate(capacity: max(words, 1))
            seen.initialize(repeating: 0, count: max(words, 1))
        }

        deinit { seen.deallocate() }

        var distinct: Int { (0..<words).reduce(0) { $0 + seen[$1].nonzeroBitCount } }

        /// Adds the ids counted by `other` (another thread's share of the same files).
        func merge(_ other: IDCensus) {
            precondition(other.vocabulary == vocabulary)
            for i in 0..<words { seen[i] |= other.seen[i] }
            ids += other.ids
            rows += other.rows
        }

        /// Adds every line of `region`: whole lines, each ending with a line feed, whose first
        /// field (a CSV line's id, an AMAD line's label) is skipped and the rest read as
        /// ``add(_:amad:file:line:)`` reads it. The 8 bytes past the region's end must be
        /// readable. Lines are numbered from `firstLine` in messages.
        ///
        /// The same word-at-a-time reading, but of the two halves of the region (cut at a line)
        /// in lockstep, a number of each per step: where a number ends is where the next begins,
        /// so the steps through one half wait on each other, and two halves let the processor
        /// overlap them (with the lines read in one pass, half the time of line by line on the
        /// benchmark's 8 million rows: 1.2 s of 2.4). Anything unusual (a byte that is not a
        /// digit or separator, 8 digits or more, an id outside the vocabulary) hands the rest of
        /// the half, from the start of its line, to ``add(_:amad:file:line:)``, which reads it
        /// byte by byte where needed and names the problem.
        func add(lines region: UnsafeRawBufferPointer, amad: Bool, file: String, firstLine: Int) throws {
            guard let base = region.baseAddress, region.count > 0 else { return }
            let n = region.count
            var mid = n / 2
            if let found = memchr(base + mid, 0x0A, n - mid) { mid = base.distance(to: UnsafeRawPointer(found)) + 1 }
            var a = Stream(start: 0, end: mid), b = Stream(start: mid, end: n)
            let seen = self.seen, vocabulary = UInt64(vocabulary)
            let first = amad ? UInt8(ascii: " ") : UInt8(ascii: ",")
            while a.running && b.running {
                Self.step(&a, base, seen, vocabulary, amad: amad, first: first)
                Self.step(&b, base, seen, vocabulary, amad: amad, first: first)
            }
            while a.running { Self.step(&a, base, seen, vocabulary, amad: amad, first: first) }
            let linesOfA = try finish(a, region, amad: amad, file: file, firstLine: firstLine)
            while b.running { Self.step(&b, base, seen, vocabulary, amad: amad, first: first) }
            _ = try finish(b, region, amad: amad, file: file, firstLine: firstLine + linesOfA)
        }

        /// One half of a region being read: where it is, and what it counted in its whole lines
        /// (the ids of the line being read are added at its line feed).
        struct Stream {
            var position: Int
            let end: Int
            var lineStart: Int
            var inFirstField = true
            var lineIDs = 0, ids = 0, lines = 0
            /// Something unusual at the line from `lineStart`: left to the careful reading.
            var stopped = false

            init(start: Int, end: Int) {
                position = start
                lineStart = start
                self.end = end
            }

            var running: Bool { !stopped && position < end }
        }

        /// Reads the next number (or first field) of `s`.
        @inline(__always)
        static func step(_ s: inout Stream, _ base: UnsafeRawPointer, _ seen: UnsafeMutablePointer<UInt64>, _ vocabulary: UInt64,
                         amad: Bool, first: UInt8) {
            let high: UInt64 = 0x8080_8080_8080_8080, zeros: UInt64 = 0x3030_3030_3030_3030
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: s.position, as: UInt64.self))
            // Bytes below '0' (separators, for ASCII).
            let separators = ~((word | high) &- zeros) & high
            if separators == 0 {
                if s.inFirstField { s.position &+= 8 } else { s.stopped = true }
                return
            }
            let digits = separators.trailingZeroBitCount &>> 3
            let separator = UInt8(truncatingIfNeeded: word &>> UInt64(truncatingIfNeeded: digits &* 8))
            if s.inFirstField {
                if separator == first {
                    s.inFirstField = false
                } else if separator == 0x0A {
                    s.lines &+= 1
                    s.lineStart = s.position &+ digits &+ 1
                } else {
                    s.stopped = true
                    return
                }
                s.position &+= digits &+ 1
                return
            }
            // Bytes above '9' or not ASCII, among the digits.
            let invalid = (((word | high) &- 0x3A3A_3A3A_3A3A_3A3A) | word) & high & ((1 &<< UInt64(truncatingIfNeeded: digits &* 8)) &- 1)
            guard invalid == 0, separator == 0x20 || separator == 0x2C || separator == 0x0A else {
                s.stopped = true
                return
            }
            if digits > 0 {
                let shift = UInt64(truncatingIfNeeded: 8 &* (8 &- digits))
                var t = (word &<< shift) &- (zeros &<< shift)
                t = t &* 10 &+ (t &>> 8)
                t = (((t & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 &<< 32)))
                     &+ (((t &>> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 &<< 32)))) &>> 32
                if !(amad && t == 0) {  // amad: 0 is an empty attribute; ids are written plus one
                    let id = amad ? t &- 1 : t
                    guard id < vocabulary else {
                        s.stopped = true
                        return
                    }
                    seen[Int(truncatingIfNeeded: id &>> 6)] |= 1 &<< (id & 63)
                    s.lineIDs &+= 1
                }
            }
            s.position &+= digits &+ 1
            if separator == 0x0A {
                s.ids &+= s.lineIDs
                s.lineIDs = 0
                s.lines &+= 1
                s.inFirstField = true
                s.lineStart = s.position
            }
        }

        /// Adds what `s` counted and reads its lines from where it stopped, if it did, line by
        /// line; returns its number of lines.
        private func finish(_ s: Stream, _ region: UnsafeRawBufferPointer, amad: Bool, file: String, firstLine: Int) throws -> Int {
            ids += s.ids
            rows += s.lines
            guard s.stopped, let base = region.baseAddress else { return s.lines }
            var position = s.lineStart, line = firstLine + s.lines, lines = s.lines
            let first = Int32(amad ? UInt8(ascii: " ") : UInt8(ascii: ","))
            while position < s.end {
                let end = memchr(base + position, 0x0A, s.end - position).map { base.distance(to: UnsafeRawPointer($0)) } ?? s.end
                let skip = memchr(base + position, first, end - position).map { base.distance(to: UnsafeRawPointer($0)) + 1 } ?? end
                try add(UnsafeRawBufferPointer(rebasing: region[skip..<end]), amad: amad, file: file, line: line)
                line += 1
                lines += 1
                position = end + 1
            }
            return lines
        }

        /// Adds one row's attributes (the line after its first field).
        ///
        /// The line is read a word (8 bytes) at a time: the first separator's position by a bit
        /// trick, the digits before it by Lemire's eight-digit SWAR parse (simdjson's
        /// `parse_eight_digits_unrolled`), so there is no branch per byte. A number of 8 digits or
        /// more (an id of a vocabulary above 10^7) is read a byte at a time.
        func add(_ bytes: UnsafeRawBufferPointer, amad: Bool, file: String, line: Int) throws {
            rows += 1
            guard let base = bytes.baseAddress else { return }
            let seen = self.seen, vocabulary = self.vocabulary, offset = amad ? 1 : 0
            let high: UInt64 = 0x8080_8080_8080_8080, zeros: UInt64 = 0x3030_3030_3030_3030
            var i = 0, count = 0
            while i < bytes.count {
                // The next 8 bytes; past the end of the line, spaces (a separator).
                let word = ShardJoin.word(base, at: i, count: bytes.count, fill: 0x2020_2020_2020_2020)
                // Bytes below '0' (separators, for ASCII), and bytes above '9' or not ASCII.
                let separators = ~((word | high) &- zeros) & high
                let invalid = (((word | high) &- 0x3A3A_3A3A_3A3A_3A3A) | word) & high
                guard separators != 0 else {
                    count += try addSlowly(base + i, bytes.count - i, amad: amad, file: file, line: line)
                    break
                }
                let digits = separators.trailingZeroBitCount >> 3
                let separator = UInt8(truncatingIfNeeded: word >> UInt64(8 * digits))
                guard digits == 0 || invalid & (~UInt64(0) >> UInt64(64 - 8 * digits)) == 0,
                      separator == 0x20 || separator == 0x2C else {
                    count += try addSlowly(base + i, bytes.count - i, amad: amad, file: file, line: line)  // names the byte
                    break
                }
                if digits > 0 {
                    let shift = UInt64(8 * (8 - digits))
                    var t = (word << shift) &- (zeros << shift)
                    t = t &* 10 &+ (t >> 8)
                    t = (((t & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32)))
                         &+ (((t >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32)))) >> 32
                    let value = Int(t)
                    if !(amad && value == 0) {  // amad: 0 is an empty attribute; ids are written plus one
                        let id = value &- offset
                        guard id < vocabulary else { throw outside(file: file, line: line) }
                        seen[id >> 6] |= 1 &<< UInt64(id & 63)
                        count += 1
                    }
                }
                i += digits + 1
            }
            ids += count
        }

        /// Reads the rest of a line a byte at a time (numbers of 8 digits or more, and bad bytes,
        /// which it names); returns the ids it counted.
        private func addSlowly(_ start: UnsafeRawPointer, _ length: Int, amad: Bool, file: String, line: Int) throws -> Int {
            var value = 0, digits = 0, count = 0
            for k in 0...length {
                let byte = k < length ? start.load(fromByteOffset: k, as: UInt8.self) : 0x20
                if byte &- 48 < 10 {
                    value = value &* 10 &+ Int(byte &- 48)
                    digits += 1
                    continue
                }
                guard byte == 0x20 || byte == 0x2C else {
                    throw DataError(.badShard, file: file, line: line, "unexpected character \(Unicode.Scalar(byte).escaped(asASCII: true)) among the ids")
                }
                if digits > 0 && !(amad && value == 0) {
                    let id = value &- (amad ? 1 : 0)
                    guard digits <= 18, id < vocabulary else { throw outside(file: file, line: line) }
                    seen[id >> 6] |= 1 &<< UInt64(id & 63)
                    count += 1
                }
                value = 0
                digits = 0
            }
            return count
        }

        private func outside(file: String, line: Int) -> DataError {
            DataError(.badShard, file: file, line: line, "an id outside the vocabulary 0...\(vocabulary - 1)")
        }
    }

    // MARK: - The manifest as JSON

    /// A manifest as a JSON tree, to compare two parts' manifests key by key and name the first
    /// difference (``firstDifference(_:_:path:)``); the values themselves are read from the
    /// typed ``Manifest``.
    indirect enum Tree: Codable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case unsigned(UInt64)
        case double(Double)
        case string(String)
        case array([Tree])
        case object([String: Tree])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let v = try? c.decode(Bool.self) { self = .bool(v) }
            else if let v = try? c.decode(Int.self) { self = .int(v) }
            else if let v = try? c.decode(UInt64.self) { self = .unsigned(v) }
            else if let v = try? c.decode(Double.self) { self = .double(v) }
            else if let v = try? c.decode(String.self) { self = .string(v) }
            else if let v = try? c.decode([Tree].self) { self = .array(v) }
            else { self = .object(try c.decode([String: Tree].self)) }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .null: try c.encodeNil()
            case .bool(let v): try c.encode(v)
            case .int(let v): try c.encode(v)
            case .unsigned(let v): try c.encode(v)
            case .double(let v): try c.encode(v)
            case .string(let v): try c.encode(v)
            case .array(let v): try c.encode(v)
            case .object(let v): try c.encode(v)
            }
        }

        subscript(key: String) -> Tree? {
            if case .object(let o) = self { return o[key] }
            return nil
        }

        var object: [String: Tree]? { if case .object(let o) = self { return o }; return nil }
        var string: String? { if case .string(let s) = self { return s }; return nil }

        /// Compact JSON, cut at 80 characters, for messages.
        var text: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let s = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
            return s.count > 80 ? String(s.prefix(77)) + "..." : s
        }

        /// The first place where `a` and `b` differ, as a dotted key path, and the two values there.
        static func firstDifference(_ a: Tree?, _ b: Tree?, path: String) -> (path: String, a: String, b: String) {
            if case .object(let x)? = a, case .object(let y)? = b {
                for key in Set(x.keys).union(y.keys).sorted() where x[key] != y[key] {
                    return firstDifference(x[key], y[key], path: path + "." + key)
                }
            }
            if case .array(let x)? = a, case .array(let y)? = b, x.count == y.count {
                for i in x.indices where x[i] != y[i] {
                    return firstDifference(x[i], y[i], path: path + ".\(i)")
                }
            }
            return (path, a?.text ?? "(none)", b?.text ?? "(none)")
        }
    }
}

extension ShardJoin.LineCheck {
    func endPart() {}

    func position(of name: String, in fields: [String], file: String) throws -> Int {
        guard let index = fields.firstIndex(of: name) else {
            throw DataError(.badShard, file: file, line: 1, "no column \(name) in the header \(fields.joined(separator: ","))")
        }
        return index
    }
}


extension ShardJoin {
    /// The 8 bytes at `offset` of a line of `count` bytes at `base` as a little-endian word; past
    /// the line's end, the bytes of `fill` (for the word-at-a-time scans of lines).
    @inline(__always)
    static func word(_ base: UnsafeRawPointer, at offset: Int, count: Int, fill: UInt64) -> UInt64 {
        if count - offset >= 8 { return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var word = fill
        withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + offset, count: count - offset)) }
        return UInt64(littleEndian: word)
    }
}
