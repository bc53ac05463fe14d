import Yams

/// A resolved recipe read back from JSON (the `recipe` of a dataset's `manifest.json`).
///
/// The JSON is turned into the YAML tree it is a subset of and read by the same strict reader
/// as a recipe file (``RecipeNode``), so a manifest's recipe is validated exactly like the
/// recipe it came from, and a problem names its key path. The source in messages is
/// `manifest.json`'s `recipe`; wrap the error with the file if you know it.
extension Recipe: Decodable {
    public init(from decoder: Decoder) throws {
        let tree = try RecipeJSON(from: decoder)
        try self.init(RecipeNode(node: tree.node, path: "", source: "manifest.json recipe"), fallbackName: "recipe")
    }
}

/// Any JSON value, as the YAML node a recipe file would hold for it: numbers and booleans as
/// plain scalars (read by the recipe's typed accessors), `null` as an absent value, strings
/// double-quoted (so that `""` or `"null"` stay text), lists and objects as sequences and mappings.
private struct RecipeJSON: Decodable {
    let node: Node

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            node = .mapping(Node.Mapping(try object.allKeys.map { key in
                (Node(key.stringValue), try object.decode(RecipeJSON.self, forKey: key).node)
            }))
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var items: [Node] = []
            while !list.isAtEnd { items.append(try list.decode(RecipeJSON.self).node) }
            node = .sequence(Node.Sequence(items))
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            node = Node("", Tag(.implicit), .plain)   // as an absent value is written in YAML
        } else if let bool = try? value.decode(Bool.self) {
            node = Node(bool ? "true" : "false")
        } else if let int = try? value.decode(Int.self) {
            node = Node(String(int))
        } else if let uint = try? value.decode(UInt64.self) {
            node = Node(String(uint))
        } else if let double = try? value.decode(Double.self) {
            node = Node(RecipeNode.format(double))
        } else {
            node = Node(try value.decode(String.self), Tag(.str), .doubleQuoted)
        }
    }
}
