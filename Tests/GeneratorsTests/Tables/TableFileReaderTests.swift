import DataIO
import Datasets
import Testing
@testable import Generators
import TestSupport

@Suite struct TableFileReaderTests {
    @Test func readsALayoutWithDeclaredValues() throws {
        let (table, provenance) = try TableFileReader.read(fixture("tables/connect4-sample.data"), schema: ConnectFour.schema)
        #expect(table.rowCount == 30)
        #expect(table.columns.count == 42)
        #expect(table.columns[0].name == "a1" && table.columns[41].name == "g6")
        #expect(table.classValues == ["win", "loss", "draw"])
        #expect(!provenance.isKnownOriginal)
        #expect(provenance.fileName == "connect4-sample.data")
        #expect(table.sourceLines?.first == 1)
    }

    struct Case: Sendable, CustomStringConvertible {
        let file: String, code: DataError.Code, line: Int?, column: Int?, message: String
        var description: String { file }
    }

    static let badCases: [Case] = [
        Case(file: "wrong-columns.data", code: .badRow, line: 3, column: nil,
             message: "expected 43 comma-separated fields (the UCI Connect-4 (connect-4.data) layout), found 41"),
        Case(file: "unknown-class.data", code: .badClass, line: 2, column: 43,
             message: "unknown class 'tie'; expected one of win, loss, draw"),
        Case(file: "unknown-value.data", code: .badValue, line: 4, column: 5,
             message: "unknown value 'z' for a5; expected one of x, o, b"),
        Case(file: "empty.data", code: .emptyFile, line: nil, column: nil,
             message: "the file has no rows (expected the UCI Connect-4 (connect-4.data))"),
        Case(file: "semicolons.data", code: .badRow, line: 1, column: nil,
             message: "found 1; the file does not look comma-separated"),
        Case(file: "truncated.data.gz", code: .truncatedInput, line: nil, column: nil,
             message: "the file is truncated or corrupt"),
        Case(file: "not-compress.data.Z", code: .notCompressed, line: nil, column: nil,
             message: "the name ends in .Z but the content is not unix compress data"),
    ]

    @Test(arguments: badCases)
    func badConnectFourInputs(c: Case) {
        let path = fixture("tables/bad/" + c.file)
        #expect {
            _ = try TableFileReader.read(path, schema: ConnectFour.schema)
        } throws: { error in
            guard let e = error as? DataError else { return false }
            return e.code == c.code && e.file == path && e.line == c.line && e.column == c.column && e.message.contains(c.message)
        }
    }

    @Test func badNumberNamesLineColumnAndFeature() {
        let path = fixture("tables/bad/bad-number.data")
        #expect {
            _ = try TableFileReader.read(path, schema: KDDCup99.schema)
        } throws: { error in
            (error as? DataError)?.description == "\(path):3:5: expected a number for src_bytes, got 'abc'"
        }
    }
}
