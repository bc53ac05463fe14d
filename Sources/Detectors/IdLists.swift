/// A dataset split's categorical columns read as AMAD reads them: per row, per attribute, the
/// list of its ids (one for a categorical column, any number for a multi-valued one, none for
/// an emptied list), each id replaced by its index in an ``IdVocabulary``. Stored flat:
/// `ids[offsets[r·F + a] ..< offsets[r·F + a + 1]]` are row `r`'s ids of attribute `a`.
public struct IdLists: Sendable, Equatable {
    public let rows: Int
    public let attributes: Int
    public let offsets: [Int]
    public let ids: [Int32]

    /// Row `row`'s vocabulary indices of attribute `attribute`.
    public func list(row: Int, attribute: Int) -> ArraySlice<Int32> {
        let k = row * attributes + attribute
        return ids[offsets[k]..<offsets[k + 1]]
    }
}
