/// Correctly rounded quotients of integers.
///
/// `correctlyRoundedQuotient(a, b)` returns fl(a / b): the binary64 value nearest to the exact
/// rational a/b, ties to even, which is what Python's `int / int` gives and what the spec's
/// "one correctly rounded division" means (`Fixtures/metrics/SPEC.md` §3.2). When a and b are both below 2⁵³ that is
/// a single floating-point division; above that (AUROC with n ≳ 10⁸, Youden's J with n ≳ 1.3·10⁸)
/// converting the operands first would round twice, so the quotient is formed by long
/// division in 128-bit integers and rounded once.
@usableFromInline
internal func correctlyRoundedQuotient(_ a: UInt64, _ b: UInt64) -> Double {
    if b == 0 { return a == 0 ? .nan : .infinity }
    if a == 0 { return 0 }
    if a < (1 << 53) && b < (1 << 53) { return Double(a) / Double(b) }
    let la = UInt64.bitWidth - a.leadingZeroBitCount
    let lb = UInt64.bitWidth - b.leadingZeroBitCount
    // Scale so that q = floor(a·2^s / b) lies in [2^54, 2^56): at least two guard bits.
    let s = 55 - la + lb
    var numerator = UInt128(a)
    var denominator = UInt128(b)
    if s >= 0 { numerator <<= UInt128(s) } else { denominator <<= UInt128(-s) }
    let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    let qBits = UInt128.bitWidth - q.leadingZeroBitCount  // 55 or 56
    var extra = qBits - 53
    var mantissa = UInt64(truncatingIfNeeded: q >> UInt128(extra))
    let dropped = UInt64(truncatingIfNeeded: q & ((UInt128(1) << UInt128(extra)) - 1))
    let half = UInt64(1) << UInt64(extra - 1)
    if dropped > half || (dropped == half && (r != 0 || mantissa & 1 == 1)) {
        mantissa += 1
        if mantissa == (1 << 53) {
            mantissa >>= 1
            extra += 1
        }
    }
    return Double(sign: .plus, exponent: extra - s, significand: Double(mantissa))
}

/// Signed version of ``correctlyRoundedQuotient(_:_:)`` for a signed numerator and a
/// positive denominator.
@usableFromInline
internal func correctlyRoundedQuotient(_ a: Int64, _ b: UInt64) -> Double {
    let magnitude = correctlyRoundedQuotient(a.magnitude, b)
    return a < 0 ? -magnitude : magnitude
}
