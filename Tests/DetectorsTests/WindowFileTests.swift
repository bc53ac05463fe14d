import DataIO
import Foundation
import Testing
import TestSupport
@testable import Datasets
@testable import Detectors

@Suite struct WindowFileTests {
    /// The `DataError` `body` throws, or nil.
    static func error(_ body: () throws -> Void) -> DataError? {
        do { try body() } catch let error as DataError { return error } catch { Issue.record("\(error)") }
        return nil
    }

    static func file(_ text: String) -> String {
        let path = temporaryPath(prefix: "toolkit-windows-", suffix: ".csv")
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func readsTheWindowsOfOneSplitWithTheirLabelsAndLines() throws {
        let path = Self.file("window,split,first_id,last_id,label,kind\n0,train,a,b,0,\n0,test,c,d,1,spike\n1,test,e,f,0,\n")
        let test = try WindowFile.read(path: path, split: "test")
        #expect(test.windows == ["0", "1"] && test.firstIds == ["c", "e"] && test.lastIds == ["d", "f"])
        #expect(test.labels == [true, false] && test.lines == [3, 4])
        #expect(test.firstIdColumn == 3 && test.lastIdColumn == 4)
        #expect(try WindowFile.read(path: path, split: "train").count == 1)
    }

    @Test func aFileWithoutLabelsHasNone() throws {
        let path = Self.file("first_id,last_id,window,split\n1,2,0,test\n")
        let windows = try WindowFile.read(path: path, split: "test")
        #expect(windows.labels == nil && windows.firstIds == ["1"] && windows.windows == ["0"])
    }

    @Test func badFilesAreErrorsNamingTheLine() {
        let header = "window,split,first_id,last_id,label,kind\n"
        let cases: [(String, Int?, String)] = [
            ("window,split,first,last\n0,test,1,2\n", 1, "expected 'window', 'split', 'first_id' and 'last_id' columns"),
            (header + "0,test,1,2,0\n", 2, "expected 6 fields, found 5"),
            (header + "0,test,,2,0,\n", 2, "the first_id is empty"),
            (header + "0,test,1,2,yes,\n", 2, "the label 'yes' is not 0 or 1"),
            (header + "0,test,1,2,0,\n0,test,3,4,0,\n", 3, "window '0' of split 'test' is also on line 2"),
            (header + "0,train,1,2,0,\n", nil, "no windows of split 'test'"),
            ("", nil, "the file is empty"),
        ]
        for (text, line, message) in cases {
            let path = Self.file(text)
            let error = Self.error { _ = try WindowFile.read(path: path, split: "test") }
            #expect(error?.file == path && error?.line == line, "\(message)")
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error") ≠ \(message)")
        }
    }

    @Test func aDatasetFolderWithoutWindowsIsAUsageError() {
        let error = Self.error { _ = try WindowFile.read(DatasetFolder(smallDataset()), split: "test") }
        #expect(error?.code == .usage && error?.message.contains("no windows.csv") == true)
    }

    @Test func theFileIsCheckedAgainstTheManifestUnlessTold() throws {
        let folder = sequenceDataset()
        var manifest = try #require(try DatasetFolder(folder).manifest)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/windows.csv")[.size] as? Int)
        manifest.files["windows.csv"] = .init(sha256: String(repeating: "0", count: 64), bytes: size)
        try manifest.jsonText().write(toFile: folder + "/manifest.json", atomically: false, encoding: .utf8)
        #expect(Self.error { _ = try WindowFile.read(DatasetFolder(folder), split: "test") }?.code == .checksumMismatch)
        #expect(try WindowFile.read(DatasetFolder(folder), split: "test", verify: false).count == 11)
    }
}
