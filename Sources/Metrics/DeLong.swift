#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DeLong's test for two correlated AUROCs on the same labels, by the fast algorithm of Sun &
/// Xu (2014, IEEE SPL 21(11):1389–1393), and DeLong's CI of one AUROC (SPEC §5.1).
///
/// With m = P anomalies and n₀ = N normals, for each scorer r the placements are
///
///     V10ᵢ = (T_z,i − T_x,i)/n₀ = (#normals below sᵢ + ½ #normals tied with sᵢ)/n₀   (anomaly i)
///     V01ⱼ = 1 − (T_z,m+j − T_y,j)/m = (#anomalies above sⱼ + ½ #anomalies tied)/m    (normal j)
///
/// from the midranks T of Sun & Xu's Algorithm 1, and AUC_r = mean(V10). S10 and S01 are the
/// sample covariance matrices (ddof = 1) of V10 and V01 across scorers, S = S10/m + S01/n₀,
/// var_d = S₁₁ + S₂₂ − 2S₁₂, z = (AUC₁ − AUC₂)/√var_d, p = 2Φ(−|z|), p_greater = Φ(−z),
/// p_less = Φ(z), CI of the difference d ± z_{1−α/2}·√var_d.
///
/// Exactness: 2n₀·V10ᵢ = 2N − FP_k − FP_{k−1} and 2m·V01ⱼ = TP_k + TP_{k−1} are integers read off
/// the sorted curve, so every sum of placements and of their products is accumulated exactly in
/// 128-bit integers; each covariance is (m·Σab − Σa·Σb)/(m(m−1)) before scaling, and var_d is
/// the variance of the per-instance differences, formed the same way. Hence var_d = 0 exactly
/// for identical scorers and no cancellation in S₁₁ + S₂₂ − 2S₁₂; only the final scalings round.
/// The AUCs are the exact 2U/(2PN).
///
/// Edge cases: m < 2 or n₀ < 2 → ``MetricsError/delongTooFew(positives:negatives:)``;
/// var_d = 0 and d = 0 → z = 0, p = 1 (pROC); var_d = 0 and d ≠ 0 → z = ±∞, p = 0; a
/// negative var_d (impossible here, kept for safety) is clipped to 0. The single-AUROC CI
/// AUC ± z·√S₁₁ is clipped to [0, 1] like pROC's `ci.auc`.
public struct DeLongTest: Sendable, Hashable {
    public let auc1: Double
    public let auc2: Double
    /// d = AUC₁ − AUC₂ (correctly rounded from the exact integers).
    public let difference: Double
    /// S₁₁, the DeLong variance of AUC₁.
    public let variance1: Double
    /// S₂₂, the DeLong variance of AUC₂.
    public let variance2: Double
    /// S₁₂, their covariance.
    public let covariance: Double
    /// var_d = S₁₁ + S₂₂ − 2S₁₂.
    public let varianceOfDifference: Double
    /// z = d/√var_d.
    public let z: Double
    /// Two-sided p-value 2Φ(−|z|).
    public let pValue: Double
    /// One-sided p-value for AUC₁ > AUC₂: Φ(−z).
    public let pGreater: Double
    /// One-sided p-value for AUC₁ < AUC₂: Φ(z).
    public let pLess: Double
    /// d ± z_{1−α/2}·√var_d.
    public let differenceInterval: ConfidenceInterval
    /// DeLong CI of AUC₁, clipped to [0, 1].
    public let auc1Interval: ConfidenceInterval
    /// DeLong CI of AUC₂, clipped to [0, 1].
    public let auc2Interval: ConfidenceInterval
    public let confidenceLevel: Double

    /// Compares two scorers on the same labels (`true` = anomaly).
    public init(scores1: [Double], scores2: [Double], labels: [Bool], confidenceLevel: Double = 0.95) throws {
        try validateConfidenceLevel(confidenceLevel)
        guard scores2.count == scores1.count else {
            throw MetricsError.lengthMismatch(expected: scores1.count, actual: scores2.count)
        }
        let classes = try DeLongPlacements.Classes(labels: labels, count: scores1.count)
        let a = try DeLongPlacements(scores: scores1, classes: classes)
        let b = try DeLongPlacements(scores: scores2, classes: classes)
        let m = classes.positives, n0 = classes.negatives
        let p = UInt64(m), n = UInt64(n0)

        // Exact sums over anomalies (V10 scaled by 2N) and normals (V01 scaled by 2P).
        var pos = CrossSums(), neg = CrossSums()
        for i in 0..<m { pos.add(Int128(a.v10[i]), Int128(b.v10[i])) }
        for j in 0..<n0 { neg.add(Int128(a.v01[j]), Int128(b.v01[j])) }

        func component(_ numerator: Int128, count: Int, scale: UInt64) -> Double {
            // numerator / (count²(count−1)·scale²): the sample covariance of the scaled
            // placements divided by count, then by scale² to undo the integer scaling.
            let c = Double(count)
            return Double(numerator) / c / c / Double(count - 1) / Double(scale) / Double(scale)
        }
        let s11 = component(pos.centered(\.xx, \.x, \.x, m), count: m, scale: 2 * n)
            + component(neg.centered(\.xx, \.x, \.x, n0), count: n0, scale: 2 * p)
        let s22 = component(pos.centered(\.yy, \.y, \.y, m), count: m, scale: 2 * n)
            + component(neg.centered(\.yy, \.y, \.y, n0), count: n0, scale: 2 * p)
        let s12 = component(pos.centered(\.xy, \.x, \.y, m), count: m, scale: 2 * n)
            + component(neg.centered(\.xy, \.x, \.y, n0), count: n0, scale: 2 * p)
        let vd = component(pos.centeredDifference(m), count: m, scale: 2 * n)
            + component(neg.centeredDifference(n0), count: n0, scale: 2 * p)

        let denominator = 2 * p * n
        auc1 = correctlyRoundedQuotient(a.twiceU, denominator)
        auc2 = correctlyRoundedQuotient(b.twiceU, denominator)
        difference = correctlyRoundedQuotient(Int64(a.twiceU) - Int64(b.twiceU), denominator)
        variance1 = s11
        variance2 = s22
        covariance = s12
        varianceOfDifference = max(vd, 0)
        self.confidenceLevel = confidenceLevel
        let sigma = varianceOfDifference.squareRoot()
        if sigma == 0 {
            z = difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)
        } else {
            z = difference / sigma
        }
        pValue = 2 * NormalDistribution.survival(abs(z))
        pGreater = NormalDistribution.survival(z)
        pLess = NormalDistribution.cdf(z)
        let zc = NormalDistribution.quantile(1 - (1 - confidenceLevel) / 2)
        differenceInterval = ConfidenceInterval(lower: difference - zc * sigma, upper: difference + zc * sigma)
        auc1Interval = DeLongInterval.interval(auc: auc1, variance: s11, zc: zc)
        auc2Interval = DeLongInterval.interval(auc: auc2, variance: s22, zc: zc)
    }
}

/// DeLong's confidence interval of one AUROC: AUC ± z_{1−α/2}·√S₁₁, clipped to [0, 1] as pROC's
/// `ci.auc` does (see ``DeLongTest`` for S₁₁). Needs ≥ 2 anomalies and ≥ 2 normals.
public struct DeLongInterval: Sendable, Hashable {
    public let auc: Double
    /// S₁₁ = S10/m + S01/n₀.
    public let variance: Double
    public let interval: ConfidenceInterval
    public let confidenceLevel: Double

    public init(scores: [Double], labels: [Bool], confidenceLevel: Double = 0.95) throws {
        try validateConfidenceLevel(confidenceLevel)
        let classes = try DeLongPlacements.Classes(labels: labels, count: scores.count)
        let a = try DeLongPlacements(scores: scores, classes: classes)
        let m = classes.positives, n0 = classes.negatives
        var pos = CrossSums(), neg = CrossSums()
        for i in 0..<m { pos.add(Int128(a.v10[i]), 0) }
        for j in 0..<n0 { neg.add(Int128(a.v01[j]), 0) }
        let cm = Double(m), cn = Double(n0)
        let v = Double(pos.centered(\.xx, \.x, \.x, m)) / cm / cm / Double(m - 1) / Double(2 * n0) / Double(2 * n0)
            + Double(neg.centered(\.xx, \.x, \.x, n0)) / cn / cn / Double(n0 - 1) / Double(2 * m) / Double(2 * m)
        auc = correctlyRoundedQuotient(a.twiceU, 2 * UInt64(m) * UInt64(n0))
        variance = v
        self.confidenceLevel = confidenceLevel
        interval = DeLongInterval.interval(auc: auc, variance: v,
                                           zc: NormalDistribution.quantile(1 - (1 - confidenceLevel) / 2))
    }

    static func interval(auc: Double, variance: Double, zc: Double) -> ConfidenceInterval {
        let half = zc * max(variance, 0).squareRoot()
        return ConfidenceInterval(lower: auc - half, upper: auc + half).clipped(to: 0, 1)
    }
}

/// Exact running sums Σx, Σy, Σx², Σy², Σxy of integer placements.
private struct CrossSums {
    var x: Int128 = 0, y: Int128 = 0, xx: Int128 = 0, yy: Int128 = 0, xy: Int128 = 0

    mutating func add(_ a: Int128, _ b: Int128) {
        x += a
        y += b
        xx += a * a
        yy += b * b
        xy += a * b
    }

    /// count·Σuv − Σu·Σv = count·(count − 1)·(sample covariance of u and v), exactly.
    func centered(_ uv: KeyPath<CrossSums, Int128>, _ u: KeyPath<CrossSums, Int128>,
                  _ v: KeyPath<CrossSums, Int128>, _ count: Int) -> Int128 {
        Int128(count) * self[keyPath: uv] - self[keyPath: u] * self[keyPath: v]
    }

    /// The same for the differences x − y: Σ(x−y)² = Σx² + Σy² − 2Σxy, Σ(x−y) = Σx − Σy.
    func centeredDifference(_ count: Int) -> Int128 {
        let dd = xx + yy - 2 * xy
        let d = x - y
        return Int128(count) * dd - d * d
    }
}

/// The scaled DeLong placements of one scorer, per anomaly and per normal in row order:
/// `v10[i]` = 2N·V10ᵢ = 2N − FP_k − FP_{k−1} and `v01[j]` = 2P·V01ⱼ = TP_k + TP_{k−1}, where k is
/// the instance's threshold index. One radix sort with the row index as payload.
internal struct DeLongPlacements {
    /// Class counts and each row's position within its class.
    struct Classes {
        let positives: Int
        let negatives: Int
        let labels: [Bool]
        /// Row i's index among the anomalies (if `labels[i]`) or among the normals.
        let slot: [UInt32]

        /// The exact sums above stay within 128 bits for n ≤ 2³¹ − 1.
        static let maximumCount = Int(Int32.max)

        init(labels: [Bool], count: Int) throws {
            guard labels.count == count else { throw MetricsError.lengthMismatch(expected: count, actual: labels.count) }
            guard count > 0 else { throw MetricsError.empty }
            guard count <= Classes.maximumCount else {
                throw MetricsError.tooManyRows(count: count, limit: Classes.maximumCount)
            }
            var slot = [UInt32](repeating: 0, count: count)
            var p = 0, q = 0
            for i in 0..<count {
                if labels[i] {
                    slot[i] = UInt32(p)
                    p += 1
                } else {
                    slot[i] = UInt32(q)
                    q += 1
                }
            }
            guard p > 0 && q > 0 else { throw MetricsError.singleClass(positives: p, count: count) }
            guard p >= 2 && q >= 2 else { throw MetricsError.delongTooFew(positives: p, negatives: q) }
            self.positives = p
            self.negatives = q
            self.labels = labels
            self.slot = slot
        }
    }

    var v10: [UInt64]
    var v01: [UInt64]
    var twiceU: UInt64

    init(scores: [Double], classes: Classes) throws {
        let n = scores.count
        if let index = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        var keys = scores.map(RadixSort.descendingKey)
        var rows = [UInt32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = UInt32(i) }
            initialized = n
        }
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratchRows = [UInt32](repeating: 0, count: n)
        let inScratch = keys.withUnsafeMutableBufferPointer { k in
            rows.withUnsafeMutableBufferPointer { r in
                scratchKeys.withUnsafeMutableBufferPointer { sk in
                    scratchRows.withUnsafeMutableBufferPointer { sr in
                        RadixSort.sort(keys: k.baseAddress!, payload: r.baseAddress!,
                                       scratchKeys: sk.baseAddress!, scratchPayload: sr.baseAddress!, count: n)
                    }
                }
            }
        }
        if inScratch {
            swap(&keys, &scratchKeys)
            swap(&rows, &scratchRows)
        }
        scratchKeys = []
        scratchRows = []

        let twiceN = 2 * UInt64(classes.negatives)
        var v10 = [UInt64](repeating: 0, count: classes.positives)
        var v01 = [UInt64](repeating: 0, count: classes.negatives)
        var tp: UInt64 = 0, fp: UInt64 = 0
        var twiceU: UInt64 = 0
        var start = 0
        while start < n {
            let key = keys[start]
            var stop = start
            var dtp: UInt64 = 0, dfp: UInt64 = 0
            while stop < n && keys[stop] == key {
                if classes.labels[Int(rows[stop])] { dtp += 1 } else { dfp += 1 }
                stop += 1
            }
            let a = twiceN - (fp + dfp) - fp  // 2N − FP_k − FP_{k−1}
            let b = (tp + dtp) + tp            // TP_k + TP_{k−1}
            for s in start..<stop {
                let row = Int(rows[s])
                if classes.labels[row] { v10[Int(classes.slot[row])] = a } else { v01[Int(classes.slot[row])] = b }
            }
            twiceU += dfp * b
            tp += dtp
            fp += dfp
            start = stop
        }
        self.v10 = v10
        self.v01 = v01
        self.twiceU = twiceU
    }
}
