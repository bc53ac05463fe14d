import Datasets
import Testing
@testable import Generators

@Suite struct GlobalAnomalyTests {
    /// Global anomalies stay within the training range widened by 10% per side.
    @Test func valuesStayWithinTheWidenedTrainingRange() throws {
        let g = try AnomalyInjectionTests.everyKind()
        let train = g.plan.destination.indices.filter { g.plan.destination[$0] == .train && !g.plan.isAnomaly[$0] }
        let column = try #require(g.table.columns.first { $0.name == "src_bytes" })
        guard case .numeric(let bytes) = column.data else { Issue.record("src_bytes is not numeric"); return }
        let stats = ColumnStatistics(train.map { bytes[$0] })
        var checked = 0
        for (row, kind) in g.injectedKinds where kind == "global" {
            #expect(bytes[row] >= stats.minimum - 0.1 * (stats.maximum - stats.minimum) - 1e-9)
            #expect(bytes[row] <= stats.maximum + 0.1 * (stats.maximum - stats.minimum) + 1e-9)
            checked += 1
        }
        #expect(checked == 100)
    }
}
