/// The parameters of one generator kind (`ZigzagSpec`, `TableSpec`, ...): what a recipe's
/// `generator:` mapping holds once read and validated, every default filled in.
///
/// A conforming type names its kind once (``kind``), reads its keys with key-path errors
/// (``init(_:)``, the `kind` key already checked) and encodes itself, `kind` first, for the
/// resolved recipe in `toolkit recipes show` and in every manifest. ``GeneratorKinds/all`` lists
/// the types; the generator that runs them is tied to each in `GeneratorRegistry` (Generators).
public protocol GeneratorParameters: Sendable, Encodable {
    /// The recipe's `generator.kind` for these parameters, e.g. `zigzag`.
    static var kind: String { get }
    /// The recipe key a `toolkit generate --source FILE` sets, or nil when the generator reads no
    /// file (`generator.source.file` for tables, `generator.source` for the series files).
    static var sourceKey: String? { get }
    /// Reads the `generator:` mapping (its `kind` is this type's).
    init(_ node: RecipeNode) throws
    /// How this generator's datasets are evaluated as time series by default (nil: they are not
    /// series).
    var defaultSeriesEvaluation: EvaluationSpec.SeriesSpec? { get }
    /// Whether `other` holds the same parameters (for ``GeneratorSpec``'s `Equatable`).
    func isEqual(to other: any GeneratorParameters) -> Bool
}

extension GeneratorParameters {
    public static var sourceKey: String? { nil }
    public var defaultSeriesEvaluation: EvaluationSpec.SeriesSpec? { nil }
}

extension GeneratorParameters where Self: Equatable {
    public func isEqual(to other: any GeneratorParameters) -> Bool {
        (other as? Self) == self
    }
}
