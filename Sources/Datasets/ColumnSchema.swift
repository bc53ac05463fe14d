import DataIO

/// One column of a dataset as the manifest describes it.
public struct ColumnSchema: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// One integer id per row: `0..<cardinality`.
        case categorical
        /// Several space-separated integer ids per row.
        case multiCategorical = "multi_categorical"
        /// A number per row.
        case numeric
        /// 0 or 1: one value of a categorical source column (one-hot output).
        case indicator

        /// Decoded with a message that lists the types (not the decoder's own).
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let kind = Kind(rawValue: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription:
                    "'\(DataError.excerpt(text))' is not a column type; expected categorical, multi_categorical, numeric or indicator")
            }
            self = kind
        }
    }

    /// A numeric column's scaling: written value = (x − offset) × factor.
    public struct Scaling: Sendable, Equatable, Codable {
        public var method: String
        public var offset: Double
        public var factor: Double
        public init(method: String, offset: Double, factor: Double) {
            self.method = method
            self.offset = offset
            self.factor = factor
        }
    }

    public var name: String
    public var type: Kind
    /// Number of distinct ids (categorical columns): ids are `0..<cardinality`.
    public var cardinality: Int?
    /// What each id stands for (`values[id]`), when the ids code named values.
    public var values: [String]?
    /// Range of values (numeric columns), if known.
    public var minimum: Double?
    public var maximum: Double?
    /// For indicator columns: the source column and the value this column flags.
    public var source: String?
    public var value: String?
    public var scaling: Scaling?

    public static func categorical(_ name: String, cardinality: Int, values: [String]? = nil) -> ColumnSchema {
        ColumnSchema(name: name, type: .categorical, cardinality: cardinality, values: values)
    }

    public static func numeric(_ name: String, minimum: Double? = nil, maximum: Double? = nil) -> ColumnSchema {
        ColumnSchema(name: name, type: .numeric, minimum: minimum, maximum: maximum)
    }

    public init(name: String, type: Kind, cardinality: Int? = nil, values: [String]? = nil,
                minimum: Double? = nil, maximum: Double? = nil) {
        self.name = name
        self.type = type
        self.cardinality = cardinality
        self.values = values
        self.minimum = minimum
        self.maximum = maximum
    }
}
