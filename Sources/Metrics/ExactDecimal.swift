/// A non-negative decimal number held exactly as `numerator / denominator`, with the
/// denominator a power of ten, so that a top-k fraction such as `0.15` or `1e-3` gives
/// K = ⌈k·n⌉ without binary rounding (`Fixtures/metrics/SPEC.md` §3.5 (c)): with doubles, 0.15 × 100 is
/// 15.000000000000002 and its ceiling 16.
///
/// Metrics reads no text: a written decimal (`top:0.15`) is read exactly by `DecimalLiteral`
/// (Recipe), whose numerator and scale make one of these.
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
    /// The value's numerator (trailing zeros of the digits moved into the exponent first).
    public let numerator: UInt128
    /// The value's denominator, a power of ten (1 for integers).
    public let denominator: UInt128

    /// A scale outside 0...38 (the denominator would not fit in 128 bits).
    public struct OutOfRange: Error, Equatable, Sendable {}

    /// `numerator / 10^scale`; `scale` must be in 0...38.
    public init(numerator: UInt128, scale: Int) throws(OutOfRange) {
        guard (0...38).contains(scale) else { throw OutOfRange() }
        self.numerator = numerator
        self.denominator = ExactDecimal.powerOfTen(scale)
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
