import DataIO
import Recipe

/// Every generator, by the parameter type it runs: the one place a recipe kind's parameters
/// (``GeneratorKinds`` in Recipe ties the name to them) are tied to the generator that makes
/// the rows. Explicit, no registration side effects: adding a generator means one line here.
public enum GeneratorRegistry {
    static let all: [Entry] = [
        Entry(ZigzagSpec.self) { spec, _ in ZigzagGenerator(spec: spec) },
        Entry(TableSpec.self) { spec, context in try TableGenerator(spec: spec, context: context) },
        Entry(BehaviourLogsSpec.self) { spec, _ in BehaviourLogsGenerator(spec: spec) },
        Entry(SolarPVSpec.self) { spec, _ in SolarPVGenerator(spec: spec) },
        Entry(ECG5000Spec.self) { spec, _ in try ECG5000Generator(spec: spec) },
        Entry(ECGSyntheticSpec.self) { spec, _ in ECGSyntheticGenerator(spec: spec) },
        Entry(SeriesFileSpec.self) { spec, _ in try SeriesFileGenerator(spec: spec) },
        Entry(ADBenchSpec.self) { spec, context in try ADBenchGenerator(spec: spec, context: context) },
    ]

    /// The generator for a recipe. Generators that read or synthesize a whole table first do so
    /// here (reading errors surface before any output is created).
    public static func generator(for spec: GeneratorSpec, context: GenerationContext) throws -> any Generator {
        for entry in all {
            if let generator = try entry.make(spec.parameters, context) { return generator }
        }
        throw DataError(.internal, "generator kind '\(spec.kind)' has no generator in GeneratorRegistry")
    }

    /// The kinds whose generator can write any shard of its rows alone (`--shard i/n`).
    public static var shardableKinds: [String] { all.filter(\.isShardable).map(\.kind) }

    /// One generator: its recipe kind, whether it shards, and how it is made from its parameters.
    struct Entry: Sendable {
        let kind: String
        let isShardable: Bool
        /// The generator, or nil when the parameters are another kind's.
        let make: @Sendable (any GeneratorParameters, GenerationContext) throws -> (any Generator)?

        init<Parameters: GeneratorParameters, Made: Generator & SendableMetatype>(
            _ parameters: Parameters.Type, _ make: @escaping @Sendable (Parameters, GenerationContext) throws -> Made
        ) {
            kind = Parameters.kind
            isShardable = Made.self is any ShardableGenerator.Type
            self.make = { given, context in
                guard let spec = given as? Parameters else { return nil }
                return try make(spec, context)
            }
        }
    }
}
