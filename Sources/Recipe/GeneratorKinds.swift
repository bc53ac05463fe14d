/// Every generator kind a recipe can name, listed explicitly (no registration side effects): the
/// one place a `generator.kind` is tied to its parameter type (the name is the type's
/// ``GeneratorParameters/kind``). Adding a generator: its `XSpec.swift` and one line here, its
/// generator and one line in `GeneratorRegistry` (Generators).
public enum GeneratorKinds {
    /// In the order error messages list them.
    public static let all: [any GeneratorParameters.Type] = [
        ZigzagSpec.self,
        TableSpec.self,
        BehaviourLogsSpec.self,
        SolarPVSpec.self,
        ECG5000Spec.self,
        ECGSyntheticSpec.self,
        SeriesFileSpec.self,
        ADBenchSpec.self,
    ]

    /// The kind names, in ``all``'s order.
    public static var names: [String] { all.map { $0.kind } }

    /// The parameter type of `kind`, or nil.
    public static func type(named kind: String) -> (any GeneratorParameters.Type)? {
        all.first { $0.kind == kind }
    }
}
