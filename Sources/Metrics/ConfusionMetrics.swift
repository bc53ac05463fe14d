#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The confusion matrix of a thresholded detector and every metric derived from it
/// (`Fixtures/metrics/SPEC.md` §3.1). Anomaly = positive class; P = TP + FN, N = FP + TN, n = P + N.
///
/// | metric | definition | denominator 0 |
/// |---|---|---|
/// | ``precision`` | TP/(TP+FP) | 0 |
/// | ``recall`` = ``tpr`` | TP/P | 0 |
/// | ``fpr`` | FP/N | 0 |
/// | ``f1`` (anomaly class) | 2TP/(2TP+FP+FN), *not* 2pr/(p+r) (they can differ in the last ulp) | 0 |
/// | ``f1Normal`` | 2TN/(2TN+FN+FP) | 0 |
/// | ``f1Macro`` | (F1 + F1_normal)/2 | — |
/// | ``accuracy`` | (TP+TN)/n | 0 |
/// | ``balancedAccuracy`` | (TPR + TN/N)/2 | — |
/// | ``mcc`` | (TP·TN − FP·FN)/√((TP+FP)(TP+FN)(TN+FP)(TN+FN)) | 0 |
/// | ``youdenJ`` | TP/P − FP/N = (TP·N − FP·P)/(P·N), correctly rounded | 0 |
///
/// Each ratio of counts is a single IEEE division of exactly representable integers, hence
/// correctly rounded. MCC forms TP·TN − FP·FN exactly in 128-bit integers and the product
/// under the root exactly (for counts below 2³²), so it is fl(num)/√fl(den), the same value
/// Python's integer arithmetic gives, with no overflow for n up to 4·10⁹.
public struct ConfusionMetrics: Sendable, Hashable {
    public let tp: Int
    public let fp: Int
    public let fn: Int
    public let tn: Int

    /// A confusion matrix from its four counts, which must be non-negative.
    public init(tp: Int, fp: Int, fn: Int, tn: Int) throws {
        for (name, value) in [("tp", tp), ("fp", fp), ("fn", fn), ("tn", tn)] where value < 0 {
            throw MetricsError.invalidParameter(name: name, reason: "a count must be non-negative, got \(value)")
        }
        self.init(unchecked: tp, fp, fn, tn)
    }

    @usableFromInline
    internal init(unchecked tp: Int, _ fp: Int, _ fn: Int, _ tn: Int) {
        self.tp = tp
        self.fp = fp
        self.fn = fn
        self.tn = tn
    }

    /// P = TP + FN.
    public var positives: Int { tp + fn }
    /// N = FP + TN.
    public var negatives: Int { fp + tn }
    /// n = P + N.
    public var count: Int { tp + fp + fn + tn }
    /// Instances flagged as anomalous: TP + FP.
    public var nFlagged: Int { tp + fp }

    @inline(__always)
    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    /// TP/(TP+FP); 0 when nothing is flagged (sklearn `zero_division=0`).
    public var precision: Double { ratio(tp, tp + fp) }
    /// TP/P; 0 when P = 0.
    public var recall: Double { ratio(tp, positives) }
    /// True-positive rate, the same as ``recall``.
    public var tpr: Double { recall }
    /// FP/N; 0 when N = 0.
    public var fpr: Double { ratio(fp, negatives) }
    /// TN/N (specificity); 0 when N = 0.
    public var tnr: Double { ratio(tn, negatives) }
    /// F1 of the anomaly class, 2TP/(2TP+FP+FN); 0 when the denominator is 0.
    public var f1: Double { ratio(2 * tp, 2 * tp + fp + fn) }
    /// F1 of the normal class, 2TN/(2TN+FN+FP); 0 when the denominator is 0.
    public var f1Normal: Double { ratio(2 * tn, 2 * tn + fn + fp) }
    /// (F1 + F1_normal)/2, sklearn's `average="macro"`.
    public var f1Macro: Double { (f1 + f1Normal) / 2 }
    /// (TP+TN)/n; 0 for an empty matrix.
    public var accuracy: Double { ratio(tp + tn, count) }
    /// (TPR + TN/N)/2.
    public var balancedAccuracy: Double { (recall + tnr) / 2 }

    /// Youden's J = TPR − FPR, as the correctly rounded value of the exact rational
    /// (TP·N − FP·P)/(P·N) (so exact ties stay ties). 0 when P = 0 or N = 0.
    public var youdenJ: Double {
        let p = positives, n = negatives
        if p == 0 || n == 0 { return 0 }
        let key = Int128(tp) * Int128(n) - Int128(fp) * Int128(p)
        let den = UInt128(p) * UInt128(n)
        if let k = Int64(exactly: key), let d = UInt64(exactly: den) {
            return correctlyRoundedQuotient(k, d)
        }
        return Double(key) / Double(den)
    }

    /// Matthews correlation coefficient; 0 when any margin is 0 (sklearn's convention).
    public var mcc: Double {
        let a = tp + fp, b = tp + fn, c = tn + fp, d = tn + fn
        if a == 0 || b == 0 || c == 0 || d == 0 { return 0 }
        let numerator = Int128(tp) * Int128(tn) - Int128(fp) * Int128(fn)
        let limit = Int(UInt32.max)
        if a <= limit && b <= limit && c <= limit && d <= limit {
            // Each factor < 2³², so the product is exact in 128 bits: fl(num)/√fl(den).
            let product = UInt128(a) * UInt128(b) * UInt128(c) * UInt128(d)
            return Double(numerator) / Double(product).squareRoot()
        }
        return Double(numerator) / (Double(a).squareRoot() * Double(b).squareRoot()
            * Double(c).squareRoot() * Double(d).squareRoot())
    }
}
