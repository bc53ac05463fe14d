import Randomness

/// Chooses exactly `k` of `n` positions uniformly at random, visiting positions in order with
/// O(1) memory: Knuth's Algorithm S (TAOCP vol. 2, §3.4.2). Position `i` is selected with
/// probability (k − selected) / (n − i), decided by one bounded integer draw, so every k-subset
/// is equally likely and the count is met exactly.
public struct SelectionSampler<G: RandomNumberGenerator> {
    public let total: Int
    public let wanted: Int
    public private(set) var visited = 0
    public private(set) var selected = 0
    private var generator: G

    public init(choosing wanted: Int, of total: Int, generator: G) {
        precondition(wanted >= 0 && wanted <= total)
        self.total = total
        self.wanted = wanted
        self.generator = generator
    }

    /// Whether the next position is selected.
    @inline(__always)
    public mutating func next() -> Bool {
        precondition(visited < total, "SelectionSampler asked past its last position")
        let remaining = total - visited
        let needed = wanted - selected
        visited += 1
        if needed == 0 { return false }
        if generator.uniformInt(below: remaining) < needed {
            selected += 1
            return true
        }
        return false
    }
}

/// Hands out kinds one at a time so that kind `k` is given exactly `counts[k]` times, in a
/// uniformly random order (each draw picks kind `k` with probability remaining_k / remaining).
public struct KindSequencer<G: RandomNumberGenerator> {
    public private(set) var remaining: [Int]
    private var generator: G

    public init(counts: [Int], generator: G) {
        remaining = counts
        self.generator = generator
    }

    /// The next kind's index.
    public mutating func next() -> Int {
        let total = remaining.reduce(0, +)
        precondition(total > 0, "KindSequencer has no kinds left")
        var draw = generator.uniformInt(below: total)
        for (k, r) in remaining.enumerated() {
            if draw < r {
                remaining[k] -= 1
                return k
            }
            draw -= r
        }
        preconditionFailure("unreachable")
    }
}
