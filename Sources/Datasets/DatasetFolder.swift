import DataIO
import Foundation
import Recipe

/// A dataset folder as `toolkit generate` writes it, opened for reading: its `manifest.json`
/// decoded once into the same ``Manifest`` the writer encoded, and where its files are.
///
/// Every command that reads a dataset goes through this (`detect` and the detectors' split
/// readers, `evaluate --dataset`, `bench`, `check`): the schema, the row counts, the recipe's
/// evaluation protocol and the files' checksums come from one typed model, never from keys
/// picked out of the JSON by hand.
///
/// A folder without a manifest (labels made by hand) can still be opened for its label file
/// (`manifest` is nil); what needs the schema asks for ``requireManifest()``.
public struct DatasetFolder: Sendable {
    public let path: String
    /// The decoded `manifest.json`, or nil when the folder has none.
    public let manifest: Manifest?

    /// Opens the folder at `path`. A `manifest.json` that is not a manifest is an error naming
    /// the file and the key that is wrong, not a folder without one.
    public init(_ path: String) throws {
        guard FileSystem.isDirectory(path) else {
            throw DataError(.usage, file: path, FileSystem.exists(path)
                ? "not a dataset folder (made by `toolkit generate`): it is a file"
                : "no such dataset folder")
        }
        self.path = path
        let manifestPath = path + "/manifest.json"
        guard FileSystem.isRegularFile(manifestPath) else {
            manifest = nil
            return
        }
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw DataError(.cannotOpen, file: manifestPath, "cannot read the file")
        }
        manifest = try Manifest.decode(data, file: manifestPath)
    }

    /// The dataset's own files at `folder` that exist: those the manifest lists and the manifest
    /// itself, or (in a folder without a readable manifest) `labels.csv`. Other files there
    /// (scores or reports written beside the data) are not the dataset's, and an output may
    /// replace them.
    public static func ownFiles(of folder: String) -> [String] {
        let manifest = (try? DatasetFolder(folder))?.manifest
        let names = manifest.map { ["manifest.json"] + $0.files.keys.sorted() } ?? ["labels.csv"]
        return names.map { folder + "/" + $0 }.filter(FileSystem.exists)
    }

    /// The manifest, or an error saying that detectors need it.
    public func requireManifest() throws -> Manifest {
        guard let manifest else {
            throw DataError(.usage, file: path, "no manifest.json: not a dataset folder made by `toolkit generate`")
        }
        return manifest
    }

    /// `path/name`.
    public func file(_ name: String) -> String { path + "/" + name }

    /// The first of `names` that is a regular file in the folder, as a path.
    public func firstFile(_ names: [String]) -> String? {
        names.map(file).first(where: FileSystem.isRegularFile)
    }

    /// The CSV file of `split` (`SPLIT.csv`, else `SPLIT.csv.gz`), if there is one.
    public func csvFile(of split: String) -> String? { firstFile(["\(split).csv", "\(split).csv.gz"]) }

    /// The `--format npy` matrix of `split`, when the folder has it and no CSV file of the split.
    public func npyFile(of split: String) -> String? {
        csvFile(of: split) == nil ? firstFile(["\(split).npy"]) : nil
    }

    /// Throws `missing_split` when the folder has no file of `split` (CSV or `.npy`), naming the
    /// splits it has: " (it has: test, train)".
    public func requireSplit(_ split: String) throws {
        guard csvFile(of: split) == nil && npyFile(of: split) == nil else { return }
        let present = (manifest?.counts.keys.sorted() ?? []).filter { csvFile(of: $0) != nil || npyFile(of: $0) != nil }
        throw DataError(.missingSplit, file: path,
                        "no \(split).csv in the dataset folder" + (present.isEmpty ? "" : " (it has: \(present.joined(separator: ", ")))"))
    }

    /// The label file: `labels.csv` (or `.csv.gz`), or with `windows` the sequence datasets'
    /// `windows.csv`.
    public func labelFile(windows: Bool = false) -> String? {
        let base = windows ? "windows" : "labels"
        return firstFile(["\(base).csv", "\(base).csv.gz"])
    }

    /// The rows the manifest records for `split`, if any.
    public func rows(in split: String) -> Int? { manifest?.counts[split].map(\.rows) }

    /// The manifest's columns (an error without a manifest). A categorical column's ids are
    /// `0..<cardinality`, so a cardinality below 1 is an error, not a column no value fits.
    public func columns() throws -> [ColumnSchema] {
        let columns = try requireManifest().columns
        for (index, column) in columns.enumerated() {
            if let cardinality = column.cardinality, cardinality < 1, column.type == .categorical || column.type == .multiCategorical {
                throw DataError(.badManifest, file: file("manifest.json"),
                                "columns[\(index)] ('\(column.name)'): cardinality \(cardinality); expected at least 1")
            }
        }
        return columns
    }

    /// The recipe's evaluation protocol, or nil without a manifest.
    public var evaluation: EvaluationSpec? { manifest?.recipe.evaluation }

    /// Rows per block (the recipe's `blocks.size`), or nil when the dataset has no blocks.
    public var blockSize: Int? {
        guard let size = manifest?.recipe.blocks.size, size > 0 else { return nil }
        return size
    }

    /// Checks `path` (a file of this folder) against the size and SHA-256 the manifest records,
    /// so that a file changed after `toolkit generate` wrote it is an error rather than silently
    /// other data. Nothing is checked without a manifest or without an entry for the file
    /// (hand-made folders).
    public func verify(_ path: String) throws {
        guard let record = manifest?.files[FileSystem.lastComponent(of: path)] else { return }
        let changed = "was changed after `toolkit generate` wrote it (regenerate it, or pass --no-verify to read it anyway)"
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size != record.bytes {
            throw DataError(.checksumMismatch, file: path, "\(size) bytes where manifest.json records \(record.bytes): the file \(changed)")
        }
        guard try FileSystem.sha256(of: path) == record.sha256 else {
            throw DataError(.checksumMismatch, file: path, "its SHA-256 differs from manifest.json's: the file \(changed)")
        }
    }

    /// The manifest's facts shown in evaluation outputs and reports, as (key, value) rows; empty
    /// without a manifest.
    public var summary: [(key: String, value: String)] {
        guard let m = manifest else { return [] }
        var rows: [(key: String, value: String)] = [
            ("recipe", m.recipeName), ("seed", "\(m.seed)"), ("toolkit", m.toolkitVersion),
            ("generator", "\(m.generator.kind) v\(m.generator.version)"), ("source", m.source), ("format", m.format),
        ]
        for (split, c) in m.counts.sorted(by: { $0.key < $1.key }) {
            rows.append(("\(split) rows", "\(c.rows) (\(c.anomalies) anomalies)"))
        }
        rows.append(("columns", "\(m.columns.count)"))
        return rows
    }
}
