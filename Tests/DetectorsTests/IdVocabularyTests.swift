import DataIO
import Testing
@testable import Datasets
@testable import Detectors

@Suite struct IdVocabularyTests {
    /// Two attributes: a categorical column and a multi-valued one.
    static func split(_ name: String = "train", categorical: [Double], lists: [[Int]]) -> DatasetSplit {
        DatasetSplit(split: name, ids: categorical.indices.map(String.init),
                     columns: [ColumnSchema(name: "c", type: .categorical, cardinality: nil),
                               ColumnSchema(name: "m", type: .multiCategorical, cardinality: nil)],
                     numbers: [categorical, []], lists: [[], lists])
    }

    /// Per attribute, ids are numbered from 1 in order of first use; the same value in two
    /// attributes is two ids; an unseen value maps to its attribute's own unseen index.
    @Test func numbersIdsPerAttributeInOrderOfFirstUse() throws {
        let train = Self.split(categorical: [5, 7, 5], lists: [[5, 9], [], [9, 9, 2]])
        let vocabulary = try IdVocabulary(train: train, shared: false, detector: "t")
        #expect(vocabulary.seenCount == 5)   // c:5 c:7 m:5 m:9 m:2
        #expect(vocabulary.size == 1 + 5 + 2)
        let lists = try vocabulary.encode(train)
        #expect(lists.rows == 3 && lists.attributes == 2)
        // Row 0: c 5 → 1, m [5, 9] → [2, 3]; row 1: c 7 → 4, m [] ; row 2: c 5 → 1, m [9, 9, 2] → [3, 3, 5].
        #expect(Array(lists.list(row: 0, attribute: 0)) == [1] && Array(lists.list(row: 0, attribute: 1)) == [2, 3])
        #expect(Array(lists.list(row: 1, attribute: 0)) == [4] && lists.list(row: 1, attribute: 1).isEmpty)
        #expect(Array(lists.list(row: 2, attribute: 1)) == [3, 3, 5])
        let test = try vocabulary.encode(Self.split("test", categorical: [8], lists: [[7, 2]]))
        #expect(Array(test.list(row: 0, attribute: 0)) == [6])      // c's unseen index
        #expect(Array(test.list(row: 0, attribute: 1)) == [7, 5])   // m's unseen index, then m:2
    }

    @Test func sharedIdsAreOneVocabulary() throws {
        let train = Self.split(categorical: [5, 7], lists: [[5, 9], [7]])
        let vocabulary = try IdVocabulary(train: train, shared: true, detector: "t")
        #expect(vocabulary.seenCount == 3)   // 5, 9, 7
        let lists = try vocabulary.encode(train)
        #expect(Array(lists.list(row: 0, attribute: 0)) == Array(lists.list(row: 0, attribute: 1).prefix(1)))
        #expect(Array(lists.list(row: 1, attribute: 0)) == Array(lists.list(row: 1, attribute: 1)))
    }

    @Test func numericColumnsAndOtherColumnsAreErrors() throws {
        let numeric = DatasetSplit(split: "train", ids: ["0"], columns: [ColumnSchema(name: "x", type: .numeric, cardinality: nil)],
                                   numbers: [[1.5]], lists: [[]])
        #expect(throws: DataError.self) { try IdVocabulary(train: numeric, shared: false, detector: "amad") }
        do {
            _ = try IdVocabulary(train: numeric, shared: false, detector: "amad")
        } catch let error as DataError {
            #expect(error.message.contains("'x' is numeric"))
        }
        let vocabulary = try IdVocabulary(train: Self.split(categorical: [1], lists: [[1]]), shared: false, detector: "t")
        let other = DatasetSplit(split: "test", ids: ["0"], columns: [ColumnSchema(name: "c", type: .categorical, cardinality: nil)],
                                 numbers: [[1]], lists: [[]])
        #expect(throws: DataError.self) { try vocabulary.encode(other) }
    }
}
