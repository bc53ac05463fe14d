import Testing
import Recipe

/// Reading decimal literals exactly (the `top:R` of a cut-off spelling).
@Suite struct DecimalLiteralTests {
    @Test("parses decimals exactly", arguments: [
        ("0.2", UInt128(2), UInt128(10)), ("0.15", 15, 100), ("1e-3", 1, 1000), ("1E-3", 1, 1000),
        (".5", 5, 10), ("5.", 5, 1), ("+0.050", 5, 100), ("2.5e1", 25, 1), ("0", 0, 1), ("000.000", 0, 1),
        ("12345678901234567890.5", 123_456_789_012_345_678_905, 10),
    ])
    func parses(text: String, numerator: UInt128, denominator: UInt128) throws {
        let d = try DecimalLiteral(text)
        #expect(d.numerator == numerator)
        #expect(d.denominator == denominator)
    }

    @Test("rejects garbage", arguments: [
        ("", DecimalLiteral.ParseError.empty), ("abc", .unexpectedCharacter(offset: 0)), ("-0.1", .negative),
        ("0.2.3", .unexpectedCharacter(offset: 3)), ("1e", .missingDigits), ("e5", .unexpectedCharacter(offset: 0)),
        (".", .missingDigits), ("0.1 ", .unexpectedCharacter(offset: 3)), ("10%", .unexpectedCharacter(offset: 2)),
        ("nan", .unexpectedCharacter(offset: 0)), ("inf", .unexpectedCharacter(offset: 0)),
        ("0x1p3", .unexpectedCharacter(offset: 1)), ("1e-39", .outOfRange), ("1e40", .outOfRange),
        ("1e+", .missingDigits), ("1e5x", .unexpectedCharacter(offset: 3)),
        (String(repeating: "1", count: 39), .tooManyDigits),
    ])
    func rejects(text: String, error: DecimalLiteral.ParseError) {
        #expect(throws: error) { try DecimalLiteral(text) }
    }

    @Test("trailing zeros move into the scale") func normalizes() throws {
        let d = try DecimalLiteral("0.150")
        #expect((d.numerator, d.scale) == (15, 2))
        #expect(try DecimalLiteral("2.5e1").scale == 0)
    }

    @Test("errors read as sentences") func descriptions() {
        #expect(DecimalLiteral.ParseError.unexpectedCharacter(offset: 2).description == "unexpected character at position 3")
        #expect(DecimalLiteral.ParseError.outOfRange.description == "too large or too small to hold exactly")
    }
}
