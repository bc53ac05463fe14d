import DataIO

/// Writes a dataset folder (DESIGN §3) row by row, streaming, atomically:
///
/// - `train.csv`, `test.csv` (and `validation.csv` if used): `id` then the feature columns, laid
///   out by a ``FeatureLayout`` (ids or one-hot, numbers raw or scaled); with the `npy` format,
///   `SPLIT.npy` float64 matrices and `SPLIT_labels.npy` int8 vectors instead; with the `amad`
///   format, `SPLIT.txt` in the AMAD authors' line format (see ``DatasetFormat/amad``);
/// - `labels.csv`: `id,split,label,kind,block` for every row, in the order rows were written;
/// - `manifest.json`: written by ``finish(_:)`` with counts and the SHA-256 of every file.
///
/// Everything goes to a temporary folder that is renamed into place by ``finish(_:)``; if the
/// writer is discarded or dropped before that, nothing is left behind. Block indices count rows
/// within each split (`blockSize` rows per block, 0 = no blocks); a block is anomalous when
/// strictly more than half of its rows are anomalies.
///
/// Usage, per row: ``beginRow(_:id:)``, then one `write…` call per input column of the layout
/// (`write(_:)` for a categorical id, `write(number:)` for a number, `write(ids:)` or
/// `write(text:)` for a multi-valued column), then ``endRow(label:kind:)``.
///
/// Extra files (a generator's index of windows or episodes) are opened with
/// ``extraFile(_:header:)`` and checksummed in the manifest like the others. A shard of a larger
/// dataset sets where each split's rows start with ``setFirstRowIndex(_:of:)``, so its block
/// numbers are those of the whole dataset.
///
/// Per-row state is kept behind a pointer, not in class properties, for the same reason as in
/// ``OutputFile``: this runs once per row of datasets with tens of millions of rows.
public final class DatasetWriter {
    public let layout: FeatureLayout
    public let format: DatasetFormat
    public let blockSize: Int
    private let folder: AtomicDirectory
    private let labels: CSVWriter
    private var featureFiles: [CSVWriter?]     // indexed like Split.allCases (CSV formats)
    private var matrices: [NPYWriter?]         // indexed like Split.allCases (npy format)
    private var labelVectors: [NPYWriter?]
    private let inputKinds: [InputKind]        // per input column
    private enum InputKind { case id, onehot(Int), number, scaled(Double, Double), text }
    private let positions: [Int]               // per input column: its output position
    /// The row being written, by output position: numbers, and text for multi-valued columns.
    /// Rows are assembled here and written at ``endRow(label:kind:)``, because one-hot output
    /// puts columns in another order than they arrive.
    private let row: UnsafeMutableBufferPointer<Double>
    private var rowText: [String?]
    /// Multi-valued columns given as ids (``write(ids:)``), by output position.
    private var rowIDs: [[Int32]]
    private var rowHasIDs: [Bool]
    private var extraFiles: [(name: String, writer: CSVWriter)] = []
    private let isText: [Bool]
    private let splitNames: [[UInt8]]          // "train", "validation", "test" as bytes
    private let state: UnsafeMutablePointer<State>

    private struct SplitState {
        var counts = Manifest.SplitCounts()
        var blockRows = 0          // rows in the current block
        var blockAnomalies = 0     // anomalies in the current block
        var firstRowIndex = 0      // row index of this writer's first row within the whole split (shards)
    }

    private struct State {
        var splits = [SplitState](repeating: SplitState(), count: Split.allCases.count)
        var split = -1             // split of the row being written, -1 between rows
        var fields = 0             // features written in the current row
        var id = 0
    }

    /// A writer whose columns are written as they are (ids and raw numbers).
    public convenience init(destination: String, force: Bool, columns: [ColumnSchema],
                            format: DatasetFormat = .csv, blockSize: Int) throws {
        try self.init(destination: destination, force: force, layout: try FeatureLayout(inputs: columns),
                      format: format, blockSize: blockSize)
    }

    public init(destination: String, force: Bool, layout: FeatureLayout,
                format: DatasetFormat = .csv, blockSize: Int) throws {
        if format == .npy, !layout.isNumeric {
            throw DataError(.badOutput, "--format npy needs numeric columns; multi-valued columns cannot be written as a matrix")
        }
        if format == .amad, let column = layout.outputs.first(where: { $0.type != .categorical && $0.type != .multiCategorical }) {
            throw DataError(.badOutput, "--format amad needs categorical or multi-valued columns (ids); \(column.name) is \(column.type.rawValue)")
        }
        self.layout = layout
        self.format = format
        self.blockSize = blockSize
        inputKinds = zip(layout.inputs, layout.scalings).map { column, scaling in
            switch column.type {
            case .categorical: return layout.options.encode == .onehot ? .onehot(column.cardinality ?? 0) : .id
            case .numeric: return scaling.map { .scaled($0.offset, $0.factor) } ?? .number
            case .multiCategorical: return .text
            case .indicator: return .id
            }
        }
        positions = layout.positions
        row = .allocate(capacity: max(layout.outputs.count, 1))
        row.initialize(repeating: 0)
        rowText = Array(repeating: nil, count: layout.outputs.count)
        rowIDs = Array(repeating: [], count: layout.outputs.count)
        rowHasIDs = Array(repeating: false, count: layout.outputs.count)
        isText = layout.outputs.map { $0.type == .multiCategorical }
        folder = try AtomicDirectory(destination: destination, force: force)
        labels = CSVWriter(file: try OutputFile(path: folder.path("labels.csv" + format.compression.suffix), compression: format.compression))
        try labels.writeRecord(["id", "split", "label", "kind", "block"])
        featureFiles = Array(repeating: nil, count: Split.allCases.count)
        matrices = Array(repeating: nil, count: Split.allCases.count)
        labelVectors = Array(repeating: nil, count: Split.allCases.count)
        splitNames = Split.allCases.map { Array($0.rawValue.utf8) }
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        row.deallocate()
    }

    /// The columns as written.
    public var columns: [ColumnSchema] { layout.outputs }

    /// Starts a row of `split` with the given id.
    @inline(__always)
    public func beginRow(_ split: Split, id: Int) throws {
        precondition(state.pointee.split < 0, "beginRow called twice without endRow")
        let index = DatasetWriter.index(split)
        if featureFiles[index] == nil && matrices[index] == nil { try open(split) }
        state.pointee.split = index
        state.pointee.fields = 0
        state.pointee.id = id
        if layout.options.encode == .onehot { row.update(repeating: 0) }  // indicators default to 0
    }

    /// Writes the next input column: a categorical id (as the id, or as its one-hot indicators),
    /// or an integer-valued number.
    @inline(__always)
    public func write(_ value: Int) throws {
        let column = state.pointee.fields
        state.pointee.fields += 1
        switch inputKinds[column] {
        case .onehot(let cardinality):
            precondition(value >= 0 && value < cardinality, "id \(value) out of range for \(layout.inputs[column].name)")
            row[positions[column] + value] = 1
        case .scaled(let offset, let factor):
            row[positions[column]] = (Double(value) - offset) * factor
        default:
            row[positions[column]] = Double(value)
        }
    }

    /// Writes the next input column as a number (scaled if the layout says so).
    @inline(__always)
    public func write(number: Double) throws {
        let column = state.pointee.fields
        state.pointee.fields += 1
        if case .scaled(let offset, let factor) = inputKinds[column] {
            row[positions[column]] = (number - offset) * factor
        } else {
            row[positions[column]] = number
        }
    }

    /// Writes the next input column as text (multi-valued columns; quoted if needed).
    public func write(text: String) throws {
        let column = state.pointee.fields
        state.pointee.fields += 1
        rowText[positions[column]] = text
    }

    /// Writes the next input column, a multi-valued one, as ids (written space-separated in CSV,
    /// comma-separated and plus one in the AMAD format). An empty list is an empty field.
    public func write(ids: UnsafeBufferPointer<Int32>) throws {
        let column = state.pointee.fields
        state.pointee.fields += 1
        let p = positions[column]
        rowIDs[p].removeAll(keepingCapacity: true)
        rowIDs[p].append(contentsOf: ids)
        rowHasIDs[p] = true
    }

    /// Writes the assembled row's features.
    @inline(__always)
    private func emitRow(_ split: Int, label: Bool) throws {
        if format == .npy {
            let matrix = matrices[split]!
            for p in 0..<isText.count { try matrix.append(row[p]) }
            return
        }
        let csv = featureFiles[split]!
        if format == .amad {
            let file = csv.file
            try file.write(byte: label ? UInt8(ascii: "0") : UInt8(ascii: "1"))
            for p in 0..<isText.count {
                try file.write(byte: 0x20)
                if isText[p] {
                    if rowHasIDs[p] {
                        rowHasIDs[p] = false
                        if rowIDs[p].isEmpty { try file.write(byte: UInt8(ascii: "0")) }
                        for (k, id) in rowIDs[p].enumerated() {
                            if k > 0 { try file.write(byte: UInt8(ascii: ",")) }
                            try file.write(integer: Int(id) + 1)
                        }
                    } else {
                        let ids = (rowText[p] ?? "").split(separator: " ")
                        if ids.isEmpty { try file.write(byte: UInt8(ascii: "0")) }
                        for (k, id) in ids.enumerated() {
                            if k > 0 { try file.write(byte: UInt8(ascii: ",")) }
                            try file.write(integer: (Int(id) ?? -1) + 1)
                        }
                    }
                } else {
                    try file.write(integer: Int(row[p]) + 1)
                }
            }
            try csv.endRecord()
            return
        }
        try csv.writeField(state.pointee.id)
        for p in 0..<isText.count {
            if isText[p] && rowHasIDs[p] {
                rowHasIDs[p] = false
                try csv.separatorIfNeeded()
                for (k, id) in rowIDs[p].enumerated() {
                    if k > 0 { try csv.file.write(byte: 0x20) }
                    try csv.file.write(integer: Int(id))
                }
            } else if isText[p] {
                try csv.writeField(rowText[p] ?? "")
            } else {
                try csv.separatorIfNeeded()
                try csv.file.write(double: row[p])
            }
        }
        try csv.endRecord()
    }

    /// Ends the row and writes its line of `labels.csv`. `kind` names how an anomaly was made
    /// (empty for normal rows).
    @inline(__always)
    public func endRow(label: Bool, kind: String) throws {
        let index = state.pointee.split
        precondition(index >= 0, "endRow without beginRow")
        precondition(state.pointee.fields == layout.inputs.count,
                     "row \(state.pointee.id) has \(state.pointee.fields) features, the schema has \(layout.inputs.count)")
        try emitRow(index, label: label)
        if format == .npy { try labelVectors[index]!.append(int8: label ? 1 : 0) }
        state.pointee.split = -1

        let rowIndex = state.pointee.splits[index].firstRowIndex + state.pointee.splits[index].counts.rows
        let firstOfWriter = state.pointee.splits[index].counts.rows == 0
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
                if rowIndex % blockSize == 0 || firstOfWriter { s.counts.blocks += 1 }
                s.blockRows += 1
                if label { s.blockAnomalies += 1 }
                if (rowIndex + 1) % blockSize == 0 {
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

    /// For a shard: the index, within the whole dataset's `split`, of the first row this writer
    /// will write of it (block numbers count from the split's first row). Call before its rows.
    public func setFirstRowIndex(_ index: Int, of split: Split) {
        precondition(counts(split).rows == 0, "setFirstRowIndex after rows of \(split.rawValue) were written")
        withSplit(DatasetWriter.index(split)) { $0.firstRowIndex = index }
    }

    /// Opens an extra CSV file in the dataset folder (written with the others, checksummed in the
    /// manifest) and writes its header.
    public func extraFile(_ name: String, header: [String]) throws -> CSVWriter {
        let csv = CSVWriter(file: try OutputFile(path: folder.path(name + format.compression.suffix), compression: format.compression))
        try csv.writeRecord(header)
        extraFiles.append((name + format.compression.suffix, csv))
        return csv
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
        files["labels.csv" + format.compression.suffix] = .init(sha256: labelDigest, bytes: labelBytes)
        for (name, writer) in extraFiles {
            let (digest, bytes) = try writer.file.finish()
            files[name] = .init(sha256: digest, bytes: bytes)
        }
        var counts: [String: Manifest.SplitCounts] = [:]
        for (index, split) in Split.allCases.enumerated() {
            if let writer = featureFiles[index] {
                let (digest, bytes) = try writer.file.finish()
                files[format.featureFileName(split) + format.compression.suffix] = .init(sha256: digest, bytes: bytes)
            } else if let matrix = matrices[index], let vector = labelVectors[index] {
                let (digest, bytes) = try matrix.finish()
                files["\(split.rawValue).npy"] = .init(sha256: digest, bytes: bytes)
                let (labelsDigest, labelsBytes) = try vector.finish()
                files["\(split.rawValue)_labels.npy"] = .init(sha256: labelsDigest, bytes: labelsBytes)
            } else {
                continue
            }
            var s = state.pointee.splits[index]
            // The last, partial block of the split.
            if s.blockRows > 0 && 2 * s.blockAnomalies > s.blockRows { s.counts.anomalousBlocks += 1 }
            counts[split.rawValue] = s.counts
        }
        manifest.files = files
        manifest.columns = layout.outputs
        manifest.format = format.rawValue
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
        let index = DatasetWriter.index(split)
        if format == .npy {
            matrices[index] = try NPYWriter(path: folder.path("\(split.rawValue).npy"), columns: layout.outputs.count, dtype: .float64)
            labelVectors[index] = try NPYWriter(path: folder.path("\(split.rawValue)_labels.npy"), columns: nil, dtype: .int8)
            return
        }
        let file = try OutputFile(path: folder.path(format.featureFileName(split) + format.compression.suffix), compression: format.compression)
        let csv = CSVWriter(file: file)
        if format != .amad { try csv.writeRecord(["id"] + layout.outputs.map(\.name)) }
        featureFiles[index] = csv
    }
}
