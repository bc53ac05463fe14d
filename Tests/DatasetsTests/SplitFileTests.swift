import DataIO
import Foundation
import Testing
import TestSupport
@testable import Datasets

@Suite struct SplitFileTests {
    static let columns = [
        ColumnSchema(name: "a", type: .numeric, cardinality: nil),
        ColumnSchema(name: "c", type: .categorical, cardinality: 7),
        ColumnSchema(name: "m", type: .multiCategorical, cardinality: 50),
        ColumnSchema(name: "b", type: .indicator, cardinality: nil),
    ]

    /// A split file of `rows` rows (about 35 bytes each, so 200,000 rows pass the 4 MiB at which
    /// a plain file is read in two halves), fields in another order than the manifest's.
    static func file(rows: Int, edit: (inout [String]) -> Void = { _ in }) throws -> String {
        var lines = ["m,id,b,a,c"]
        for i in 0..<rows {
            let list = (0..<(i % 4)).map { String((i * 7 + $0 * 13) % 50) }.joined(separator: " ")
            lines.append("\(list),row-\(i),\(i % 2),\(Double(i) * 0.125 - 3.5),\(i % 7)")
        }
        edit(&lines)
        let path = temporaryPath(prefix: "toolkit-splitfile-", suffix: ".csv")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func givesUp(_ path: String, rows: Int) -> Bool {
        SplitFile(path: path, columns: columns).readIntoColumns(rows: rows) == nil
    }

    /// Two halves on two threads read exactly what one pass reads.
    @Test func twoHalvesReadWhatOnePassReads() throws {
        let path = try Self.file(rows: 200_000)
        let file = SplitFile(path: path, columns: Self.columns)
        #expect(CSVReader(path: path).splitPoints(parts: 2) != nil)
        let reference = try file.readAppending()
        #expect(reference.ids.count == 200_000 && reference.ids[199_999] == "row-199999")
        #expect(reference.numbers[0][8] == -2.5 && reference.numbers[1][8] == 1 && reference.lists[2][3] == [21, 34, 47])
        let fast = try #require(file.readIntoColumns(rows: 200_000))
        let same = fast == reference
        #expect(same, "the halves read other values than one pass")
        // A small file: one pass, still into the columns.
        let small = SplitFile(path: try Self.file(rows: 100), columns: Self.columns)
        let smallSame = try small.readIntoColumns(rows: 100) == small.readAppending()
        #expect(smallSame)
    }

    /// Whatever the halves cannot be sure of gives nil (the reader then reads in one pass).
    @Test func givesUpRatherThanGuess() throws {
        let columns = Self.columns
        // The manifest's count is not the file's.
        let path = try Self.file(rows: 200_000)
        #expect(Self.givesUp(path, rows: 199_999))
        #expect(Self.givesUp(path, rows: 200_001))
        // A blank line in the first half (libcsv skips it: the second half's rows would move).
        let blank = try Self.file(rows: 200_000) { $0.insert("", at: 10) }
        #expect(Self.givesUp(blank, rows: 200_000))
        #expect(try SplitFile(path: blank, columns: columns).readAppending().ids.count == 200_000)
        // A quoted field before the cut (a quoted line break could hide there).
        let quoted = try Self.file(rows: 200_000) { $0[5] = "\"1 2\",row-4,0,-3,4" }
        #expect(Self.givesUp(quoted, rows: 200_000))
        // A bad value in the second half: nil here; the one-pass read names its true line.
        let bad = try Self.file(rows: 200_000) { $0[190_001] = "1,row-x,0,oops,3" }
        #expect(Self.givesUp(bad, rows: 200_000))
        let error = #expect(throws: DataError.self) { try SplitFile(path: bad, columns: columns).readAppending() }
        #expect(error?.description.contains(":190002:4: column 'a': 'oops' is not a number") == true, "\(error?.description ?? "")")
    }

    /// `DatasetSplit.read` takes the manifest's count and gives the same split either way.
    @Test func datasetSplitReadsWithAndWithoutTheManifestsCount() throws {
        let folder = temporaryPath(prefix: "toolkit-splitfile-")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: try Self.file(rows: 200_000), toPath: folder + "/test.csv")
        try writeManifest(to: folder, columns: Self.columns)
        let appending = try DatasetSplit.read(folder, split: "test")
        try writeManifest(to: folder, columns: Self.columns, rows: ["test": 200_000])
        #expect(try DatasetFolder(folder).rows(in: "test") == 200_000)
        let counted = try DatasetSplit.read(folder, split: "test")
        #expect(counted.ids == appending.ids && counted.numbers == appending.numbers && counted.lists == appending.lists)
    }
}
