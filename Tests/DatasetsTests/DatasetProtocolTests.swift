import Foundation
import Testing
import TestSupport
@testable import Datasets

@Suite struct DatasetProtocolTests {
    static func folder() -> String {
        let folder = NSTemporaryDirectory() + "toolkit-protocol-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func readsTheEvaluationProtocolAndTheBlockSize() throws {
        let folder = Self.folder()
        try writeManifest(to: folder, columns: [.numeric("power")], blockSize: 100,
                          evaluation: "{cutoffs: [youden], blocks: true, series: {window: 12, values: power}}", recipeName: "zigzag")
        let found = DatasetProtocol.read(folder)
        #expect(found?.recipe == "zigzag" && found?.cutoffs == ["youden"] && found?.blocks == true)
        #expect(found?.series?.window == 12 && found?.series?.values == "power")
        #expect(DatasetProtocol.blockSize(folder) == 100)
    }

    @Test func missingPartsAreNil() throws {
        let none = Self.folder()
        try writeManifest(to: none, columns: [.numeric("x")])
        #expect(DatasetProtocol.read(none)?.series == nil && DatasetProtocol.blockSize(none) == nil)
        #expect(DatasetProtocol.read("/nonexistent") == nil && DatasetProtocol.blockSize("/nonexistent") == nil)
    }
}
