import Testing
@testable import DataIO
import TestSupport

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsIt() throws {
        let path = temporaryFolder() + "/out.csv"
        let file = try OutputFile(path: path)
        let writer = CSVWriter(file: file)
        try writer.writeRecord(["plain", "with,comma", "say \"hi\"", " padded", "line\nbreak", ""])
        try writer.writeField(-42); try writer.writeField(Int.min); try writer.endRecord()
        try file.finish()
        let text = try FileSystem.readText(path)
        #expect(text == "plain,\"with,comma\",\"say \"\"hi\"\"\",\" padded\",\"line\nbreak\",\n-42,-9223372036854775808\n")
        // And it reads back to the same fields.
        var fields: [[String]] = []
        try CSVReader(path: path).forEachRecord { r in fields.append((0..<r.count).map { r.string($0) }) }
        #expect(fields[0] == ["plain", "with,comma", "say \"hi\"", " padded", "line\nbreak", ""])
    }
}
