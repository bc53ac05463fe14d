import Foundation
import Testing
@testable import Datasets
import TestSupport

@Suite struct DatasetProtocolTests {
    static func folder(_ manifest: String) -> String {
        let folder = temporaryFolder(prefix: "toolkit-protocol-")
        try! manifest.write(toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func readsTheEvaluationProtocolAndTheBlockSize() {
        let folder = Self.folder("""
            {"recipe_name": "zigzag", "recipe": {"blocks": {"size": 100},
             "evaluation": {"cutoffs": ["youden"], "blocks": true, "series": {"window": 12, "values": "power"}}}}
            """)
        let found = DatasetProtocol.read(folder)
        #expect(found?.recipe == "zigzag" && found?.cutoffs == ["youden"] && found?.blocks == true)
        #expect(found?.series?.window == 12 && found?.series?.values == "power")
        #expect(DatasetProtocol.blockSize(folder) == 100)
    }

    @Test func missingPartsAreNil() {
        let none = Self.folder(#"{"recipe": {"blocks": {"size": 0}}}"#)
        #expect(DatasetProtocol.read(none) == nil && DatasetProtocol.blockSize(none) == nil)
        #expect(DatasetProtocol.read("/nonexistent") == nil && DatasetProtocol.blockSize("/nonexistent") == nil)
    }
}
