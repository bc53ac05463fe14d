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
    /// `synthetic`, `synthetic-lookalike`, or a description of the real source file.
    public var source: String
    public var compression: String
    public var columns: [ColumnSchema]
    /// Per split (`train`, `test`, ...).
    public var counts: [String: SplitCounts]
    /// Each anomaly kind's parameters.
    public var anomalyKinds: [String: JSONValue]
    /// Every file written besides the manifest: SHA-256 (hex) and size in bytes.
    public var files: [String: FileRecord]

    public init(recipeName: String, recipe: Recipe, seed: UInt64, generator: GeneratorInfo, random: RandomInfo,
                source: String, compression: String, columns: [ColumnSchema], counts: [String: SplitCounts],
                anomalyKinds: [String: JSONValue], files: [String: FileRecord]) {
        self.recipeName = recipeName
        self.recipe = recipe
        self.seed = seed
        self.generator = generator
        self.random = random
        self.source = source
        self.compression = compression
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

    public struct FileRecord: Sendable, Encodable, Equatable {
        public var sha256: String
        public var bytes: Int
    }

    /// Pretty-printed JSON with sorted keys and a final line feed.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
