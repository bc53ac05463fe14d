#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution: CDF through the C library's `erf`/`erfc` and the quantile
/// by Acklam's rational approximation polished by Halley steps.
public enum NormalDistribution {
    /// Φ(x): ½ + ½·erf(x/√2) near 0 and ½·erfc(|x|/√2) in the tails (the branches of
    /// Cephes/SciPy `ndtr`), so a tail probability keeps its full relative precision.
    ///
    /// The argument x/√2 is formed in double-double (x times 1/√2 split in two parts, the
    /// product's rounding error recovered by an FMA) and fed to `erf`/`erfc` with a first-order
    /// correction. Without it, the 10⁻¹⁶ relative error of the rounded argument is amplified by
    /// 2z² in the far tail (SciPy's Φ(−10) is off by 3.6·10⁻¹⁵ relative); with it the result
    /// is within a few ulp of the true value. Φ(±∞) = 1, 0; Φ(NaN) = NaN.
    public static func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x.isInfinite { return x > 0 ? 1 : 0 }
        let cHigh = 0.7071067811865476, cLow = -4.833646656726457e-17  // 1/√2 = cHigh + cLow
        let t = x * cHigh
        let tLow = fma(x, cHigh, -t) + x * cLow  // x/√2 − t, to first order
        let z = abs(t), zLow = t < 0 ? -tLow : tLow
        // d/dz erf(z) = 2/√π · exp(−z²)
        let slope = 1.1283791670955126 * exp(-z * z)
        if z < 0.7071067811865476 {
            return 0.5 + 0.5 * (erf(t) + tLow * slope)
        }
        let y = 0.5 * (erfc(z) - zLow * slope)
        return t > 0 ? 1 - y : y
    }

    /// The upper tail 1 − Φ(x) = Φ(−x) (SciPy `norm.sf`).
    public static func survival(_ x: Double) -> Double { cdf(-x) }

    /// Φ⁻¹(p) for p in (0, 1); −∞ at 0, +∞ at 1, NaN outside [0, 1].
    ///
    /// Acklam's approximation (relative error < 1.2·10⁻⁹) followed by two Halley steps on
    /// Φ(x) − p, which bring it to the accuracy of `erfc` (about 1 ulp in the centre).
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        for _ in 0..<2 {
            // Work on the smaller tail so the residual keeps its relative precision.
            let e = x < 0 ? cdf(x) - p : (1 - p) - survival(x)
            let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
            x -= u / (1 + x * u / 2)
        }
        return x
    }
}
