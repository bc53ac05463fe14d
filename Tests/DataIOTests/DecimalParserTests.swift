import DataIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DecimalParserTests {
    /// What `strtod` makes of the whole literal, or nil when it stops early or reads nothing.
    static func strtodValue(_ text: String) -> Double? {
        text.withCString { pointer -> Double? in
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(pointer, &end)
            guard let end, end != pointer, end.pointee == 0 else { return nil }
            return value
        }
    }

    static func expectSameBits(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let reference = strtodValue(text) else {
            Issue.record("strtod rejects '\(text)'", sourceLocation: sourceLocation)
            return
        }
        let parsed = DecimalParser.parse(text)
        guard case .finite(let value) = parsed else {
            Issue.record("'\(text)': got \(parsed), expected \(reference)", sourceLocation: sourceLocation)
            return
        }
        #expect(value.bitPattern == reference.bitPattern, "'\(text)': got \(value), strtod \(reference)",
                sourceLocation: sourceLocation)
        if let swift = Double(text) {
            #expect(swift.bitPattern == reference.bitPattern, "'\(text)': Double(String) disagrees with strtod",
                    sourceLocation: sourceLocation)
        }
    }

    static let finiteLiterals: [String] = [
        // short decimals (fast path)
        "0", "1", "-1", "0.5", "0.1", "0.2", "0.3", "-0.7", "3.14159", "123456789012345", "0.000001", "1e22",
        "1e-22", "9007199254740992", "9007199254740993", "4.35", "0.1e1", "100", "12.5e-3", "2.2250738585072014e-308",
        // 15–20+ significant digits
        "0.123456789012345", "0.1234567890123456", "0.12345678901234567", "0.123456789012345678",
        "0.1234567890123456789", "0.12345678901234567890", "1.2345678901234567890123456789",
        "9007199254740993.0000000001", "123456789012345678901234567890", "0.30000000000000004",
        "0.299999999999999988897769753748", "1.7976931348623157e308", "4.9406564584124654e-324",
        "2.4703282292062328e-324", "2.4703282292062327e-324", "18446744073709551615", "18446744073709551616",
        "9999999999999999999", "99999999999999999999", "10000000000000000000000",
        // large exponents
        "1e300", "-1e300", "1e-300", "1.5e+300", "7e-300", "1E10", "1e+0", "1e-0", "1e023", "1e-023", "5e22", "5e-23",
        "123e-25", "8.98846567431158e307",
        // subnormals and underflow
        "5e-324", "1e-320", "-1e-310", "2.225073858507201e-308", "1e-400", "-1e-400", "3e-324", "2e-324",
        // spellings
        "1.", ".5", "-.5", "+1", "+0.25", "-0", "-0.0", "0.0", "00012", "0.000", "1.000000000000000000000000001",
        "000000000000000000000000000001.5",
    ]

    @Test(arguments: finiteLiterals) func finiteLiteralsMatchStrtod(_ text: String) {
        DecimalParserTests.expectSameBits(text)
    }

    @Test func negativeZeroKeepsItsSign() {
        for text in ["-0", "-0.0", "-0e5", "-0.000e-400"] {
            guard case .finite(let value) = DecimalParser.parse(text) else { Issue.record("\(text): not finite"); continue }
            #expect(value == 0 && value.sign == .minus, "\(text)")
        }
    }

    @Test func specialValues() {
        for text in ["nan", "NaN", "NAN", "-NaN", "+nan", "-nan", "nAn"] {
            #expect(DecimalParser.parse(text) == .nan, "\(text)")
        }
        for text in ["inf", "INF", "-inf", "+Inf", "Infinity", "-Infinity", "INFINITY", "infinity", "1e400",
                     "-1e400", "1.8e308", "1e99999999999999", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"] {
            #expect(DecimalParser.parse(text) == .infinite, "\(text)")
        }
    }

    @Test func invalidLiterals() {
        for text in ["", "abc", "1,5", "0x1p3", "0X10", "1e", "1e+", "1e-", "e5", ".", "-", "+", "+-1", "--1", " 1",
                     "1 ", "1.2.3", "1e5.5", "1e5e5", "nan(1)", "infin", "infinityy", "in", "n", "1_000", "1d",
                     "1f", "١", "0.5%", "1e+-5", "\t1", ".e5", "-.", "+.e1"] {
            #expect(DecimalParser.parse(text) == .invalid, "'\(text)'")
        }
    }

    /// Formats `value` with `digits` significant digits (`%.{digits-1}e`).
    static func format(_ value: Double, digits: Int, into buffer: UnsafeMutablePointer<CChar>) -> String {
        _ = withVaList([Int32(digits - 1), value]) { vsnprintf(buffer, 64, "%.*e", $0) }
        return String(cString: buffer)
    }

    /// 200 000 random doubles (uniform bit patterns: every binade, subnormals included; and
    /// uniform in [−1, 1], as scores usually are), printed shortest and with 17–20 significant
    /// digits: every text parses to exactly the bits `strtod` gives.
    @Test func randomDoublesRoundTripLikeStrtod() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {   // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 64)
        defer { buffer.deallocate() }
        var failures = 0
        var checked = 0
        for i in 0..<200_000 {
            let bits = next()
            var value = i % 2 == 0 ? Double(bitPattern: bits) : Double(bits >> 11) * 0x1p-52 - 1
            if !value.isFinite { value = Double(bitPattern: bits & ~(UInt64(1) << 62)) }
            var texts = ["\(value)"]
            for digits in 17...20 { texts.append(DecimalParserTests.format(value, digits: digits, into: buffer)) }
            for text in texts {
                checked += 1
                let reference = strtod(text, nil)
                let parsed = DecimalParser.parse(text)
                if parsed != .finite(reference) {
                    failures += 1
                    if failures <= 10 { Issue.record("'\(text)': got \(parsed), strtod \(reference)") }
                } else if case .finite(let v) = parsed, v.bitPattern != reference.bitPattern {
                    failures += 1
                    if failures <= 10 { Issue.record("'\(text)': got bits \(v.bitPattern), strtod \(reference.bitPattern)") }
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(checked) literals differ from strtod")
        #expect(checked == 1_000_000)
    }
}
