import Recipe
import Testing
@testable import Generators

@Suite struct InjectedAnomalyRegistryTests {
    /// Every recipe kind has its own injector, whose columns match the kind's documentation:
    /// the ADBench kinds change numeric columns (dependency any), the others categorical ones.
    @Test func everyKindHasItsOwnInjector() {
        let columns = TableSpec.InjectedKind.allCases.map { kind -> String in
            switch InjectedAnomalyRegistry.anomaly(for: kind).columns {
            case .numeric: return "numeric"
            case .categorical: return "categorical"
            case .any: return "any"
            }
        }
        #expect(columns == ["numeric", "numeric", "numeric", "any", "categorical", "categorical", "categorical"])
        let types = TableSpec.InjectedKind.allCases.map { ObjectIdentifier(InjectedAnomalyRegistry.anomaly(for: $0)) }
        #expect(Set(types).count == TableSpec.InjectedKind.allCases.count)
        #expect(Set(TableSpec.InjectedKind.allCases.map(InjectedAnomalyRegistry.definition)).count == types.count)
    }
}
