import DataIO
import Foundation
import Testing
import TestSupport
@testable import Datasets

@Suite struct DatasetSplitTests {
    @Test func readsColumnsByKind() throws {
        let folder = smallDataset()
        let test = try DatasetSplit.read(folder, split: "test")
        #expect(test.rowCount == 20)
        #expect(test.columns.map(\.type) == [.numeric, .numeric, .categorical, .multiCategorical])
        #expect(test.ids.last == "59")
        #expect(test.numbers[0][18] == 40)
        #expect(test.lists[3][18] == [0, 0, 0, 0])
        #expect(test.lists[3][19] == [])
    }

    /// An edited manifest that claims far more rows than the file holds (200 million here, within
    /// the decoder's range) once had them preallocated, which failed; the file is read as it is.
    @Test func aClaimedRowCountBeyondTheFileIsNotPreallocated() throws {
        let folder = smallDataset()
        try writeManifest(to: folder, columns: [.numeric("a"), .numeric("b"), .categorical("c", cardinality: 3),
                                                ColumnSchema(name: "m", type: .multiCategorical, cardinality: 4)],
                          rows: ["train": 200_000_000, "test": 20])
        #expect(try DatasetSplit.read(folder, split: "train").rowCount == 40)
        try writeManifest(to: folder, columns: [.numeric("a"), .numeric("b")], rows: ["train": 200_000_000])
        var numbers = "id,a,b\n"
        for i in 0..<30 { numbers += "\(i),\(i),\(2 * i)\n" }
        try numbers.write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
        #expect(try DatasetSplit.readMatrix(Datasets.DatasetFolder(folder), split: "train") == nil)
        #expect(try DatasetSplit.read(folder, split: "train").rowCount == 30)
    }

    /// The files an output may not replace: the manifest's and the manifest itself, not scores
    /// written beside them.
    @Test func ownFilesAreTheManifestsFiles() throws {
        let folder = temporaryFolder(prefix: "toolkit-own-")
        try writeManifest(to: folder, columns: [.numeric("a")], rows: ["train": 1])
        try "x".write(toFile: folder + "/scores.csv", atomically: false, encoding: .utf8)
        let own = DatasetFolder.ownFiles(of: folder)
        #expect(own == [folder + "/manifest.json"])
        #expect(own.contains { FileSystem.samePath($0, folder + "/./manifest.json") })
        #expect(!own.contains { FileSystem.samePath($0, folder + "/scores.csv") || FileSystem.samePath($0, folder + "/new.csv") })
    }

    @Test func missingSplitAndManifestAreUsageErrors() {
        let folder = smallDataset()
        #expect(throws: DataError.self) { try DatasetSplit.read(folder, split: "validation") }
        #expect(throws: DataError.self) { try DatasetSplit.read(folder + "/nope", split: "test") }
    }

    /// Issue 19: ids that are not ids (huge, negative, fractional, beyond the cardinality) once
    /// crashed `detect` or were silently accepted; now each is an error naming file, line, column.
    @Test(arguments: [
        ("58,40,-30,1e19,0", "test.csv:20:4: column 'c': '1e19' is not an id in 0..2 (cardinality 3 in manifest.json)"),
        ("58,40,-30,-1e30,0", "column 'c': '-1e30' is not an id in 0..2"),
        ("58,40,-30,1.5,0", "column 'c': '1.5' is not an id in 0..2"),
        ("58,40,-30,3,0", "column 'c': '3' is not an id in 0..2"),
        ("58,40,-30,1,99999999999999999999", "test.csv:20:5: column 'm': '99999999999999999999' is not an id in 0..3"),
        ("58,40,-30,1,0 4", "column 'm': '4' is not an id in 0..3"),
        ("58,40,-30,1,0 -1", "column 'm': expected space-separated ids (whole numbers from 0), found '0 -1'"),
        ("58,40,-30,1,0 \u{1B}[2J", "found '0 \\u{1B}[2J'"),
    ])
    func idsThatAreNotIdsAreErrors(row: String, message: String) throws {
        let folder = smallDataset()
        var test = try String(contentsOfFile: folder + "/test.csv", encoding: .utf8)
        test = test.replacingOccurrences(of: "58,40,-30,1,0 0 0 0", with: row)
        try test.write(toFile: folder + "/test.csv", atomically: false, encoding: .utf8)
        let error = #expect(throws: DataError.self) { try DatasetSplit.read(folder, split: "test") }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func aCardinalityBelowOneIsAManifestError() throws {
        let folder = smallDataset()
        var manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        manifest = manifest.replacingOccurrences(of: "\"cardinality\" : 4", with: "\"cardinality\" : 0")
        try manifest.write(toFile: folder + "/manifest.json", atomically: false, encoding: .utf8)
        let error = #expect(throws: DataError.self) { try DatasetSplit.read(folder, split: "train") }
        #expect(error?.message == "columns[3] ('m'): cardinality 0; expected at least 1")
    }
}
