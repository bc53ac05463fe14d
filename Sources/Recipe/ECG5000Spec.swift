/// Parameters of the `ecg5000` generator: the UCR archive's ECG5000 heartbeats (140 samples
/// each), read from the user's copy of `ECG5000_TRAIN` and `ECG5000_TEST`.
///
///     generator:
///       kind: ecg5000
///       source: ~               # a folder holding ECG5000_TRAIN and ECG5000_TEST (with or
///                               # without .txt/.tsv), or the path of either file; absent =
///                               # the ecg_synthetic look-alike (source: synthetic-lookalike)
///       normal_classes: [1]     # the other classes (2-5) are anomalies
public struct ECG5000Spec: GeneratorParameters, Equatable {
    public static let kind = "ecg5000"
    public static let sourceKey: String? = "generator.source"

    public var source: String?
    public var normalClasses: [Int]

    public init(source: String?, normalClasses: [Int]) {
        self.source = source
        self.normalClasses = normalClasses
    }

    public init(_ node: RecipeNode) throws {
        let m = try node.mapping(allowed: ["kind", "source", "normal_classes"])
        source = try m.value("source", default: nil) { try $0.string() }
        normalClasses = try m.value("normal_classes", default: [1]) { try $0.list().map { try $0.int(in: 1...5) } }
        if normalClasses.isEmpty { throw m.error("normal_classes", "must list at least one class") }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(source, forKey: .source)
        try c.encode(normalClasses, forKey: .normal_classes)
    }

    private enum Keys: String, CodingKey { case kind, source, normal_classes }
}
