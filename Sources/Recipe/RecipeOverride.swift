import DataIO
import Yams

/// One `--set key.path=value` override. The value is read as YAML, so `0.2` is a number,
/// `[1, -1]` a list and `random_walk: {start: 1}` a mapping. A numeric path segment indexes a
/// list (`generator.anomalies.kinds.0.weight=3`). Missing mappings along the path are created;
/// whether the key is allowed is checked when the recipe is read, like any other key.
public struct RecipeOverride: Sendable, Equatable {
    public let path: [String]
    public let valueText: String

    /// Parses `key.path=value`.
    public init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "=") else {
            throw DataError(.badOverride, "--set \(text): expected key.path=value")
        }
        let key = text[..<equals].trimmingCharacters(in: " ")
        let segments = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, !segments.contains(where: \.isEmpty) else {
            throw DataError(.badOverride, "--set \(text): the key path '\(key)' is malformed (expected names separated by dots)")
        }
        path = segments
        valueText = String(text[text.index(after: equals)...])
    }

    /// Applies the override to `root`.
    func apply(to root: Node) throws -> Node {
        let value: Node
        do {
            value = try Yams.compose(yaml: valueText) ?? Node("", Tag(.null))
        } catch {
            throw DataError(.badOverride, "--set \(path.joined(separator: ".")): the value '\(valueText)' is not valid YAML")
        }
        return try set(value, in: root, at: path[...], traversed: [])
    }

    private func set(_ value: Node, in node: Node, at remaining: ArraySlice<String>, traversed: [String]) throws -> Node {
        guard let head = remaining.first else { return value }
        let here = traversed + [head]
        switch node {
        case .sequence(var sequence):
            guard let index = Int(head), index >= 0, index < sequence.count else {
                throw DataError(.badOverride, "--set \(path.joined(separator: ".")): \(here.joined(separator: ".")) is not an index of a list with \(sequence.count) items")
            }
            sequence[index] = try set(value, in: sequence[index], at: remaining.dropFirst(), traversed: here)
            return .sequence(sequence)
        case .mapping(var mapping):
            let child = mapping[head] ?? Node([(Node, Node)]())
            mapping[head] = try set(value, in: child, at: remaining.dropFirst(), traversed: here)
            return .mapping(mapping)
        default:
            if case .scalar(let s) = node, s.string.isEmpty || node.null != nil {
                // An empty value becomes a mapping.
                return try set(value, in: Node([(Node, Node)]()), at: remaining, traversed: traversed)
            }
            throw DataError(.badOverride, "--set \(path.joined(separator: ".")): \(traversed.joined(separator: ".")) is a single value, not a mapping")
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
