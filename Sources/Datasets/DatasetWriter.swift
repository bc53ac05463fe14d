import DataIO

/// Writes a dataset folder (DESIGN §3) row by row, streaming, atomically:
///
/// - `train.csv`, `test.csv` (and `validation.csv` if used): `id` then the feature columns;
/// - `labels.csv`: `id,split,label,kind,block` for every row, in the order rows were written;
/// - `manifest.json`: written by ``finish(_:)`` with counts and the SHA-256 of every file.
///
/// Everything goes to a temporary folder that is renamed into place by ``finish(_:)``; if the
/// writer is discarded or dropped before that, nothing is left behind. Block indices count rows
/// within each split (`blockSize` rows per block, 0 = no blocks); a block is anomalous when
/// strictly more than half of its rows are anomalies.
///
/// Usage, per row: ``beginRow(_:id:)``, then one `write…` call per feature column, then
/// ``endRow(label:kind:)``.
///
/// Per-row state is kept behind a pointer, not in class properties, for the same reason as in
/// ``OutputFile``: this runs once per row of datasets with tens of millions of rows.
public final class DatasetWriter {
    public let columns: [ColumnSchema]
    public let compression: OutputCompression
    public let blockSize: Int
    private let folder: AtomicDirectory
    private let labels: CSVWriter
    private var featureFiles: [CSVWriter?]     // indexed like Split.allCases
    private let splitNames: [[UInt8]]          // "train", "validation", "test" as bytes
    private let state: UnsafeMutablePointer<State>

    private struct SplitState {
        var counts = Manifest.SplitCounts()
        var blockRows = 0          // rows in the current block
        var blockAnomalies = 0     // anomalies in the current block
    }

    private struct State {
        var splits = [SplitState](repeating: SplitState(), count: Split.allCases.count)
        var split = -1             // split of the row being written, -1 between rows
        var fields = 0             // features written in the current row
        var id = 0
    }

    public init(destination: String, force: Bool, columns: [ColumnSchema],
                compression: OutputCompression = .none, blockSize: Int) throws {
        self.columns = columns
        self.compression = compression
        self.blockSize = blockSize
        folder = try AtomicDirectory(destination: destination, force: force)
        labels = CSVWriter(file: try OutputFile(path: folder.path("labels.csv" + compression.suffix), compression: compression))
        try labels.writeRecord(["id", "split", "label", "kind", "block"])
        featureFiles = Array(repeating: nil, count: Split.allCases.count)
        splitNames = Split.allCases.map { Array($0.rawValue.utf8) }
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Starts a row of `split` with the given id.
    @inline(__always)
    public func beginRow(_ split: Split, id: Int) throws {
        precondition(state.pointee.split < 0, "beginRow called twice without endRow")
        let index = DatasetWriter.index(split)
        if featureFiles[index] == nil { try open(split) }
        state.pointee.split = index
        state.pointee.fields = 0
        state.pointee.id = id
        try featureFiles[index]!.writeField(id)
    }

    /// Writes the next feature as an integer.
    @inline(__always)
    public func write(_ value: Int) throws {
        try featureFiles[state.pointee.split]!.writeField(value)
        state.pointee.fields += 1
    }

    /// Writes the next feature as text (quoted by the CSV writer if needed).
    public func write(text: String) throws {
        try featureFiles[state.pointee.split]!.writeField(text)
        state.pointee.fields += 1
    }

    /// Ends the row and writes its line of `labels.csv`. `kind` names how an anomaly was made
    /// (empty for normal rows).
    @inline(__always)
    public func endRow(label: Bool, kind: String) throws {
        let index = state.pointee.split
        precondition(index >= 0, "endRow without beginRow")
        precondition(state.pointee.fields == columns.count,
                     "row \(state.pointee.id) has \(state.pointee.fields) features, the schema has \(columns.count)")
        try featureFiles[index]!.endRecord()
        state.pointee.split = -1

        let rowIndex = state.pointee.splits[index].counts.rows
        state.pointee.splits[index].counts.rows += 1
        if label {
            state.pointee.splits[index].counts.anomalies += 1
            state.pointee.splits[index].counts.byKind[kind, default: 0] += 1
        }
        try labels.writeField(state.pointee.id)
        try splitNames[index].withUnsafeBytes { try labels.writeField(bytes: $0) }
        try labels.writeField(label ? 1 : 0)
        try labels.writeField(kind)
        if blockSize > 0 {
            try labels.writeField(rowIndex / blockSize)
            withSplit(index) { s in
                if rowIndex % blockSize == 0 { s.counts.blocks += 1 }
                s.blockRows += 1
                if label { s.blockAnomalies += 1 }
                if s.blockRows == blockSize {
                    if 2 * s.blockAnomalies > s.blockRows { s.counts.anomalousBlocks += 1 }
                    s.blockRows = 0
                    s.blockAnomalies = 0
                }
            }
        } else {
            try labels.writeField(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        }
        try labels.endRecord()
    }

    /// Counts so far for one split.
    public func counts(_ split: Split) -> Manifest.SplitCounts {
        state.pointee.splits[DatasetWriter.index(split)].counts
    }

    /// Closes every file, fills the manifest's `counts`, `files`, `columns` and `compression`,
    /// writes `manifest.json`, and moves the folder into place. Returns the manifest written.
    @discardableResult
    public func finish(_ manifest: Manifest) throws -> Manifest {
        precondition(state.pointee.split < 0, "finish() in the middle of a row")
        var manifest = manifest
        var files: [String: Manifest.FileRecord] = [:]
        let (labelDigest, labelBytes) = try labels.file.finish()
        files["labels.csv" + compression.suffix] = .init(sha256: labelDigest, bytes: labelBytes)
        var counts: [String: Manifest.SplitCounts] = [:]
        for (index, split) in Split.allCases.enumerated() {
            guard let writer = featureFiles[index] else { continue }
            let (digest, bytes) = try writer.file.finish()
            files[split.fileName + compression.suffix] = .init(sha256: digest, bytes: bytes)
            var s = state.pointee.splits[index]
            // The last, partial block of the split.
            if s.blockRows > 0 && 2 * s.blockAnomalies > s.blockRows { s.counts.anomalousBlocks += 1 }
            counts[split.rawValue] = s.counts
        }
        manifest.files = files
        manifest.columns = columns
        manifest.compression = compression.rawValue
        manifest.counts = counts
        try FileSystem.writeAtomically(try manifest.jsonText(), to: folder.path("manifest.json"))
        try folder.commit()
        return manifest
    }

    /// Abandons the dataset: removes the temporary folder.
    public func discard() { folder.discard() }

    @inline(__always)
    private func withSplit(_ index: Int, _ body: (inout SplitState) throws -> Void) rethrows {
        try state.pointee.splits.withUnsafeMutableBufferPointer { try body(&$0[index]) }
    }

    @inline(__always)
    private static func index(_ split: Split) -> Int {
        switch split {
        case .train: return 0
        case .validation: return 1
        case .test: return 2
        }
    }

    private func open(_ split: Split) throws {
        let file = try OutputFile(path: folder.path(split.fileName + compression.suffix), compression: compression)
        let csv = CSVWriter(file: file)
        try csv.writeRecord(["id"] + columns.map(\.name))
        featureFiles[DatasetWriter.index(split)] = csv
    }
}
