/// A JSON value for the free-form parts of a manifest (generator parameters, anomaly kinds).
public enum JSONValue: Sendable, Equatable, Codable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let v): try c.encode(v)
        case .int(let v): try c.encode(v)
        case .double(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        case .array(let v): try c.encode(v)
        case .object(let v): try c.encode(v)
        }
    }

    /// Any JSON value but `null` (a manifest writes none). A number is an `int` when it is
    /// written as a whole number that fits, else a `double`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Bool.self) {
            self = .bool(v)
        } else if let v = try? c.decode(Int.self) {
            self = .int(v)
        } else if let v = try? c.decode(Double.self) {
            self = .double(v)
        } else if let v = try? c.decode(String.self) {
            self = .string(v)
        } else if let v = try? c.decode([JSONValue].self) {
            self = .array(v)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// The text when this is a string.
    public var string: String? { if case .string(let v) = self { v } else { nil } }
    /// The number when this is a whole number.
    public var int: Int? { if case .int(let v) = self { v } else { nil } }
    /// The value when this is an object.
    public subscript(key: String) -> JSONValue? { if case .object(let v) = self { v[key] } else { nil } }
}
