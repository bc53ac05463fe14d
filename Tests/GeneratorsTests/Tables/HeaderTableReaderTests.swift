import DataIO
import Testing
@testable import Generators
import TestSupport

/// Tables from a CSV file with a header (`dataset: csv` recipes).
@Suite struct HeaderTableReaderTests {
    @Test func readsCategoriesAndNumbers() throws {
        let (table, _) = try HeaderTableReader.read(fixture("tables/flowers.csv"), labelColumn: "species", categorical: ["colour"])
        #expect(table.columns.map(\.name) == ["sepal", "petal", "colour"])
        #expect(table.classValues == ["setosa", "versicolor", "virginica"])
        guard case .categorical(_, let values) = table.columns[2].data else { Issue.record("colour"); return }
        #expect(values == ["blue", "red"])
        #expect {
            _ = try HeaderTableReader.read(fixture("tables/flowers.csv"), labelColumn: "kind", categorical: [])
        } throws: { ($0 as? DataError)?.message.hasPrefix("no column named 'kind' (generator.source.label_column)") == true }
        #expect {
            _ = try HeaderTableReader.read(fixture("tables/flowers.csv"), labelColumn: "species", categorical: [])
        } throws: { ($0 as? DataError)?.message == "expected a number for colour, got 'blue'" || ($0 as? DataError)?.message == "expected a number for colour, got 'red'" }
    }
}
