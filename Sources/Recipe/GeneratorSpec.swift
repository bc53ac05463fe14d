/// The generator and its parameters, chosen by `generator.kind` among ``GeneratorKinds/all``.
///
/// Encodes as its parameters do (`kind` first, then the kind's keys), so resolved recipes and
/// manifests read the same whatever the kind.
public struct GeneratorSpec: Sendable, Equatable, Encodable {
    /// The parameters of the chosen kind (a ``ZigzagSpec``, ``TableSpec``, ...).
    public let parameters: any GeneratorParameters

    public init(_ parameters: any GeneratorParameters) {
        self.parameters = parameters
    }

    /// The recipe's `generator.kind`.
    public var kind: String { type(of: parameters).kind }

    /// These parameters as `type`, or nil when the recipe is of another kind.
    public func parameters<Parameters: GeneratorParameters>(as type: Parameters.Type) -> Parameters? {
        parameters as? Parameters
    }

    /// How a series generator's datasets are evaluated as time series by default (nil: they
    /// are not series).
    public var defaultSeriesEvaluation: EvaluationSpec.SeriesSpec? { parameters.defaultSeriesEvaluation }

    /// Every generator kind this toolkit knows, in ``GeneratorKinds/all``'s order.
    public static var kinds: [String] { GeneratorKinds.names }

    init(_ node: RecipeNode) throws {
        // Peek at the kind first, then let that generator check the rest of the keys.
        guard case .mapping(let mapping)? = node.node else {
            throw node.error("expected a mapping with a 'kind' key")
        }
        let kindNode = RecipeNode(node: mapping["kind"], path: node.path + ".kind", source: node.source)
        if kindNode.isAbsent { throw kindNode.error("is required (one of: \(GeneratorSpec.kinds.joined(separator: ", ")))") }
        let kind = try kindNode.string(oneOf: GeneratorSpec.kinds)
        // `string(oneOf:)` returns only a listed kind, so the look-up cannot fail.
        guard let parameters = GeneratorKinds.type(named: kind) else { throw kindNode.error("'\(kind)' is not a generator kind") }
        self.parameters = try parameters.init(node)
    }

    public static func == (lhs: GeneratorSpec, rhs: GeneratorSpec) -> Bool {
        lhs.parameters.isEqual(to: rhs.parameters)
    }

    public func encode(to encoder: Encoder) throws {
        try parameters.encode(to: encoder)
    }
}
