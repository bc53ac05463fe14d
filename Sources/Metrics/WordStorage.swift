/// Immutable 64-bit words of a mergeable summary (``DistinctScoreCounts``,
/// ``DistinctPairCounts``), in an array or in memory borrowed from an owner that keeps it alive
/// and unchanged (a mapped partial-evaluation file: no copy).
final class WordStorage: @unchecked Sendable {
    let array: [UInt64]
    let borrowed: UnsafeBufferPointer<UInt64>?
    let owner: AnyObject?

    init(_ array: [UInt64]) {
        self.array = array
        borrowed = nil
        owner = nil
    }

    init(borrowing buffer: UnsafeBufferPointer<UInt64>, owner: AnyObject) {
        array = []
        borrowed = buffer
        self.owner = owner
    }

    var count: Int { borrowed?.count ?? array.count }

    /// A copy of the words.
    var words: [UInt64] { borrowed.map { Array($0) } ?? array }

    @inline(__always)
    func withBuffer<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        if let borrowed { return try body(borrowed) }
        return try array.withUnsafeBufferPointer(body)
    }
}
