import Testing
import Metrics

/// Parsing exact decimals and the exact ⌈k·n⌉.
@Suite struct ExactDecimalTests {
    @Test("parses decimals exactly", arguments: [
        ("0.2", UInt128(2), UInt128(10)), ("0.15", 15, 100), ("1e-3", 1, 1000), ("1E-3", 1, 1000),
        (".5", 5, 10), ("5.", 5, 1), ("+0.050", 5, 100), ("2.5e1", 25, 1), ("0", 0, 1), ("000.000", 0, 1),
        ("12345678901234567890.5", 123_456_789_012_345_678_905, 10),
    ])
    func parses(text: String, numerator: UInt128, denominator: UInt128) throws {
        let d = try ExactDecimal(text)
        #expect(d.numerator == numerator)
        #expect(d.denominator == denominator)
    }

    @Test("rejects garbage", arguments: [
        ("", ExactDecimal.ParseError.empty), ("abc", .unexpectedCharacter(offset: 0)), ("-0.1", .negative),
        ("0.2.3", .unexpectedCharacter(offset: 3)), ("1e", .missingDigits), ("e5", .unexpectedCharacter(offset: 0)),
        (".", .missingDigits), ("0.1 ", .unexpectedCharacter(offset: 3)), ("10%", .unexpectedCharacter(offset: 2)),
        ("nan", .unexpectedCharacter(offset: 0)), ("inf", .unexpectedCharacter(offset: 0)),
        ("0x1p3", .unexpectedCharacter(offset: 1)), ("1e-39", .outOfRange), ("1e40", .outOfRange),
        ("1e+", .missingDigits), ("1e5x", .unexpectedCharacter(offset: 3)),
        (String(repeating: "1", count: 39), .tooManyDigits),
    ])
    func rejects(text: String, error: ExactDecimal.ParseError) {
        #expect(throws: error) { try ExactDecimal(text) }
    }

    @Test("ceil(k*n) is exact where doubles are not")
    func ceiling() throws {
        #expect(try ExactDecimal("0.15").ceilingOfProduct(with: 100) == 15)  // 0.15*100 = 15.000000000000002
        #expect(try ExactDecimal("0.1").ceilingOfProduct(with: 30) == 3)     // 0.1*30 = 3.0000000000000004
        #expect(try ExactDecimal("0.2").ceilingOfProduct(with: 7) == 2)
        #expect(try ExactDecimal("1e-3").ceilingOfProduct(with: 1000) == 1)
        #expect(try ExactDecimal("1e-3").ceilingOfProduct(with: 1001) == 2)
        #expect(try ExactDecimal("0.07").ceilingOfProduct(with: 10_000_000_000) == 700_000_000)
        #expect(try ExactDecimal("3").ceilingOfProduct(with: 5) == 15)
        #expect(try ExactDecimal("0").ceilingOfProduct(with: 5) == 0)
        #expect(try ExactDecimal("1e-38").ceilingOfProduct(with: Int.max) == 1)
    }

    @Test("canonical text and double value")
    func text() throws {
        #expect(try ExactDecimal("0.150").description == "0.15")
        #expect(try ExactDecimal("1e-3").description == "0.001")
        #expect(try ExactDecimal("2.5e1").description == "25")
        #expect(try ExactDecimal("0.15").doubleValue == 0.15)
        #expect(try ExactDecimal(numerator: 15, scale: 2) == ExactDecimal("0.15"))
    }
}
