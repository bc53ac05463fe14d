#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with ν > 0 degrees of freedom, through the regularized incomplete
/// beta function:
///
///     P(T > t) = ½ · I_x(ν/2, ½),  x = ν/(ν + t²),  t ≥ 0
///
/// and symmetry for t < 0. `I` is evaluated by its continued fraction (``regularizedIncompleteBeta(_:_:_:)``),
/// so tail probabilities keep their relative precision (no 1 − Φ cancellation).
public enum StudentTDistribution {
    /// The upper tail P(T > t) (SciPy `t.sf`). NaN for ν ≤ 0 or NaN input.
    public static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || !(nu > 0) { return .nan }
        if t == .infinity { return 0 }
        if t == -.infinity { return 1 }
        let t2 = t * t
        // x = ν/(ν+t²) and 1 − x = t²/(ν+t²), each formed directly.
        let x = nu / (nu + t2)
        let oneMinusX = t2 / (nu + t2)
        let tail = 0.5 * regularizedIncompleteBeta(nu / 2, 0.5, x, complement: oneMinusX)
        return t >= 0 ? tail : 1 - tail
    }

    /// P(T ≤ t) (SciPy `t.cdf`).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        survival(-t, degreesOfFreedom: nu)
    }

    /// The density f(t) = Γ((ν+1)/2)/(√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2).
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logNorm = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The quantile: the t with P(T ≤ t) = p (SciPy `t.ppf`), for p in (0, 1).
    ///
    /// Closed forms for ν = 1 (t = tan(π(p − ½)), written as a cotangent of the tail) and ν = 2;
    /// otherwise Newton's method on the tail probability, kept inside a bisection bracket,
    /// until the step is below 2 ulp. Accuracy follows the CDF's, about 10⁻¹⁴ relative.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        if p.isNaN || !(nu > 0) || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let upper = p > 0.5
        let q = upper ? 1 - p : p  // the tail probability, ≤ ½
        let t: Double
        if nu == 1 {
            t = 1 / tan(Double.pi * q)
        } else if nu == 2 {
            t = (1 - 2 * q) / (2 * q * (1 - q)).squareRoot()
        } else {
            // Solve survival(t) = q for t > 0.
            var low = 0.0
            var high = max(1.0, -NormalDistribution.quantile(q))
            while survival(high, degreesOfFreedom: nu) > q { low = high; high *= 2 }
            var x = min(max(-NormalDistribution.quantile(q), low), high)
            for _ in 0..<200 {
                let f = survival(x, degreesOfFreedom: nu) - q
                if f == 0 { break }
                if f > 0 { low = x } else { high = x }
                var next = x + f / density(x, degreesOfFreedom: nu)
                if !(next > low && next < high) { next = (low + high) / 2 }
                let step = abs(next - x)
                x = next
                if step <= 2 * x.ulp || high - low <= 2 * x.ulp { break }
            }
            t = x
        }
        return upper ? t : -t
    }
}

/// ln Γ(x) by the reentrant C function (the plain `lgamma` writes a global sign).
@usableFromInline
internal func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
}

/// The regularized incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1].
///
/// Continued fraction (modified Lentz; Numerical Recipes §6.4) on whichever of I_x(a, b) and
/// 1 − I_{1−x}(b, a) converges fast (x < (a+1)/(a+b+2)). The prefactor xᵃ(1−x)ᵇ/(a·B(a,b)) is
/// formed in logarithms with `lgamma_r`. `complement`, if given, is 1 − x computed by the
/// caller without cancellation.
public func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double, complement: Double? = nil) -> Double {
    if x.isNaN || !(a > 0) || !(b > 0) || x < 0 || x > 1 { return .nan }
    let y = complement ?? (1 - x)
    if x == 0 { return 0 }
    if y == 0 { return 1 }
    let logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log(y)
    let front = exp(logFront)
    if x < (a + 1) / (a + b + 2) {
        return front * betaContinuedFraction(a, b, x) / a
    }
    return 1 - front * betaContinuedFraction(b, a, y) / b
}

private func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    let eps = 1e-16
    let qab = a + b, qap = a + 1, qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
        let m = Double(m)
        let m2 = 2 * m
        var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < tiny { d = tiny }
        c = 1 + aa / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        if abs(d) < tiny { d = tiny }
        c = 1 + aa / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < eps { break }
    }
    return h
}
