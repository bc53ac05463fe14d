#if canImport(Glibc)
import Glibc
#endif

/// What a decimal field holds.
public enum DecimalValue: Equatable, Sendable {
    /// A finite number (the nearest binary64, round-half-even; underflow to a subnormal or to
    /// zero is accepted).
    case finite(Double)
    /// `nan` in any case, with or without a sign.
    case nan
    /// `inf`, `infinity` (any case, any sign), or a literal that overflows, such as `1e400`.
    case infinite
    /// Empty, non-numeric, or trailing characters.
    case invalid
}

/// Parses decimal numbers from raw CSV field bytes, exactly as `strtod` does (the nearest
/// binary64, round-half-even), but without allocating and without accepting what a score file
/// should not hold: no leading or trailing spaces (fields arrive trimmed), no hexadecimal
/// floats, no digit separators.
///
/// Why not `Double(String)` alone: it needs a `String` per field (an allocation each on tens of
/// millions of rows) and accepts hex floats. The common short case (at most 15 significant
/// digits, decimal exponent within ±22) is computed exactly as one multiplication or division
/// of two exactly representable doubles, which is correctly rounded (Clinger's fast path);
/// everything else goes to the C library's `strtod` on a NUL-terminated stack copy.
public enum DecimalParser {
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> DecimalValue {
        let count = bytes.count
        guard count > 0 else { return .invalid }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < count else { return .invalid }
        let first = bytes[index]
        if first == UInt8(ascii: "n") || first == UInt8(ascii: "N") || first == UInt8(ascii: "i") || first == UInt8(ascii: "I") {
            return special(bytes, from: index)
        }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitsSeen = 0
        var exponent = 0           // decimal exponent adjustment from the point and dropped digits
        var sawPoint = false
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                digitsSeen += 1
                let digit = UInt64(byte - 0x30)
                if significantDigits == 0 && digit == 0 {
                    if sawPoint { exponent -= 1 }
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ digit
                    significantDigits += 1
                    if sawPoint { exponent -= 1 }
                } else {
                    significantDigits += 1   // too many digits for the fast path
                    if !sawPoint { exponent += 1 }
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digitsSeen > 0 else { return .invalid }
        if index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") else { return .invalid }
            index += 1
            var exponentNegative = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var value = 0
            var exponentDigits = 0
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if value < 100_000 { value = value * 10 + Int(bytes[index] - 0x30) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0, index == count else { return .invalid }
            exponent += exponentNegative ? -value : value
        }

        if significantDigits <= 15 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)   // exact: mantissa < 10^15 < 2^53
            if exponent < 0 {
                value /= powersOfTen[-exponent]
            } else if exponent > 0 {
                value *= powersOfTen[exponent]
            }
            return .finite(negative ? -value : value)
        }
        if mantissa == 0 { return .finite(negative ? -0.0 : 0.0) }
        #if arch(x86_64)
        if significantDigits <= 19 && exponent >= -27 && exponent <= 27 {
            // Up to 19 digits fit a 64-bit significand and 10^e (|e| ≤ 27) is exact in Float80,
            // so one Float80 operation rounds correctly to 64 bits. Rounding that to 53 bits is
            // the correctly rounded double unless the 11 dropped bits lie within one unit of
            // the halfway pattern (a double-rounding hazard), which goes to strtod instead.
            var value = Float80(mantissa)
            if exponent < 0 {
                value /= DecimalParser.extendedPowersOfTen[-exponent]
            } else if exponent > 0 {
                value *= DecimalParser.extendedPowersOfTen[exponent]
            }
            let dropped = value.significandBitPattern & 0x7FF
            if dropped < 0x3FF || dropped > 0x401 {
                let rounded = Double(value)
                return .finite(negative ? -rounded : rounded)
            }
        }
        #endif
        return slowPath(bytes)
    }

    /// Exactly representable powers of ten 10⁰ … 10²².
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    #if arch(x86_64)
    /// 10⁰ … 10²⁷, each exact in Float80 (5²⁷ < 2⁶⁴), built by exact multiplications.
    private static let extendedPowersOfTen: [Float80] = {
        var powers: [Float80] = [1]
        for _ in 1...27 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
    #endif

    /// `nan`, `inf`, `infinity` in any case (the sign was consumed by the caller).
    private static func special(_ bytes: UnsafeRawBufferPointer, from start: Int) -> DecimalValue {
        var word: [UInt8] = []
        word.reserveCapacity(bytes.count - start)
        for index in start..<bytes.count { word.append(bytes[index] | 0x20) }   // ASCII lower case
        switch String(decoding: word, as: UTF8.self) {
        case "nan": return .nan
        case "inf", "infinity": return .infinite
        default: return .invalid
        }
    }

    /// The syntax was checked by the caller; `strtod` rounds the long or large literal.
    private static func slowPath(_ bytes: UnsafeRawBufferPointer) -> DecimalValue {
        let value: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for index in 0..<bytes.count { buffer[index] = CChar(bitPattern: bytes[index]) }
            buffer[bytes.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
        return value.isFinite ? .finite(value) : .infinite
    }
}

extension DecimalParser {
    /// Parses a Swift string (tests, command-line values).
    public static func parse(_ text: String) -> DecimalValue {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }
}
