import DataIO
import Foundation
import Recipe

/// `manifest.json`: everything needed to know what a dataset is and to check it.
///
/// It holds no timestamps, paths or host names, so the same recipe and seed give a
/// byte-identical manifest. Keys are snake_case and sorted.
public struct Manifest: Sendable, Codable {
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

    // Keys as written (snake_case): the decoder takes them as they are, so that the resolved
    // recipe's own keys are not converted; the encoder's snake-case conversion leaves them as
    // they are.
    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", toolkitVersion = "toolkit_version", recipeName = "recipe_name"
        case recipe, seed, generator, random, source, sourceFile = "source_file", format, columns, counts
        case anomalyKinds = "anomaly_kinds", files, statistics, shard
    }

    public struct Shard: Sendable, Codable, Equatable {
        /// 0-based.
        public var index: Int
        public var count: Int
        /// The rows of the whole dataset (in its time order, 0-based) this shard holds.
        public var firstRow: Int
        public var rows: Int
        enum CodingKeys: String, CodingKey { case index, count, firstRow = "first_row", rows }
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

    public struct GeneratorInfo: Sendable, Codable {
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

    public struct RandomInfo: Sendable, Codable {
        public var algorithm: String
        public var streams: [String]
        public init(algorithm: String, streams: [String]) {
            self.algorithm = algorithm
            self.streams = streams
        }
    }

    public struct SplitCounts: Sendable, Codable, Equatable {
        public var rows = 0
        public var anomalies = 0
        public var byKind: [String: Int] = [:]
        public var blocks = 0
        public var anomalousBlocks = 0
        public init() {}
        enum CodingKeys: String, CodingKey { case rows, anomalies, byKind = "by_kind", blocks, anomalousBlocks = "anomalous_blocks" }

        /// Every count from 0 to ``ExactJSONInteger/largest``: an edited manifest is an error, not a negative or
        /// overflowing count further on (manifest.json is what the files are checked against, so
        /// nothing checks it).
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func checked(_ value: Int, _ key: CodingKeys) throws -> Int {
                guard (0...ExactJSONInteger.largest).contains(value) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: c,
                                                           debugDescription: "expected a count from 0 to \(ExactJSONInteger.largest), got \(value)")
                }
                return value
            }
            rows = try checked(c.decode(Int.self, forKey: .rows), .rows)
            anomalies = try checked(c.decode(Int.self, forKey: .anomalies), .anomalies)
            byKind = try c.decode([String: Int].self, forKey: .byKind)
            for value in byKind.values { _ = try checked(value, .byKind) }
            blocks = try checked(c.decode(Int.self, forKey: .blocks), .blocks)
            anomalousBlocks = try checked(c.decode(Int.self, forKey: .anomalousBlocks), .anomalousBlocks)
        }
    }

    public struct SourceFile: Sendable, Codable, Equatable {
        /// File name only (no folders: manifests stay machine-independent).
        public var name: String
        /// SHA-256 of the file as given (compressed or not).
        public var sha256: String
        /// Whether it is the known original (by its SHA-256 or that of its decompressed content).
        public var knownOriginal: Bool
        public var description: String
        enum CodingKeys: String, CodingKey { case name, sha256, knownOriginal = "known_original", description }
        public init(name: String, sha256: String, knownOriginal: Bool, description: String) {
            self.name = name
            self.sha256 = sha256
            self.knownOriginal = knownOriginal
            self.description = description
        }
    }

    public struct FileRecord: Sendable, Codable, Equatable {
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

    /// A manifest from the JSON text that ``jsonText()`` writes (``DatasetFolder`` reads them
    /// this way). `file` names it in errors, which say which key is missing or of what type it
    /// should be; the resolved recipe is validated like a recipe file.
    public static func decode(_ data: Data, file: String) throws -> Manifest {
        do {
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch let error as DataError {
            throw DataError(.badManifest, file: file, "the resolved recipe: \(error.message)")
        } catch let error as DecodingError {
            // Foundation's decoder reports a number that does not fit its key's type (`1.5` or
            // `1e30` for a count) as the whole text not being JSON, without the key: say what it
            // is when the text does parse.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
               (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                throw DataError(.badManifest, file: file, "a number does not fit its key: a count or size written with a fraction (such as 1.5) or out of range; expected a manifest written by `toolkit generate`")
            }
            throw DataError(.badManifest, file: file, Self.describe(error))
        } catch {
            throw DataError(.badManifest, file: file, "not a manifest written by `toolkit generate`: \(error)")
        }
    }

    /// A decoding error as `key.path: what was expected`.
    static func describe(_ error: DecodingError) -> String {
        func keyPath(_ path: [CodingKey]) -> String {
            let text = path.map { key in
                key.intValue.map { "[\($0)]" } ?? "." + key.stringValue
            }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = keyPath(context.codingPath)
            return "\(parent.isEmpty ? "" : parent + ": ")no '\(key.stringValue)' key; expected a manifest written by `toolkit generate`"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(keyPath(context.codingPath)): expected \(describe(type))"
        case .dataCorrupted(let context):
            let at = keyPath(context.codingPath)
            return context.codingPath.isEmpty ? "not valid JSON" : "\(at): \(context.debugDescription)"
        @unknown default:
            return "not a manifest written by `toolkit generate`"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
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
