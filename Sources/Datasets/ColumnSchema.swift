/// One feature column of a dataset, as the manifest describes it.
public struct ColumnSchema: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Encodable {
        /// One integer id per row.
        case categorical
        /// Several space-separated integer ids per row.
        case multiCategorical = "multi_categorical"
        /// A number per row.
        case numeric
    }

    public var name: String
    public var type: Kind
    /// Number of distinct ids (categorical columns): ids are `0..<cardinality`.
    public var cardinality: Int?
    /// Range of values (numeric columns), if known.
    public var minimum: Double?
    public var maximum: Double?

    public static func categorical(_ name: String, cardinality: Int) -> ColumnSchema {
        ColumnSchema(name: name, type: .categorical, cardinality: cardinality)
    }

    public init(name: String, type: Kind, cardinality: Int? = nil, minimum: Double? = nil, maximum: Double? = nil) {
        self.name = name
        self.type = type
        self.cardinality = cardinality
        self.minimum = minimum
        self.maximum = maximum
    }
}
