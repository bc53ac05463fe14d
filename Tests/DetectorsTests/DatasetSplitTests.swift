import DataIO
import Testing
@testable import Detectors

@Suite struct DatasetSplitTests {
    @Test func readsColumnsByKind() throws {
        let folder = smallDataset()
        let test = try DatasetSplit.read(folder, split: "test")
        #expect(test.rowCount == 20)
        #expect(test.columns.map(\.kind) == [.numeric, .numeric, .categorical, .multiCategorical])
        #expect(test.ids.last == "59")
        #expect(test.numbers[0][18] == 40)
        #expect(test.lists[3][18] == [0, 0, 0, 0])
        #expect(test.lists[3][19] == [])
    }

    @Test func missingSplitAndManifestAreUsageErrors() {
        let folder = smallDataset()
        #expect(throws: DataError.self) { try DatasetSplit.read(folder, split: "validation") }
        #expect(throws: DataError.self) { try DatasetSplit.read(folder + "/nope", split: "test") }
    }
}
