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
    var partials: [Double] = []
    /// `true` once an intermediate sum overflowed; see the type's documentation.
    public private(set) var overflowed = false

    public init() { partials.reserveCapacity(8) }

    /// Empties the accumulator, keeping its storage.
    public mutating func reset() {
        partials.removeAll(keepingCapacity: true)
        overflowed = false
    }

    /// Adds one finite value.
    public mutating func add(_ value: Double) {
        var x = value
        var i = 0
        let count = partials.count
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
        partials.removeSubrange(i..<count)
        if x != 0 {
            if !x.isFinite {
                overflowed = true
                partials.removeAll(keepingCapacity: true)
                return
            }
            partials.append(x)
        }
    }

    /// The correctly rounded value of the sum so far (0 for no values).
    public var value: Double {
        var n = partials.count
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

/// The spec's mean of m finite values: fl(fsum(x) / m), one IEEE division after the correctly
/// rounded sum (SPEC §4 rule 4, §6). If the sum overflows, every value is scaled by 2⁻⁶⁴
/// before summing and the quotient by 2⁶⁴ after dividing (exact power-of-two scalings except
/// where a value underflows to a subnormal). Returns 0 for no values.
public func correctlyRoundedMean(_ values: UnsafeBufferPointer<Double>) -> Double {
    if values.isEmpty { return 0 }
    var accumulator = CorrectlyRoundedSum()
    for v in values { accumulator.add(v) }
    if !accumulator.overflowed { return accumulator.value / Double(values.count) }
    accumulator.reset()
    for v in values { accumulator.add(v * 0x1p-64) }
    return accumulator.value / Double(values.count) * 0x1p64
}

/// ``correctlyRoundedMean(_:)-(UnsafeBufferPointer<Double>)`` of an array.
public func correctlyRoundedMean(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { correctlyRoundedMean($0) }
}
