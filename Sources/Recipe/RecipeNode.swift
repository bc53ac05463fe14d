import DataIO
import Yams

/// A strict, path-aware view of one node of a recipe's YAML tree.
///
/// Recipes are read through this rather than `Decodable`, because every problem must name its
/// key path and say what was expected: unknown keys (with a suggestion), wrong types and
/// out-of-range values are errors, absent keys take the documented default.
public struct RecipeNode {
    /// The YAML node, or nil when the key is absent.
    let node: Node?
    /// The dotted key path from the recipe root (`generator.noise.fraction`).
    public let path: String
    /// The recipe's name or file, for error messages.
    let source: String

    init(node: Node?, path: String, source: String) {
        self.node = node
        self.path = path
        self.source = source
    }

    var isAbsent: Bool {
        guard let node else { return true }
        if case .scalar(let s) = node, s.style == .plain, node.null != nil || s.string.isEmpty { return true }
        return false
    }

    func error(_ message: String) -> DataError { RecipeError.at(source, path, message) }

    /// This node as a mapping whose keys must all be in `allowed`.
    public func mapping(allowed: [String]) throws -> RecipeMapping {
        guard !isAbsent, let node else { return RecipeMapping(pairs: [:], path: path, source: source) }
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), got \(describe(node))")
        }
        var pairs: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error("keys must be text, got \(describe(key))") }
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            guard allowed.contains(name) else {
                let message = "unknown key\(Spelling.suggestion(for: name, in: allowed)); expected one of: \(allowed.joined(separator: ", "))"
                throw RecipeError.at(source, childPath, message)
            }
            if pairs[name] != nil { throw RecipeError.at(source, childPath, "the key appears twice") }
            pairs[name] = value
        }
        return RecipeMapping(pairs: pairs, path: path, source: source)
    }

    /// This node as a list (an absent node is an empty list).
    public func list() throws -> [RecipeNode] {
        guard !isAbsent, let node else { return [] }
        guard case .sequence(let sequence) = node else {
            throw error("expected a list, got \(describe(node))")
        }
        return sequence.enumerated().map { RecipeNode(node: $1, path: "\(path).\($0)", source: source) }
    }

    /// The scalar text, or an error if this is a mapping or list.
    func scalar() throws -> Node.Scalar {
        guard let node else { throw error("expected a single value, got nothing") }
        guard case .scalar(let scalar) = node else {
            throw error("expected a single value, got \(describe(node))")
        }
        return scalar
    }

    public func int(in range: ClosedRange<Int>? = nil) throws -> Int {
        let text = try scalar().string
        guard let value = Int(text.replacingUnderscores()) else {
            throw error("expected an integer, got '\(text)'")
        }
        if let range, !range.contains(value) {
            throw error("must be in [\(range.lowerBound), \(range.upperBound)], got \(value)")
        }
        return value
    }

    public func uint64() throws -> UInt64 {
        let text = try scalar().string
        guard let value = UInt64(text.replacingUnderscores()) else {
            throw error("expected an integer in [0, 18446744073709551615], got '\(text)'")
        }
        return value
    }

    public func double(in range: ClosedRange<Double>? = nil) throws -> Double {
        let text = try scalar().string
        guard let value = Double(text.replacingUnderscores()), value.isFinite else {
            throw error("expected a number, got '\(text)'")
        }
        if let range, !range.contains(value) {
            throw error("must be in [\(RecipeNode.format(range.lowerBound)), \(RecipeNode.format(range.upperBound))], got \(RecipeNode.format(value))")
        }
        return value
    }

    public func string(oneOf choices: [String]? = nil) throws -> String {
        let text = try scalar().string
        if let choices, !choices.contains(text) {
            throw error("expected one of \(choices.joined(separator: ", ")), got '\(text)'\(Spelling.suggestion(for: text, in: choices))")
        }
        return text
    }

    /// The scalar as a case of `Choice`, spelled by its raw value (the choices in declaration order).
    public func string<Choice: RawRepresentable & CaseIterable>(oneOf type: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        let text = try string(oneOf: names)
        guard let choice = Choice.allCases.first(where: { $0.rawValue == text }) else {
            throw error("expected one of \(names.joined(separator: ", ")), got '\(text)'")
        }
        return choice
    }

    public func bool() throws -> Bool {
        let text = try scalar().string
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got '\(text)'")
        }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// A recipe mapping whose keys were checked against an allowed list.
public struct RecipeMapping {
    let pairs: [String: Node]
    public let path: String
    let source: String

    /// The child at `key` (possibly absent).
    public subscript(_ key: String) -> RecipeNode {
        RecipeNode(node: pairs[key], path: path.isEmpty ? key : "\(path).\(key)", source: source)
    }

    public func has(_ key: String) -> Bool { !self[key].isAbsent }

    /// Reads `key` with `read`, or returns `fallback` when the key is absent.
    public func value<T>(_ key: String, default fallback: T, _ read: (RecipeNode) throws -> T) throws -> T {
        let child = self[key]
        return child.isAbsent ? fallback : try read(child)
    }

    /// An error located at `key`.
    public func error(_ key: String, _ message: String) -> DataError {
        RecipeError.at(source, path.isEmpty ? key : "\(path).\(key)", message)
    }
}

extension String {
    /// YAML allows `10_000_000`; so do recipes.
    func replacingUnderscores() -> String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
