/// A non-negative decimal number as written (`0.15`, `1e-3`, `+2.5E1`), read exactly: its value
/// is ``numerator`` / 10^``scale``, with no binary rounding. Metrics' `ExactDecimal` is made from
/// these two numbers; the text is read here so that recipes (cut-off spellings such as
/// `top:0.15`) are checked without Recipe depending on Metrics.
///
/// Grammar (no surrounding spaces, no sign but an optional `+`):
///
///     digits [ "." digits ] [ ("e" | "E") ["+" | "-"] digits ]   or   "." digits [exponent]
///
/// with at least one mantissa digit. Rejected with ``ParseError``: empty text, any other
/// character (including `-`, `%`, `inf`, `nan`, hex), a missing exponent digit, more than 38
/// significant digits, or a value whose numerator or denominator does not fit in 128 bits
/// (beyond about 10³⁸ or below 10⁻³⁸).
public struct DecimalLiteral: Sendable, Hashable {
    /// The value's numerator (trailing zeros of the digits moved into the exponent first).
    public let numerator: UInt128
    /// The power of ten that divides ``numerator``, in 0...38 (0 for integers).
    public let scale: Int

    /// 10^``scale``.
    public var denominator: UInt128 {
        var value: UInt128 = 1
        for _ in 0..<scale { value *= 10 }
        return value
    }

    /// Why a text is not a decimal literal.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case unexpectedCharacter(offset: Int)
        case missingDigits
        case negative
        case tooManyDigits
        case outOfRange

        /// What a user reads (never the case's name).
        public var description: String {
            switch self {
            case .empty: return "nothing was given"
            case .unexpectedCharacter(let offset): return "unexpected character at position \(offset + 1)"
            case .missingDigits: return "digits are missing"
            case .negative: return "it is negative"
            case .tooManyDigits: return "more than 38 significant digits"
            case .outOfRange: return "too large or too small to hold exactly"
            }
        }
    }

    /// Parses a decimal literal; see the type's grammar.
    public init(_ text: some StringProtocol) throws(ParseError) {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { throw .empty }
        var index = 0
        if bytes[0] == UInt8(ascii: "-") { throw .negative }
        if bytes[0] == UInt8(ascii: "+") { index = 1 }
        var significand: UInt128 = 0
        var significantDigits = 0
        var mantissaDigits = 0
        var exponent = 0
        var seenPoint = false
        while index < bytes.count {
            let c = bytes[index]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                mantissaDigits += 1
                if significand != 0 || c != UInt8(ascii: "0") {
                    significantDigits += 1
                    if significantDigits > 38 { throw .tooManyDigits }
                    significand = significand * 10 + UInt128(c - UInt8(ascii: "0"))
                }
                if seenPoint { exponent -= 1 }
            } else if c == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        if mantissaDigits == 0 { throw index < bytes.count ? .unexpectedCharacter(offset: index) : .missingDigits }
        if index < bytes.count {
            let c = bytes[index]
            guard c == UInt8(ascii: "e") || c == UInt8(ascii: "E") else { throw .unexpectedCharacter(offset: index) }
            index += 1
            var negativeExponent = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var value = 0
            var digits = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = min(value * 10 + Int(bytes[index] - UInt8(ascii: "0")), 100_000)
                digits += 1
                index += 1
            }
            if digits == 0 { throw index < bytes.count ? .unexpectedCharacter(offset: index) : .missingDigits }
            if index < bytes.count { throw .unexpectedCharacter(offset: index) }
            exponent += negativeExponent ? -value : value
        }
        if significand == 0 {
            self.numerator = 0
            self.scale = 0
            return
        }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        if exponent >= 0 {
            var value = significand
            for _ in 0..<exponent {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { throw .outOfRange }
                value = product
            }
            self.numerator = value
            self.scale = 0
        } else {
            guard -exponent <= 38 else { throw .outOfRange }
            self.numerator = significand
            self.scale = -exponent
        }
    }
}
