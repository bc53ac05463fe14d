import DataIO

/// Writes a dataset folder (DESIGN §3) row by row, streaming, atomically:
///
/// - `train.csv`, `test.csv` (and `validation.csv` if used): `id` then the feature columns;
/// - `labels.csv`: `id,split,label,kind,block` for every row, in the order rows were written;
/// - `manifest.json`: written by ``finish(_:)`` with counts and the SHA-256 of every file.
///
/// Everything goes to a temporary folder that is renamed into place by ``finish(_:)``; if the
/// writer is dropped before that, nothing is left behind. Block indices count rows within each
/// split (`blockSize` rows per block, 0 = no blocks); a block is anomalous when strictly more
/// than half of its rows are anomalies.
///
/// Usage, per row: ``beginRow(_:id:)``, then one `write…` call per feature column, then
/// ``endRow(label:kind:)``.
public final class DatasetWriter {
    public let columns: [ColumnSchema]
    public let compression: OutputCompression
    public let blockSize: Int
    private let folder: AtomicDirectory
    private var featureFiles: [Split: (file: OutputFile, csv: CSVWriter)] = [:]
    private let labels: CSVWriter
    private var counts: [Split: Manifest.SplitCounts] = [:]
    private var blockRows: [Split: Int] = [:]        // rows in the current block, per split
    private var blockAnomalies: [Split: Int] = [:]   // anomalies in the current block, per split
    private var current: (split: Split, id: Int, fields: Int)?
    private var currentCSV: CSVWriter?

    public init(destination: String, force: Bool, columns: [ColumnSchema],
                compression: OutputCompression = .none, blockSize: Int) throws {
        self.columns = columns
        self.compression = compression
        self.blockSize = blockSize
        folder = try AtomicDirectory(destination: destination, force: force)
        let labelFile = try OutputFile(path: folder.path("labels.csv" + compression.suffix), compression: compression)
        labels = CSVWriter(file: labelFile)
        try labels.writeRecord(["id", "split", "label", "kind", "block"])
    }

    /// The folder being written (inside the temporary location until ``finish(_:)``).
    public var stagingPath: String { folder.staging }

    /// Starts a row of `split` with the given id.
    @inline(__always)
    public func beginRow(_ split: Split, id: Int) throws {
        precondition(current == nil, "beginRow called twice without endRow")
        if featureFiles[split] == nil { try open(split) }
        current = (split, id, 0)
        currentCSV = featureFiles[split]!.csv
        try currentCSV!.writeField(id)
    }

    /// Writes the next feature as an integer.
    @inline(__always)
    public func write(_ value: Int) throws {
        try currentCSV!.writeField(value)
        current!.fields += 1
    }

    /// Writes the next feature as text (quoted by the CSV writer if needed).
    public func write(text: String) throws {
        try currentCSV!.writeField(text)
        current!.fields += 1
    }

    /// Ends the row and writes its line of `labels.csv`. `kind` names how an anomaly was made
    /// (empty for normal rows).
    @inline(__always)
    public func endRow(label: Bool, kind: String) throws {
        guard let (split, id, fields) = current else { preconditionFailure("endRow without beginRow") }
        precondition(fields == columns.count, "row \(id) has \(fields) features, the schema has \(columns.count)")
        try currentCSV!.endRecord()
        current = nil
        currentCSV = nil

        var c = counts[split] ?? Manifest.SplitCounts()
        let rowIndex = c.rows
        c.rows += 1
        if label {
            c.anomalies += 1
            c.byKind[kind, default: 0] += 1
        }
        try labels.writeField(id)
        try labels.writeField(split.rawValue)
        try labels.writeField(label ? 1 : 0)
        try labels.writeField(kind)
        if blockSize > 0 {
            try labels.writeField(rowIndex / blockSize)
            if rowIndex % blockSize == 0 { c.blocks += 1 }
            let inBlock = (blockRows[split] ?? 0) + 1
            let anomaliesInBlock = (blockAnomalies[split] ?? 0) + (label ? 1 : 0)
            if inBlock == blockSize {
                if 2 * anomaliesInBlock > inBlock { c.anomalousBlocks += 1 }
                blockRows[split] = 0
                blockAnomalies[split] = 0
            } else {
                blockRows[split] = inBlock
                blockAnomalies[split] = anomaliesInBlock
            }
        } else {
            try labels.writeField("")
        }
        try labels.endRecord()
        counts[split] = c
    }

    /// Counts so far, per split.
    public func counts(_ split: Split) -> Manifest.SplitCounts { counts[split] ?? Manifest.SplitCounts() }

    /// Closes every file, fills the manifest's `counts`, `files`, `columns` and `compression`,
    /// writes `manifest.json`, and moves the folder into place. Returns the manifest written.
    @discardableResult
    public func finish(_ manifest: Manifest) throws -> Manifest {
        precondition(current == nil, "finish() in the middle of a row")
        // Close the last, partial block of each split.
        for (split, rows) in blockRows where rows > 0 {
            if 2 * (blockAnomalies[split] ?? 0) > rows { counts[split]!.anomalousBlocks += 1 }
        }
        var manifest = manifest
        var files: [String: Manifest.FileRecord] = [:]
        let (labelDigest, labelBytes) = try labels.file.finish()
        files["labels.csv" + compression.suffix] = .init(sha256: labelDigest, bytes: labelBytes)
        for (split, output) in featureFiles {
            let (digest, bytes) = try output.file.finish()
            files[split.fileName + compression.suffix] = .init(sha256: digest, bytes: bytes)
        }
        manifest.files = files
        manifest.columns = columns
        manifest.compression = compression.rawValue
        manifest.counts = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        try FileSystem.writeAtomically(try manifest.jsonText(), to: folder.path("manifest.json"))
        try folder.commit()
        return manifest
    }

    /// Abandons the dataset: removes the temporary folder.
    public func discard() { folder.discard() }

    private func open(_ split: Split) throws {
        let file = try OutputFile(path: folder.path(split.fileName + compression.suffix), compression: compression)
        let csv = CSVWriter(file: file)
        try csv.writeRecord(["id"] + columns.map(\.name))
        featureFiles[split] = (file, csv)
    }
}
