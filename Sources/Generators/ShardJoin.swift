import DataIO
import Datasets
import Foundation
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
/// Memory is O(1) in the rows (files are streamed in 1 MiB chunks; the behaviour logs' id census
/// is one bit per id of the vocabulary). Output goes to an ``AtomicDirectory``.
public enum ShardJoin {
    public struct Options: Sendable {
        /// The output folder; nil = the recipe's name in the working directory (as `generate`).
        public var destination: String?
        public var force = false
        public var quiet = false

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
            throw DataError("bad_usage", "no shard folders given (expected the folders of toolkit generate --shard 1/n ... n/n)")
        }
        let parts = try paths.map { try Part(path: $0) }
        try checkOneRun(parts)
        let ordered = try checkShardSet(parts)
        let first = ordered[0]
        let recipeName = first.manifest["recipe_name"]?.string ?? "dataset"
        let destination = options.destination ?? recipeName
        if let part = parts.first(where: { FileSystem.samePath($0.path, destination) }) {
            throw DataError("bad_output", file: destination, "is one of the shards (\(part.path)); give another --out folder")
        }
        let plan = try plan(ordered)

        let census = first.manifest["generator"]?["kind"]?.string == "behaviour_logs" ? try IDCensus(first) : nil
        if census == nil, let part = ordered.first(where: { $0.manifest["statistics"] != nil }) {
            throw DataError("bad_shard", file: part.path, "manifest.json has statistics that the join cannot recompute for the \(first.manifest["generator"]?["kind"]?.string ?? "?") generator")
        }
        let blockSize = first.manifest["recipe"]?["blocks"]?["size"]?.int ?? 0
        let labels = LabelsCheck(blockSize: blockSize)

        let folder = try AtomicDirectory(destination: destination, force: options.force)
        do {
            let totalBytes = plan.reduce(0) { $0 + $1.pieces.reduce(0) { $0 + $1.record.bytes } }
            let bar = ProgressBar("joining \(ordered.count) shards", total: totalBytes >> 20, unit: "MiB", quiet: options.quiet)
            var done = 0
            var files: [String: Manifest.FileRecord] = [:]
            var dataRows: [String: (rows: Int, file: String)] = [:]
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            for file in plan {
                let check: LineCheck?
                switch file.role {
                case .labels: check = labels
                case .data(let split, let amad): check = DataCheck(split: split, amad: amad, census: census)
                case .sequence(let column, let group): check = SequenceCheck(column: column, group: group)
                case .matrix: check = nil
                }
                files[file.name] = try join(file, into: folder, check: check, buffer: buffer) { n in
                    done += n
                    bar.update(done >> 20)
                }
                if let data = check as? DataCheck { dataRows[data.split] = (data.rows, file.name) }
            }
            bar.finish(totalBytes >> 20)

            let counts = labels.counts()
            try crossCheck(counts, dataRows: dataRows, parts: ordered)
            var manifest = first.manifest.object ?? [:]
            manifest["shard"] = nil
            manifest["counts"] = try Tree(encoding: counts)
            manifest["files"] = try Tree(encoding: files)
            if let census {
                let parts = ordered.reduce(0) { $0 + ($1.manifest["statistics"]?["ids_written"]?.int ?? 0) }
                guard parts == census.ids else {
                    throw DataError("bad_shard", "the joined data files hold \(census.ids) ids where the shards' manifests record \(parts) (statistics.ids_written)")
                }
                manifest["statistics"] = try Tree(encoding: BehaviourLogsGenerator.statistics(distinct: census.distinct, ids: census.ids, rows: census.rows))
            }
            try FileSystem.writeAtomically(try Tree.object(manifest).jsonText(), to: folder.path("manifest.json"))
            try folder.commit()
            return Result(destination: destination, recipeName: recipeName, seed: first.manifest["seed"]?.text ?? "?",
                          source: first.manifest["source"]?.string ?? "?", columns: first.manifest["columns"]?.array?.count ?? 0,
                          shards: ordered.count, counts: counts, files: files)
        } catch {
            folder.discard()
            throw error
        }
    }

    // MARK: - The parts

    /// One shard folder and its manifest.
    struct Part {
        let path: String
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
                throw DataError("bad_shard", file: path, FileSystem.exists(path)
                                ? "is not a folder (expected a folder written by toolkit generate --shard i/n)"
                                : "no such folder (expected a folder written by toolkit generate --shard i/n)")
            }
            let manifestPath = path + "/manifest.json"
            guard FileSystem.isRegularFile(manifestPath) else {
                throw DataError("bad_shard", file: path, "has no manifest.json (expected a folder written by toolkit generate --shard i/n)")
            }
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
            } catch {
                throw DataError("cannot_open", file: manifestPath, "cannot read: \(error.localizedDescription)")
            }
            let tree: Tree
            do {
                tree = try JSONDecoder().decode(Tree.self, from: data)
            } catch {
                throw DataError("bad_shard", file: manifestPath, "is not valid JSON (expected the manifest toolkit generate writes)")
            }
            guard tree.object != nil, tree["toolkit_version"]?.string != nil, tree["files"]?.object != nil else {
                throw DataError("bad_shard", file: manifestPath, "is not a toolkit manifest (no toolkit_version or files)")
            }
            // The joined manifest is this one re-encoded: it must come back byte for byte.
            guard try Array(tree.jsonText().utf8) == Array(data) else {
                throw DataError("bad_shard", file: manifestPath, "is not as toolkit generate writes it (was it edited or reformatted?): the joined manifest could not be made byte for byte")
            }
            manifest = tree
            guard let shard = tree["shard"] else {
                throw DataError("bad_shard", file: path, "manifest.json has no shard entry: this is a whole dataset, not a shard (toolkit generate --shard i/n writes shards)")
            }
            guard let index = shard["index"]?.int, let count = shard["count"]?.int, let firstRow = shard["first_row"]?.int,
                  let rows = shard["rows"]?.int, count >= 1, index >= 0, index < count, firstRow >= 0, rows >= 0 else {
                throw DataError("bad_shard", file: manifestPath, "shard: expected {index, count, first_row, rows} with 0 <= index < count")
            }
            self.index = index
            self.count = count
            self.firstRow = firstRow
            self.rows = rows
            var files: [String: Manifest.FileRecord] = [:]
            for (name, entry) in tree["files"]?.object ?? [:] {
                guard let sha = entry["sha256"]?.string, let bytes = entry["bytes"]?.int, !name.contains("/"), name != "manifest.json" else {
                    throw DataError("bad_shard", file: manifestPath, "files.\(name): expected {sha256, bytes} for a file of the folder")
                }
                files[name] = Manifest.FileRecord(sha256: sha, bytes: bytes)
            }
            self.files = files
        }

        /// The part's counts of `split` from its manifest.
        func count(_ split: String, _ key: String) -> Int { manifest["counts"]?[split]?[key]?.int ?? 0 }

        var name: String { "shard \(index + 1)/\(count)" }
    }

    /// The parts come from one run: their manifests agree on everything but their own place.
    static func checkOneRun(_ parts: [Part]) throws {
        let first = parts[0]
        guard first.manifest["toolkit_version"]?.string == ToolkitVersion.string else {
            throw DataError("bad_shard", file: first.path, "was written by toolkit \(first.manifest["toolkit_version"]?.string ?? "?"); this is toolkit \(ToolkitVersion.string): join shards with the version that wrote them")
        }
        for part in parts.dropFirst() {
            func differ(_ what: String) -> DataError { DataError("bad_shard", file: part.path, "\(what) (all parts must be shards of one run)") }
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
                throw DataError("duplicate_shard", file: part.path, "\(part.name) appears twice (also in \(earlier.path))")
            }
            byIndex[part.index] = part
        }
        let missing = (0..<n).filter { byIndex[$0] == nil }.map { "\($0 + 1)/\(n)" }
        if !missing.isEmpty {
            let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
            throw DataError("missing_shard", "shard\(missing.count == 1 ? "" : "s") \(list) \(missing.count == 1 ? "is" : "are") missing (expected all of 1/\(n) ... \(n)/\(n))")
        }
        let ordered = (0..<n).map { byIndex[$0]! }
        var next = 0
        for part in ordered {
            guard part.firstRow == next else {
                throw DataError("bad_shard", file: part.path, "\(part.name) starts at row \(part.firstRow); expected row \(next), where the shard before it ends")
            }
            let rows = (part.manifest["counts"]?.object ?? [:]).keys.reduce(0) { $0 + part.count($1, "rows") }
            guard rows == part.rows else {
                throw DataError("bad_shard", file: part.path, "manifest.json: counts add up to \(rows) rows, shard.rows says \(part.rows)")
            }
            next += part.rows
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
        let columns = parts[0].manifest["columns"]?.array?.count ?? 0
        let names = Set(parts.flatMap { $0.files.keys }).sorted()
        return try names.map { name in
            var pieces: [(part: Part, record: Manifest.FileRecord)] = []
            for part in parts {
                guard let record = part.files[name] else { continue }
                let path = part.path + "/" + name
                guard FileSystem.isRegularFile(path) else {
                    throw DataError("missing_file", file: path, "missing (its manifest.json lists it)")
                }
                var info = stat()
                if stat(path, &info) == 0, Int(info.st_size) != record.bytes {
                    throw DataError("checksum_mismatch", file: path, "\(info.st_size) bytes where its manifest.json records \(record.bytes): the file was changed after toolkit generate wrote it")
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
                throw DataError("bad_shard", file: pieces.first.map { $0.part.path + "/" + name } ?? name,
                                "not a file the shard join knows (SPLIT.csv, SPLIT.txt, SPLIT.npy, SPLIT_labels.npy, labels.csv, episodes.csv, windows.csv), so it cannot say how its parts join")
            }
            return FilePlan(name: name, role: role, compressed: compressed, pieces: pieces)
        }
    }

    /// Writes one joined file and returns its size and SHA-256; `progress` gets the number of
    /// bytes of the parts read since its last call.
    static func join(_ file: FilePlan, into folder: AtomicDirectory, check: LineCheck?, buffer: UnsafeMutableRawBufferPointer,
                     progress: (Int) -> Void) throws -> Manifest.FileRecord {
        let output = try OutputFile(path: folder.path(file.name), compression: file.compressed ? .gzip : .none)
        if case .matrix(let split, let columns, let dtype) = file.role {
            let total = file.pieces.reduce(0) { $0 + $1.part.count(split, "rows") }
            try NPYWriter.header(rows: total, columns: columns, dtype: dtype).withUnsafeBytes { try output.write(bytes: $0) }
        }
        var reference: [UInt8]?
        for (part, record) in file.pieces {
            let location = part.path + "/" + file.name
            let source = try PartFile(path: location, compressed: file.compressed, expected: record)
            var reported = 0
            func report() {
                progress(source.diskBytes - reported)
                reported = source.diskBytes
            }
            var splitter = LineSplitter()
            var line = file.hasHeader ? 1 : 0
            var header: [UInt8] = []
            var inHeader = file.hasHeader
            if case .matrix(let split, let columns, let dtype) = file.role {
                // A .npy part: its header (for its own rows), then values to copy as they are.
                let expected = NPYWriter.header(rows: part.count(split, "rows"), columns: columns, dtype: dtype)
                var head = [UInt8](repeating: 0, count: expected.count)
                let n = try head.withUnsafeMutableBytes { try source.readFully(into: $0) }
                guard n == expected.count, head == expected else {
                    throw DataError("bad_shard", file: location, "its .npy header is not the one toolkit generate writes for its \(part.count(split, "rows")) rows")
                }
            }
            while true {
                let n = try source.read(into: buffer)
                if n == 0 { break }
                let raw = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                var chunk = raw
                if inHeader {
                    guard let end = chunk.firstIndex(of: 0x0A) else {
                        header.append(contentsOf: chunk)
                        source.verify(raw)
                        report()
                        continue
                    }
                    header.append(contentsOf: chunk[chunk.startIndex..<end])
                    inHeader = false
                    if let reference {
                        guard header == reference else {
                            throw DataError("bad_shard", file: location, line: 1, "header differs from \(file.pieces[0].part.path)/\(file.name)'s")
                        }
                    } else {
                        reference = header
                        try (header + [0x0A]).withUnsafeBytes { try output.write(bytes: $0) }
                        try check?.header(String(decoding: header, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                                          file: location)
                    }
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[(end + 1)...])
                }
                // On two cores: checking the part's bytes (its SHA-256, its lines), and writing
                // them (the output's SHA-256, the copy into the page cache; or compressing).
                let body = chunk
                try inParallel({
                    source.verify(raw)
                    if let check {
                        try splitter.feed(body) { bytes in
                            line += 1
                            try check.line(bytes, file: location, line: line)
                        }
                    }
                }, {
                    try output.write(bytes: body)
                })
                report()
            }
            try source.finish()
            report()
            if inHeader {
                throw DataError("bad_shard", file: location, "has no header line")
            }
            if splitter.hasPartialLine {
                throw DataError("bad_shard", file: location, line: line + 1, "the last line has no line break")
            }
            check?.endPart()
        }
        let (sha256, bytes) = try output.finish()
        return Manifest.FileRecord(sha256: sha256, bytes: bytes)
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
            throw DataError("bad_shard", "the joined \(data.file) has \(data.rows) rows, the joined labels.csv \(counts[split]?.rows ?? 0) of split \(split)")
        }
        let splits = Set(parts.flatMap { ($0.manifest["counts"]?.object ?? [:]).keys })
        guard splits == Set(counts.keys) else {
            throw DataError("bad_shard", "the joined labels.csv has splits \(counts.keys.sorted()), the shards' manifests \(splits.sorted())")
        }
        for split in splits.sorted() {
            let c = counts[split]!
            let rows = parts.reduce(0) { $0 + $1.count(split, "rows") }
            let anomalies = parts.reduce(0) { $0 + $1.count(split, "anomalies") }
            var byKind: [String: Int] = [:]
            for part in parts {
                for (kind, n) in part.manifest["counts"]?[split]?["by_kind"]?.object ?? [:] { byKind[kind, default: 0] += n.int ?? 0 }
            }
            guard rows == c.rows, anomalies == c.anomalies, byKind == c.byKind else {
                throw DataError("bad_shard", "split \(split): the joined labels.csv has \(c.rows) rows and \(c.anomalies) anomalies, the shards' manifests add up to \(rows) and \(anomalies) (or the kinds differ)")
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

        init(path: String, compressed: Bool, expected: Manifest.FileRecord) throws {
            self.path = path
            self.expected = expected
            if compressed {
                guard try FileSystem.sha256(of: path) == expected.sha256 else { throw mismatch() }
                reader = try ArchiveReader(path: path)
            } else {
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw DataError("cannot_open", file: path, "cannot open: \(String(cString: strerror(errno)))")
                }
            }
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
        }

        private func mismatch() -> DataError {
            DataError("checksum_mismatch", file: path, "SHA-256 does not match its manifest.json: the file was changed after toolkit generate wrote it")
        }

        /// Reads up to `buffer.count` bytes (decompressed); 0 at the end. Pass what a plain file
        /// gives to ``verify(_:)``.
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            if let reader { return try reader.read(into: buffer) }
            while true {
                let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DataError("cannot_open", file: path, "read failed: \(String(cString: strerror(errno)))")
                }
                bytesRead += n
                diskBytes = bytesRead
                return n
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

    /// Splits a byte stream into lines (without their line feed), across chunk boundaries.
    struct LineSplitter {
        private var carry: [UInt8] = []

        var hasPartialLine: Bool { !carry.isEmpty }

        mutating func feed(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
                    return
                }
                let end = base.distance(to: UnsafeRawPointer(found))
                if carry.isEmpty {
                    try body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                } else {
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                    try carry.withUnsafeBytes { try body($0) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = end + 1
            }
        }
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
        private var ranges: [Range<Int>] = []
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
                throw DataError("bad_shard", file: file, line: 1, "expected the header id,split,label,kind,block")
            }
        }

        func line(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws {
            Fields.split(bytes, into: &ranges)
            guard ranges.count == 5 else {
                throw DataError("bad_shard", file: file, line: line, "\(ranges.count) fields, expected 5 (id,split,label,kind,block)")
            }
            let fields = ranges
            func field(_ k: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[fields[k]]) }
            guard let id = Fields.integer(field(0)) else {
                throw DataError("bad_shard", file: file, line: line, column: 1, "expected an id (a non-negative integer)")
            }
            guard id > lastID.pointee else {
                throw DataError("not_global", file: file, line: line, column: 1, "id \(id) after id \(lastID.pointee): expected increasing ids across the shards (global row ids, as toolkit generate --shard writes them)")
            }
            lastID.pointee = id
            let splitField = field(1)
            guard let index = Self.names.firstIndex(where: { $0.elementsEqual(splitField) }) else {
                throw DataError("bad_shard", file: file, line: line, column: 2, "expected a split (train, validation or test)")
            }
            let labelField = field(2)
            guard labelField.count == 1, labelField[0] == 48 || labelField[0] == 49 else {
                throw DataError("bad_shard", file: file, line: line, column: 3, "expected a label 0 or 1")
            }
            let anomaly = labelField[0] == 49
            let s = states + index
            s.pointee.seen = true
            let row = s.pointee.row
            if blockSize > 0 {
                guard let block = Fields.integer(field(4)), block == row / blockSize else {
                    throw DataError("not_global", file: file, line: line, column: 5, "block \(Fields.text(field(4))) for row \(row) of split \(Split.allCases[index].rawValue); expected \(row / blockSize) (blocks of \(blockSize) rows counted from the split's first row, as toolkit generate --shard writes them)")
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
                throw DataError("bad_shard", file: file, line: line, column: 5, "a block where the recipe has none (blocks.size 0)")
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
    /// counted; the behaviour logs' ids go to the ``IDCensus``.
    final class DataCheck: LineCheck {
        let split: String
        let amad: Bool
        let census: IDCensus?
        private(set) var rows = 0
        private var lastID = -1

        init(split: String, amad: Bool, census: IDCensus?) {
            self.split = split
            self.amad = amad
            self.census = census
        }

        func header(_ fields: [String], file: String) throws {
            guard fields.first == "id" else {
                throw DataError("bad_shard", file: file, line: 1, "expected the first column to be id")
            }
        }

        func line(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws {
            rows += 1
            let separator = amad ? UInt8(ascii: " ") : UInt8(ascii: ",")
            let end = bytes.baseAddress.flatMap { memchr($0, Int32(separator), bytes.count) }
                .map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            if !amad {
                guard let id = Fields.integer(UnsafeRawBufferPointer(rebasing: bytes[0..<end])) else {
                    throw DataError("bad_shard", file: file, line: line, column: 1, "expected an id (a non-negative integer)")
                }
                guard id > lastID else {
                    throw DataError("not_global", file: file, line: line, column: 1, "id \(id) after id \(lastID): expected increasing ids across the shards (global row ids, as toolkit generate --shard writes them)")
                }
                lastID = id
            }
            if let census {
                let rest = end < bytes.count ? UnsafeRawBufferPointer(rebasing: bytes[(end + 1)...]) : UnsafeRawBufferPointer(start: nil, count: 0)
                try census.add(rest, amad: amad, file: file, line: line)
            }
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
                throw DataError("bad_shard", file: file, line: line, "\(ranges.count) fields, fewer than the header's")
            }
            let key = groupIndex.map { Fields.text(UnsafeRawBufferPointer(rebasing: bytes[ranges[$0]])) } ?? ""
            let expected = next[key] ?? 0
            let field = UnsafeRawBufferPointer(rebasing: bytes[ranges[columnIndex]])
            guard Fields.integer(field) == expected else {
                throw DataError("not_global", file: file, line: line, column: columnIndex + 1,
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
            guard let columns = part.manifest["columns"]?.array, let vocabulary = columns.compactMap({ $0["cardinality"]?.int }).max() else {
                throw DataError("bad_shard", file: part.path, "manifest.json: columns: expected the cardinality of the id columns")
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
                var word: UInt64 = 0x2020_2020_2020_2020
                if bytes.count - i >= 8 {
                    word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                } else {
                    withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + i, count: bytes.count - i)) }
                    word = UInt64(littleEndian: word)
                }
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
                    throw DataError("bad_shard", file: file, line: line, "unexpected character \(Unicode.Scalar(byte).escaped(asASCII: true)) among the ids")
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
            DataError("bad_shard", file: file, line: line, "an id outside the vocabulary 0...\(vocabulary - 1)")
        }
    }

    // MARK: - The manifest as JSON

    /// A JSON value read from a manifest and written back exactly as ``Manifest/jsonText()``
    /// writes it (the same encoder: sorted keys, pretty-printed), so the joined manifest differs
    /// from the parts' only where it is changed.
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

        /// A value as the manifest encodes it (keys in snake case).
        init<T: Encodable>(encoding value: T) throws {
            self = try JSONDecoder().decode(Tree.self, from: Manifest.jsonEncoder().encode(value))
        }

        /// The manifest's text: pretty-printed, sorted keys (already in snake case), a final line feed.
        func jsonText() throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        }

        subscript(key: String) -> Tree? {
            if case .object(let o) = self { return o[key] }
            return nil
        }

        var object: [String: Tree]? { if case .object(let o) = self { return o }; return nil }
        var array: [Tree]? { if case .array(let a) = self { return a }; return nil }
        var string: String? { if case .string(let s) = self { return s }; return nil }
        var int: Int? { if case .int(let i) = self { return i }; return nil }

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
            throw DataError("bad_shard", file: file, line: 1, "no column \(name) in the header \(fields.joined(separator: ","))")
        }
        return index
    }
}
