import Yams

/// A recipe number as written back out: YAML shows Swift's shortest round-trip form (`0.2`, not
/// Yams's default `2e-1`), JSON gets the plain number.
struct RecipeDouble: Encodable, YAMLEncodable {
    let value: Double

    init(_ value: Double) { self.value = value }

    func box() -> Node {
        Node(value.description, Tag(.float))
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}
