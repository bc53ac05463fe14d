/// Parameters of the `adbench` generator: one of ADBench's classical tabular datasets (Han et
/// al., NeurIPS 2022), read from its `.npz` file (`X`: n × d, `y`: n, 1 = anomaly).
///
///     generator:
///       kind: adbench
///       source: ~             # the .npz file (e.g. 4_breastw.npz); required
///       test_fraction: 0.3    # ADBench's split: 30 % test, stratified by label
public struct ADBenchSpec: GeneratorParameters, Equatable {
    public static let kind = "adbench"
    public static let sourceKey: String? = "generator.source"

    public var source: String?
    public var testFraction: Double

    public init(source: String?, testFraction: Double = 0.3) {
        self.source = source
        self.testFraction = testFraction
    }

    public init(_ node: RecipeNode) throws {
        let m = try node.mapping(allowed: ["kind", "source", "test_fraction"])
        source = try m.value("source", default: nil) { try $0.string() }
        testFraction = try m.value("test_fraction", default: 0.3) { try $0.double(in: 0.01...0.99) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(source, forKey: .source)
        try c.encode(RecipeDouble(testFraction), forKey: .test_fraction)
    }

    private enum Keys: String, CodingKey { case kind, source, test_fraction }
}
