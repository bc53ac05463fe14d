/// One entry of a recipe's list of kinds with weights (`- {kind: random_ids, weight: 1}`): which
/// kind, and its share of an exact total (generators apportion counts by largest remainder).
public struct WeightedKind<Kind>: Sendable, Equatable, Encodable
where Kind: RawRepresentable & CaseIterable & Hashable & Sendable & Encodable, Kind.RawValue == String {
    public var kind: Kind
    public var weight: Double

    public init(kind: Kind, weight: Double) {
        self.kind = kind
        self.weight = weight
    }

    /// Reads a list of `{kind, weight}` mappings: every kind known, weight positive (default 1),
    /// no kind twice.
    static func list(_ node: RecipeNode) throws -> [WeightedKind<Kind>] {
        let names = Kind.allCases.map(\.rawValue)
        var seen = Set<Kind>()
        return try node.list().map { item in
            let k = try item.mapping(allowed: ["kind", "weight"])
            guard k.has("kind") else { throw k.error("kind", "is required (one of: \(names.joined(separator: ", ")))") }
            let kind = try k["kind"].string(oneOf: Kind.self)
            let weight = try k.value("weight", default: 1.0) { try $0.double(in: 0...1e12) }
            if weight <= 0 { throw k.error("weight", "must be positive, got \(weight)") }
            if !seen.insert(kind).inserted { throw k.error("kind", "'\(kind.rawValue)' is listed twice") }
            return WeightedKind(kind: kind, weight: weight)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(RecipeDouble(weight), forKey: .weight)
    }

    private enum Keys: String, CodingKey { case kind, weight }
}
