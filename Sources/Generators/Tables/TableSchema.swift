import Datasets

/// The fixed layout of a known table file: its columns, which one holds the class, the class
/// values it may contain, and the checksums of the UCI originals (the file as distributed and its
/// decompressed content), so a manifest can say the data is the original.
public struct TableSchema: Sendable {
    public enum ColumnKind: Sendable, Equatable {
        case numeric
        /// Categories; `values` fixes them and their code order (nil = the values found, sorted).
        case categorical(values: [String]?)
    }

    public struct Column: Sendable {
        public var name: String
        public var kind: ColumnKind
        public init(_ name: String, _ kind: ColumnKind) {
            self.name = name
            self.kind = kind
        }
    }

    /// Short name (`connect4`).
    public var name: String
    /// What the file is, for messages (`UCI Connect-4 (connect-4.data)`).
    public var title: String
    /// Feature columns in file order; the class column is `classIndex` among all fields.
    public var columns: [Column]
    public var classIndex: Int
    /// Class values the file may contain (nil = any).
    public var classValues: [String]?
    /// Whether a field of `?` is a missing numeric value (else an error).
    public var questionMarkIsMissing: Bool
    /// SHA-256 of the original files as distributed, and of their decompressed content.
    public var knownChecksums: [String]
    /// Rows of the original file (the default look-alike size).
    public var originalRows: Int

    public var fieldCount: Int { columns.count + 1 }
}
