import Randomness
import Testing
@testable import Generators

/// The Vose alias sampler (`AliasTable`): index i is drawn with probability weights[i] / Σ
/// weights (200,000 seeded draws per weight vector, every frequency within 5 binomial standard
/// errors, zero weights never drawn), its table is a valid alias table that represents exactly
/// those probabilities, it is built deterministically, and a draw costs one uniform integer
/// and one uniform double.
@Suite struct AliasTableTests {
    static let weightVectors: [[Double]] = [
        [1, 1, 1, 1, 1],                       // uniform
        [1000, 1, 1, 1],                       // one dominant weight
        [0, 3, 0, 1, 0, 6, 0],                 // zero weights, first and last among them
        [2.5],                                 // a single weight
        [0.1, 0.2, 0.3, 0.4, 5, 7.5, 0.001],   // irregular, one tiny
        (1...40).map { 1 / Double($0) },       // Zipf-like, as the generator uses it
    ]

    /// The table's private columns (read by reflection: the invariants are of the table itself).
    static func columns(_ table: AliasTable) throws -> (probability: [Double], alias: [Int32]) {
        let children = Mirror(reflecting: table).children
        let probability = try #require(children.first { $0.label == "probability" }?.value as? [Double])
        let alias = try #require(children.first { $0.label == "alias" }?.value as? [Int32])
        return (probability, alias)
    }

    @Test("200,000 draws match weights[i] / Σ weights within 5 standard errors; zero weights are never drawn",
          arguments: weightVectors)
    func frequencies(weights: [Double]) {
        let draws = 200_000
        let table = AliasTable(weights: weights)
        var g = Xoshiro256StarStar(seed: 42)
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<draws { counts[table.draw(using: &g)] += 1 }
        let total = weights.reduce(0, +)
        for (i, weight) in weights.enumerated() {
            let p = weight / total
            let expected = Double(draws) * p
            let standardError = (Double(draws) * p * (1 - p)).squareRoot()
            if p == 0 {
                #expect(counts[i] == 0, "index \(i) has weight 0 but was drawn \(counts[i]) times")
            } else {
                #expect(abs(Double(counts[i]) - expected) <= 5 * standardError,
                        "index \(i): \(counts[i]) draws, expected \(expected) ± \(standardError)")
            }
        }
    }

    /// Every cell's probability is in [0, 1] and its alias an index of the table; the mass each
    /// index receives (its own cells' probability plus the remainders of the cells aliasing
    /// it, over n) is weights[i] / Σ weights to rounding, and exactly 0 for a zero weight.
    @Test("the table is a valid alias table representing exactly the weights' probabilities", arguments: weightVectors)
    func table(weights: [Double]) throws {
        let n = weights.count
        let (probability, alias) = try Self.columns(AliasTable(weights: weights))
        #expect(probability.count == n && alias.count == n)
        #expect(probability.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(probability)")
        #expect(alias.allSatisfy { $0 >= 0 && Int($0) < n }, "\(alias)")
        var mass = probability
        for j in 0..<n { mass[Int(alias[j])] += 1 - probability[j] }
        let total = weights.reduce(0, +)
        for i in 0..<n {
            let p = weights[i] / total
            if p == 0 {
                #expect(mass[i] == 0, "index \(i) has weight 0 but mass \(mass[i] / Double(n))")
            } else {
                #expect(abs(mass[i] / Double(n) - p) <= 1e-12, "index \(i): mass \(mass[i] / Double(n)), expected \(p)")
            }
        }
    }

    /// The same weights give the same table (hence the same draws from the same seed), and a
    /// draw consumes exactly one `uniformInt(below: n)` and one `uniformUnit()`.
    @Test func deterministicAndTwoUniformsPerDraw() throws {
        let weights = Self.weightVectors[4]
        let a = AliasTable(weights: weights), b = AliasTable(weights: weights)
        let (pa, aa) = try Self.columns(a), (pb, ab) = try Self.columns(b)
        #expect(pa == pb && aa == ab)
        var g = Xoshiro256StarStar(seed: 7), h = Xoshiro256StarStar(seed: 7)
        for _ in 0..<1000 {
            _ = a.draw(using: &g)
            _ = h.uniformInt(below: weights.count)
            _ = h.uniformUnit()
        }
        #expect(g.next() == h.next())
    }
}
