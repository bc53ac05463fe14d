/// A non-negative decimal number held exactly as `numerator / denominator`, with the
/// denominator a power of ten, so that a top-k fraction such as `0.15` or `1e-3` gives
/// K = ⌈k·n⌉ without binary rounding (`Fixtures/metrics/SPEC.md` §3.5 (c)): with doubles, 0.15 × 100 is
/// 15.000000000000002 and its ceiling 16.
///
/// Grammar (no surrounding spaces, no sign but an optional `+`):
///
///     digits [ "." digits ] [ ("e" | "E") ["+" | "-"] digits ]   or   "." digits [exponent]
///
/// with at least one mantissa digit. Rejected with ``ParseError``: empty text, any other
/// character (including `-`, `%`, `inf`, `nan`, hex), a missing exponent digit, more than 38
/// significant digits, or a value whose numerator or denominator does not fit in 128 bits
/// (beyond about 10³⁸ or below 10⁻³⁸).
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
    /// The value's numerator (trailing zeros of the digits moved into the exponent first).
    public let numerator: UInt128
    /// The value's denominator, a power of ten (1 for integers).
    public let denominator: UInt128

    /// Why a text is not an exact decimal.
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

    /// `numerator / 10^scale`; `scale` must be in 0...38.
    public init(numerator: UInt128, scale: Int) throws(ParseError) {
        guard (0...38).contains(scale) else { throw .outOfRange }
        self.numerator = numerator
        self.denominator = ExactDecimal.powerOfTen(scale)
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
            self.denominator = 1
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
            self.denominator = 1
        } else {
            guard -exponent <= 38 else { throw .outOfRange }
            self.numerator = significand
            self.denominator = ExactDecimal.powerOfTen(-exponent)
        }
    }

    private static func powerOfTen(_ e: Int) -> UInt128 {
        var value: UInt128 = 1
        for _ in 0..<e { value *= 10 }
        return value
    }

    /// The nearest double (for display only; never used to count).
    public var doubleValue: Double {
        Double(description) ?? .nan
    }

    /// ⌈value · n⌉ computed exactly (n ≥ 0), saturating at `Int.max`.
    public func ceilingOfProduct(with n: Int) -> Int {
        let count = UInt128(max(n, 0))
        let (whole, fraction) = numerator.quotientAndRemainder(dividingBy: denominator)
        var result: UInt128 = 0
        let (wholePart, overflow) = whole.multipliedReportingOverflow(by: count)
        if overflow { return Int.max }
        result = wholePart
        if fraction != 0 && count != 0 {
            // fraction < denominator, so fraction·n/denominator < n fits; the high word of the
            // 256-bit product is below the denominator as dividingFullWidth requires.
            let product = fraction.multipliedFullWidth(by: count)
            let (q, r) = denominator.dividingFullWidth(product)
            let (sum, o1) = result.addingReportingOverflow(q + (r != 0 ? 1 : 0))
            if o1 { return Int.max }
            result = sum
        }
        return Int(exactly: result) ?? Int.max
    }

    /// Canonical decimal text, e.g. `0.15`, `0.001`, `2`.
    public var description: String {
        if denominator == 1 { return String(numerator) }
        var scale = 0
        var d = denominator
        while d > 1 {
            d /= 10
            scale += 1
        }
        var digits = String(numerator)
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return digits[..<split] + "." + digits[split...]
    }
}
