import Testing
@testable import Detectors

@Suite struct IdListsTests {
    @Test func listsAreSlicesOfTheFlatIds() {
        // 2 rows × 2 attributes: [1], [2, 3] | [], [4]
        let lists = IdLists(rows: 2, attributes: 2, offsets: [0, 1, 3, 3, 4], ids: [1, 2, 3, 4])
        #expect(Array(lists.list(row: 0, attribute: 0)) == [1])
        #expect(Array(lists.list(row: 0, attribute: 1)) == [2, 3])
        #expect(lists.list(row: 1, attribute: 0).isEmpty)
        #expect(Array(lists.list(row: 1, attribute: 1)) == [4])
    }
}
