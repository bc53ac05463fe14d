#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The correctly rounded sum of binary64 values: Shewchuk's adaptive-precision algorithm as
/// Python's `math.fsum` implements it (CPython `Modules/mathmodule.c`, `math_fsum`).
///
/// The running sum is kept exactly as a list of non-overlapping partials; ``value`` is the
/// exact sum rounded once to the nearest binary64 (ties to even, including CPython's
/// correction for a half-way case spread across two partials). The result does not depend
/// on the order of the inputs.
///
/// Overflow: when an intermediate sum of finite inputs leaves the finite range, the exact
/// sum is not representable by the partials; ``overflowed`` becomes `true` and ``value`` is
/// meaningless (CPython raises `OverflowError` there). ``correctlyRoundedMean(_:)`` handles it
/// by the spec's 2⁻⁶⁴ scaling. Inputs must be finite (callers check).
public struct CorrectlyRoundedSum: Sendable {
    /// Storage for the partials; `partials[0..<used]` are live, in increasing magnitude.
    /// Non-overlapping partials of binary64 values number at most about 41 (each is more than
    /// 2⁵² times the previous one), so the initial 64 slots practically never grow.
    var partials: [Double] = [Double](repeating: 0, count: 64)
    var used = 0
    /// `true` once an intermediate sum overflowed; see the type's documentation.
    public private(set) var overflowed = false

    public init() {}

    /// Empties the accumulator, keeping its storage.
    public mutating func reset() {
        used = 0
        overflowed = false
    }

    /// Adds one finite value.
    @inline(__always)
    public mutating func add(_ value: Double) {
        var x = value
        var i = 0
        let count = used
        partials.withUnsafeMutableBufferPointer { p in
            for j in 0..<count {
                var y = p[j]
                if abs(x) < abs(y) { swap(&x, &y) }
                let hi = x + y
                let lo = y - (hi - x)
                if lo != 0 {
                    p[i] = lo
                    i += 1
                }
                x = hi
            }
        }
        used = i
        if x != 0 {
            if !x.isFinite {
                overflowed = true
                used = 0
                return
            }
            if used == partials.count { partials.append(0) }
            partials[used] = x
            used += 1
        }
    }

    /// The correctly rounded value of the sum so far (0 for no values).
    public var value: Double {
        var n = used
        if n == 0 { return 0 }
        n -= 1
        var hi = partials[n]
        var lo = 0.0
        while n > 0 {
            let x = hi
            n -= 1
            let y = partials[n]
            hi = x + y
            let yr = hi - x
            lo = y - yr
            if lo != 0 { break }
        }
        // Round half-even across partials: if the rest of the partials push the tail `lo`
        // past the half-way point, round `hi` away from it.
        if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
            let y = lo * 2
            let x = hi + y
            let yr = x - hi
            if y == yr { hi = x }
        }
        return hi
    }

    /// fsum of a sequence of finite values, or `nil` if an intermediate sum overflowed.
    public static func sum<S: Sequence>(_ values: S) -> Double? where S.Element == Double {
        var accumulator = CorrectlyRoundedSum()
        for v in values { accumulator.add(v) }
        return accumulator.overflowed ? nil : accumulator.value
    }
}

extension CorrectlyRoundedSum {
    /// The live partials, in increasing magnitude: non-overlapping binary64 values whose exact
    /// (unrounded) sum is the running sum. Empty for a sum of nothing or of zeros. Meaningless
    /// once ``overflowed``.
    public var partialValues: [Double] { Array(partials[0..<used]) }

    /// An accumulator holding the exact sum of `values`, with storage for just that many
    /// partials (it grows when more are added). Any finite values will do: they are added one
    /// by one, so the partials of another accumulator read back from a file give back its exact
    /// sum, and values that are not a valid partials list (a damaged file) still give their
    /// exact sum rather than a wrong rounding.
    public init(exactSumOf values: [Double]) {
        partials = []
        partials.reserveCapacity(max(values.count, 1))
        for value in values { add(value) }
    }

    /// Adds another accumulator's exact sum (its partials, one by one): the result is the exact
    /// sum of every value either has seen, so sums of disjoint parts merge into the sum of the
    /// whole in any grouping and order, and ``value`` rounds it once, as if every value had been
    /// added here. Overflow in either marks the result overflowed.
    public mutating func add(_ other: CorrectlyRoundedSum) {
        if other.overflowed {
            overflowed = true
            used = 0
            return
        }
        for index in 0..<other.used {
            add(other.partials[index])
        }
    }
}

/// The spec's mean of m finite values: fl(fsum(x) / m), one IEEE division after the correctly
/// rounded sum (`Fixtures/metrics/SPEC.md` §4 rule 4, §6). If the sum overflows, every value is scaled by 2⁻⁶⁴
/// before summing and the quotient by 2⁶⁴ after dividing (exact power-of-two scalings except
/// where a value underflows to a subnormal). Returns 0 for no values.
public func correctlyRoundedMean(_ values: UnsafeBufferPointer<Double>) -> Double {
    var accumulator = CorrectlyRoundedSum()
    return correctlyRoundedMean(values, using: &accumulator)
}

/// The same, reusing an accumulator's storage (for many small means, e.g. blocks).
internal func correctlyRoundedMean(_ values: UnsafeBufferPointer<Double>, using accumulator: inout CorrectlyRoundedSum) -> Double {
    if values.isEmpty { return 0 }
    if let sum = certifiedCompensatedSum(values) { return sum / Double(values.count) }
    if let sum = accumulator.sum(of: values, scale: 1) { return sum / Double(values.count) }
    let scaled = accumulator.sum(of: values, scale: 0x1p-64) ?? .nan  // cannot overflow
    return scaled / Double(values.count) * 0x1p64
}

extension CorrectlyRoundedSum {
    /// fsum(scale · values) from empty, or `nil` on overflow: the loop of ``add(_:)`` with the
    /// partials in a raw buffer, for the block means' hot path. Leaves the accumulator reset.
    internal mutating func sum(of values: UnsafeBufferPointer<Double>, scale: Double) -> Double? {
        reset()
        if partials.count < 64 { partials = [Double](repeating: 0, count: 64) }
        var overflow = false
        var count = 0
        partials.withUnsafeMutableBufferPointer { p in
            for value in values {
                var x = value * scale
                var i = 0
                for j in 0..<count {
                    // Knuth's branch-free TwoSum: the same (hi, lo) as the swap-and-FastTwoSum
                    // of `add(_:)`, lo being the exact error of fl(x + y).
                    let y = p[j]
                    let hi = x + y
                    let yv = hi - x
                    let lo = (x - (hi - yv)) + (y - yv)
                    p[i] = lo
                    i &+= lo != 0 ? 1 : 0
                    x = hi
                }
                count = i
                if x != 0 {
                    if !x.isFinite {
                        overflow = true
                        return
                    }
                    if count == p.count {  // cannot happen for binary64 (at most ~41 partials)
                        overflow = true
                        return
                    }
                    p[count] = x
                    count += 1
                }
            }
        }
        if overflow {
            // Either a real overflow or (never in practice) a partials overflow: redo slowly.
            var slow = CorrectlyRoundedSum()
            for v in values { slow.add(v * scale) }
            return slow.overflowed ? nil : slow.value
        }
        used = count
        let result = value
        reset()
        return result
    }
}

/// ``correctlyRoundedMean(_:)-(UnsafeBufferPointer<Double>)`` of an array.
public func correctlyRoundedMean(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { correctlyRoundedMean($0) }
}

/// A fast path for the correctly rounded sum: a compensated sum whose rounding is then
/// *certified*, or `nil` when it cannot be (the caller falls back to Shewchuk's algorithm).
///
/// Ogita, Rump & Oishi's Sum2 (SIAM J. Sci. Comput. 26(6), 2005): s accumulates the values
/// with TwoSum, whose errors eᵢ are exact, and c = fl(Σeᵢ); the exact sum is s + Σeᵢ and
/// |Σeᵢ − c| ≤ γ_{n−2}·γ_{n−1}·Σ|xᵢ| with γ_k = ku/(1 − ku), u = 2⁻⁵³. Then (r, t) = TwoSum(s, c)
/// splits s + c exactly, so the exact sum lies within B = 4n²u²·Σ|xᵢ| (a safe over-estimate)
/// of r + t. If [t − B, t + B] lies strictly inside the half-gaps to r's neighbours, every
/// real in that range rounds to r: r is the correctly rounded sum, as fsum would give it.
/// Near-midpoint cases, non-normal r (|r| < 2⁻¹⁰⁰⁰) and overflow return `nil`. Branch-free
/// per value, several times faster than the partials loop.
@inline(__always)
internal func certifiedCompensatedSum(_ values: UnsafeBufferPointer<Double>) -> Double? {
    var s = 0.0, c = 0.0, absolute = 0.0
    for x in values {
        let hi = s + x
        let v = hi - s
        c += (s - (hi - v)) + (x - v)
        s = hi
        absolute += abs(x)
    }
    let r = s + c
    let v = r - s
    let t = (s - (r - v)) + (c - v)
    guard r.isFinite, absolute.isFinite, abs(r) >= 0x1p-1000 else { return nil }
    let n = Double(values.count)
    let bound = 4 * n * n * 0x1p-106 * absolute
    let gapUp = (r.nextUp - r) / 2, gapDown = (r - r.nextDown) / 2
    return t + bound < gapUp && t - bound > -gapDown ? r : nil
}
