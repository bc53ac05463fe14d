import Recipe
/// Every injected anomaly kind, by the recipe's name for it: one line per kind. Explicit, no
/// registration side effects. The switch is exhaustive, so a new ``TableSpec/InjectedKind``
/// case does not build until its kind file is listed here.
enum InjectedAnomalyRegistry {
    static func anomaly(for kind: TableSpec.InjectedKind) -> any InjectedAnomaly.Type {
        switch kind {
        case .global: GlobalAnomaly.self
        case .local: LocalAnomaly.self
        case .clustered: ClusteredAnomaly.self
        case .dependency: DependencyAnomaly.self
        case .randomValue: RandomValueAnomaly.self
        case .swappedAttribute: SwappedAttributeAnomaly.self
        case .deletedAttribute: DeletedAttributeAnomaly.self
        }
    }

    /// One line per kind, for the manifest.
    static func definition(_ kind: TableSpec.InjectedKind) -> String { anomaly(for: kind).definition }
}
