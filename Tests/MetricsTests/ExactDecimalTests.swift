import Testing
import Metrics

/// Exact decimals and the exact ⌈k·n⌉ (reading them from text: DecimalLiteralTests in RecipeTests).
@Suite struct ExactDecimalTests {
    @Test("ceil(k*n) is exact where doubles are not")
    func ceiling() throws {
        #expect(try ExactDecimal(numerator: 15, scale: 2).ceilingOfProduct(with: 100) == 15)  // 0.15*100 = 15.000000000000002
        #expect(try ExactDecimal(numerator: 1, scale: 1).ceilingOfProduct(with: 30) == 3)     // 0.1*30 = 3.0000000000000004
        #expect(try ExactDecimal(numerator: 2, scale: 1).ceilingOfProduct(with: 7) == 2)
        #expect(try ExactDecimal(numerator: 1, scale: 3).ceilingOfProduct(with: 1000) == 1)
        #expect(try ExactDecimal(numerator: 1, scale: 3).ceilingOfProduct(with: 1001) == 2)
        #expect(try ExactDecimal(numerator: 7, scale: 2).ceilingOfProduct(with: 10_000_000_000) == 700_000_000)
        #expect(try ExactDecimal(numerator: 3, scale: 0).ceilingOfProduct(with: 5) == 15)
        #expect(try ExactDecimal(numerator: 0, scale: 0).ceilingOfProduct(with: 5) == 0)
        #expect(try ExactDecimal(numerator: 1, scale: 38).ceilingOfProduct(with: Int.max) == 1)
    }

    @Test("canonical text and double value")
    func text() throws {
        #expect(try ExactDecimal(numerator: 15, scale: 2).description == "0.15")
        #expect(try ExactDecimal(numerator: 1, scale: 3).description == "0.001")
        #expect(try ExactDecimal(numerator: 25, scale: 0).description == "25")
        #expect(try ExactDecimal(numerator: 15, scale: 2).doubleValue == 0.15)
        #expect(try ExactDecimal(numerator: 15, scale: 2).denominator == 100)
        #expect(throws: ExactDecimal.OutOfRange.self) { try ExactDecimal(numerator: 1, scale: 39) }
    }
}
