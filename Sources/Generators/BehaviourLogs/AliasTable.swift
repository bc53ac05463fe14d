import Randomness

/// Draws index i with probability weights[i] / Σ weights in O(1): Walker's alias method, built
/// by Vose's algorithm (small and large work lists filled in index order, so the table is
/// deterministic). One uniform integer and one uniform double per draw.
struct AliasTable: Sendable {
    private let probability: [Double]
    private let alias: [Int32]

    init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0 && n <= Int(Int32.max))
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        var probability = [Double](repeating: 1, count: n)
        var alias = [Int32](repeating: 0, count: n)
        var small: [Int] = [], large: [Int] = []
        for (i, p) in scaled.enumerated() { if p < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast() {
            guard let l = large.last else { break }
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        for i in small + large { probability[i] = 1; alias[i] = Int32(i) }
        self.probability = probability
        self.alias = alias
    }

    @inline(__always)
    func draw<G: RandomNumberGenerator>(using g: inout G) -> Int {
        let i = g.uniformInt(below: probability.count)
        return g.uniformUnit() < probability[i] ? i : Int(alias[i])
    }
}
