import Testing
@testable import Generators

@Suite struct DeletedAttributeAnomalyTests {
    /// Deleted attributes appear as a new value `<deleted>` of some categorical column.
    @Test func addsTheValueDeleted() throws {
        let g = try AnomalyInjectionTests.everyKind()
        #expect(g.table.columns.contains { column in
            if case .categorical(_, let values) = column.data { return values.last == "<deleted>" }
            return false
        })
    }
}
