import Foundation
import Recipe

/// `manifest.json`: everything needed to know what a dataset is and to check it.
///
/// It holds no timestamps, paths or host names, so the same recipe and seed give a
/// byte-identical manifest. Keys are snake_case and sorted.
public struct Manifest: Sendable, Encodable {
    /// Version of this manifest layout.
    public static let schemaVersion = 1

    public var schemaVersion = Manifest.schemaVersion
    public var toolkitVersion = ToolkitVersion.string
    public var recipeName: String
    /// The fully resolved recipe (every default filled in).
    public var recipe: Recipe
    public var seed: UInt64
    public var generator: GeneratorInfo
    public var random: RandomInfo
    /// `synthetic`, `synthetic-lookalike`, `uci-original` or `file`.
    public var source: String
    /// The real file the data was read from, if any.
    public var sourceFile: SourceFile?
    /// `csv`, `csv.gz` or `npy`.
    public var format: String
    public var columns: [ColumnSchema]
    /// Per split (`train`, `test`, ...).
    public var counts: [String: SplitCounts]
    /// Each anomaly kind's parameters.
    public var anomalyKinds: [String: JSONValue]
    /// Every file written besides the manifest: SHA-256 (hex) and size in bytes.
    public var files: [String: FileRecord]
    /// Figures the generator measured while writing (behaviour logs: distinct ids), if any.
    public var statistics: [String: JSONValue]?
    /// Set when this folder is one shard of a larger dataset (`--shard i/n`): which one, and the
    /// whole dataset's rows it holds.
    public var shard: Shard?

    public struct Shard: Sendable, Encodable, Equatable {
        /// 0-based.
        public var index: Int
        public var count: Int
        /// The rows of the whole dataset (in its time order, 0-based) this shard holds.
        public var firstRow: Int
        public var rows: Int
        public init(index: Int, count: Int, firstRow: Int, rows: Int) {
            self.index = index
            self.count = count
            self.firstRow = firstRow
            self.rows = rows
        }
    }

    public init(recipeName: String, recipe: Recipe, seed: UInt64, generator: GeneratorInfo, random: RandomInfo,
                source: String, format: String, columns: [ColumnSchema], counts: [String: SplitCounts],
                anomalyKinds: [String: JSONValue], files: [String: FileRecord]) {
        self.recipeName = recipeName
        self.recipe = recipe
        self.seed = seed
        self.generator = generator
        self.random = random
        self.source = source
        self.format = format
        self.columns = columns
        self.counts = counts
        self.anomalyKinds = anomalyKinds
        self.files = files
    }

    public struct GeneratorInfo: Sendable, Encodable {
        public var kind: String
        /// Bumped whenever the generator's output for the same recipe and seed changes.
        public var version: Int
        public var description: String
        public init(kind: String, version: Int, description: String) {
            self.kind = kind
            self.version = version
            self.description = description
        }
    }

    public struct RandomInfo: Sendable, Encodable {
        public var algorithm: String
        public var streams: [String]
        public init(algorithm: String, streams: [String]) {
            self.algorithm = algorithm
            self.streams = streams
        }
    }

    public struct SplitCounts: Sendable, Encodable, Equatable {
        public var rows = 0
        public var anomalies = 0
        public var byKind: [String: Int] = [:]
        public var blocks = 0
        public var anomalousBlocks = 0
        public init() {}
    }

    public struct SourceFile: Sendable, Encodable, Equatable {
        /// File name only (no folders: manifests stay machine-independent).
        public var name: String
        /// SHA-256 of the file as given (compressed or not).
        public var sha256: String
        /// Whether it is the known original (by its SHA-256 or that of its decompressed content).
        public var knownOriginal: Bool
        public var description: String
        public init(name: String, sha256: String, knownOriginal: Bool, description: String) {
            self.name = name
            self.sha256 = sha256
            self.knownOriginal = knownOriginal
            self.description = description
        }
    }

    public struct FileRecord: Sendable, Encodable, Equatable {
        public var sha256: String
        public var bytes: Int
        public init(sha256: String, bytes: Int) {
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    /// Pretty-printed JSON with sorted keys and a final line feed.
    public func jsonText() throws -> String {
        String(decoding: try Manifest.jsonEncoder().encode(self), as: UTF8.self) + "\n"
    }

    /// The encoder of ``jsonText()``: pretty-printed, sorted keys, snake case, slashes as they
    /// are (`toolkit join-shards` encodes the parts of a joined manifest with it too).
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
