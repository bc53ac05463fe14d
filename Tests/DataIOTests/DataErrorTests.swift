import Testing
@testable import DataIO

@Suite struct DataErrorTests {
    @Test func descriptionNamesFileLineAndColumn() {
        #expect(DataError(.badRow, file: "s.csv", line: 3, column: 2, "bad").description == "s.csv:3:2: bad")
        #expect(DataError(.badRow, file: "s.csv", "bad").description == "s.csv: bad")
        #expect(DataError(.badRow, line: 3, "bad").description == "line 3: bad")
        #expect(DataError(.badRow, "bad").description == "bad")
    }

    @Test func anExcerptKeepsShortTextAndSaysHowLongLongTextIs() {
        #expect(DataError.excerpt("0.5x") == "0.5x")
        #expect(DataError.excerpt(String(repeating: "1", count: 60)) == String(repeating: "1", count: 60))
        #expect(DataError.excerpt(String(repeating: "1", count: 10_000)) == String(repeating: "1", count: 60) + "… (10000 characters)")
    }

    @Test func theCodeIsTypedAndKeepsItsString() {
        let error = DataError(.badHeader, file: "s.csv", "no id column")
        #expect(error.code == .badHeader && error.code.rawValue == "bad_header")
        #expect(error.code.category == .data && error.code.category.exitCode == 2)
    }
}
