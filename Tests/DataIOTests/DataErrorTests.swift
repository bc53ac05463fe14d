import Testing
@testable import DataIO

@Suite struct DataErrorTests {
    @Test func descriptionNamesFileLineAndColumn() {
        #expect(DataError("x", file: "s.csv", line: 3, column: 2, "bad").description == "s.csv:3:2: bad")
        #expect(DataError("x", file: "s.csv", "bad").description == "s.csv: bad")
        #expect(DataError("x", line: 3, "bad").description == "line 3: bad")
        #expect(DataError("x", "bad").description == "bad")
    }
}
