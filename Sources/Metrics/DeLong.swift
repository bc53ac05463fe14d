import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DeLong's test for two correlated AUROCs on the same labels, by the fast algorithm of Sun &
/// Xu (2014, IEEE SPL 21(11):1389–1393), and DeLong's CI of one AUROC (`Fixtures/metrics/SPEC.md` §5.1).
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

    /// Compares two scorers on the same labels (`true` = anomaly): each row is one pair of
    /// scores with weight one (``DeLongSums``).
    public init(scores1: [Double], scores2: [Double], labels: [Bool], confidenceLevel: Double = 0.95) throws {
        try validateConfidenceLevel(confidenceLevel)
        guard scores2.count == scores1.count else {
            throw MetricsError.lengthMismatch(expected: scores1.count, actual: scores2.count)
        }
        let classes = try DeLongSums.Classes(labels: labels, count: scores1.count)
        let keys1 = try DeLongSums.keys(scores1), keys2 = try DeLongSums.keys(scores2)
        self.init(DeLongSums(keys1: consume keys1, keys2: consume keys2, counts: labels.map { $0 ? 1 : 1 << 32 }, classes: classes),
                  confidenceLevel: confidenceLevel)
    }

    /// Compares two scorers on the rows that the pair tables of `parts` count (disjoint sets of
    /// rows, such as the shards of a file): the test of all their rows, bit for bit the one
    /// ``init(scores1:scores2:labels:confidenceLevel:)`` gives on those rows. Each distinct
    /// pair is one weighted entry: a scorer's placement depends on its score only, so the
    /// sums over the rows are count-weighted sums over the pairs, the same integers.
    public init(merging parts: [DistinctPairCounts], confidenceLevel: Double = 0.95) throws {
        try validateConfidenceLevel(confidenceLevel)
        let classes = try DeLongSums.Classes(positives: parts.reduce(0) { $0 + $1.positiveCount },
                                             count: parts.reduce(0) { $0 + $1.rowCount })
        let total = parts.reduce(0) { $0 + $1.count }
        var keys1 = [UInt64](), keys2 = [UInt64](), counts = [UInt64]()
        keys1.reserveCapacity(total)
        keys2.reserveCapacity(total)
        counts.reserveCapacity(total)
        for part in parts {
            part.withWords { w in
                for k in 0..<(w.count / 3) {
                    keys1.append(w[3 * k])
                    keys2.append(w[3 * k + 1])
                    counts.append(w[3 * k + 2])
                }
            }
        }
        self.init(DeLongSums(keys1: consume keys1, keys2: consume keys2, counts: counts, classes: classes), confidenceLevel: confidenceLevel)
    }

    /// The test of the rows one pair table counts (``init(merging:confidenceLevel:)``).
    public init(_ pairs: DistinctPairCounts, confidenceLevel: Double = 0.95) throws {
        try self.init(merging: [pairs], confidenceLevel: confidenceLevel)
    }

    private init(_ sums: DeLongSums, confidenceLevel: Double) {
        let m = sums.positives, n0 = sums.negatives
        let p = UInt64(m), n = UInt64(n0)
        let pos = sums.pos, neg = sums.neg

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
        auc1 = correctlyRoundedQuotient(sums.twiceU1, denominator)
        auc2 = correctlyRoundedQuotient(sums.twiceU2, denominator)
        difference = correctlyRoundedQuotient(Int64(sums.twiceU1) - Int64(sums.twiceU2), denominator)
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
        let classes = try DeLongSums.Classes(labels: labels, count: scores.count)
        let sums = DeLongSums(keys1: try DeLongSums.keys(scores), keys2: nil, counts: labels.map { $0 ? 1 : 1 << 32 },
                              classes: classes)
        let m = classes.positives, n0 = classes.negatives
        let pos = sums.pos, neg = sums.neg
        let cm = Double(m), cn = Double(n0)
        let v = Double(pos.centered(\.xx, \.x, \.x, m)) / cm / cm / Double(m - 1) / Double(2 * n0) / Double(2 * n0)
            + Double(neg.centered(\.xx, \.x, \.x, n0)) / cn / cn / Double(n0 - 1) / Double(2 * m) / Double(2 * m)
        auc = correctlyRoundedQuotient(sums.twiceU1, 2 * UInt64(m) * UInt64(n0))
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

    /// Adds `weight` instances with placements `a` and `b` (each below 2³², the weight too, so
    /// weight·a fits in 64 bits and every product in 96).
    @inline(__always)
    mutating func add(_ weight: UInt64, _ a: UInt64, _ b: UInt64) {
        let wa = Int128(weight &* a), wb = Int128(weight &* b)
        x += wa
        y += wb
        xx += wa * Int128(a)
        yy += wb * Int128(b)
        xy += wa * Int128(b)
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

/// The exact integer sums of DeLong's test, from weighted entries: entry i stands for
/// `counts[i] & 0xFFFF_FFFF` anomalies and `counts[i] >> 32` normals that scorer 1 scored with
/// key `keys1[i]` and scorer 2 with `keys2[i]` (``RadixSort`` descending-order keys). A row is
/// an entry of weight one; a distinct pair of ``DistinctPairCounts`` an entry weighted by its
/// counts; entries may repeat a pair (shards not merged) and come in any order.
///
/// Per scorer, one stable radix sort of the keys (skipped when they are sorted already, as
/// the first keys of a pair table are) groups equal scores; a group's scaled placements are
/// 2N·V10 = 2N − FP_k − FP_{k−1} for its anomalies and 2P·V01 = TP_k + TP_{k−1} for its normals,
/// where k is the group's threshold index and TP, FP count the entries' weights: the same for
/// every row of the group, so the placements of the rows, and any sum over them, are those of
/// the entries times their weights. The sums over anomalies (`pos`) and over normals (`neg`)
/// are then accumulated in 128-bit integers, exactly, whatever the order.
internal struct DeLongSums {
    /// Class counts m = P and n₀ = N, checked as DeLong needs them.
    struct Classes {
        let positives: Int
        let negatives: Int

        /// The exact sums stay within 128 bits for n ≤ 2³¹ − 1.
        static let maximumCount = Int(Int32.max)

        /// From the labels of `count` rows.
        init(labels: [Bool], count: Int) throws {
            guard labels.count == count else { throw MetricsError.lengthMismatch(expected: count, actual: labels.count) }
            try self.init(positives: labels.reduce(0) { $0 + ($1 ? 1 : 0) }, count: count)
        }

        /// From the totals: `count` rows, `positives` of them anomalies.
        init(positives p: Int, count: Int) throws {
            guard count > 0 else { throw MetricsError.empty }
            guard count <= Classes.maximumCount else {
                throw MetricsError.tooManyRows(count: count, limit: Classes.maximumCount)
            }
            let q = count - p
            guard p > 0 && q > 0 else { throw MetricsError.singleClass(positives: p, count: count) }
            guard p >= 2 && q >= 2 else { throw MetricsError.delongTooFew(positives: p, negatives: q) }
            positives = p
            negatives = q
        }
    }

    let positives: Int
    let negatives: Int
    /// Over the anomalies: x = 2N·V10 of scorer 1, y = that of scorer 2.
    fileprivate var pos = CrossSums()
    /// Over the normals: x = 2P·V01 of scorer 1, y = that of scorer 2.
    fileprivate var neg = CrossSums()
    /// 2U of each scorer (AUC = 2U/(2PN)).
    var twiceU1: UInt64 = 0
    var twiceU2: UInt64 = 0

    /// The keys of finite scores; the first non-finite one is an error naming its index.
    static func keys(_ scores: [Double]) throws -> [UInt64] {
        if let index = scores.firstIndex(where: { !$0.isFinite }) { throw MetricsError.nonFiniteScore(index: index) }
        return scores.map(RadixSort.descendingKey)
    }

    /// The sums of the entries (`keys2` nil: scorer 1 alone, its y sums zero), whose weights
    /// must add up to the classes' counts.
    init(keys1: consuming [UInt64], keys2: consuming [UInt64]?, counts: [UInt64], classes: Classes) {
        positives = classes.positives
        negatives = classes.negatives
        let twiceN = 2 * UInt64(negatives)
        // The scorers' placements are independent: one thread each (the keys are sorted in place).
        var keys = [keys1] + (keys2.map { [$0] } ?? [])
        var results = [(packed: [UInt64], twiceU: UInt64)](repeating: ([], 0), count: keys.count)
        keys.withUnsafeMutableBufferPointer { keySlots in
            results.withUnsafeMutableBufferPointer { resultSlots in
                nonisolated(unsafe) let keySlots = keySlots, resultSlots = resultSlots
                DispatchQueue.concurrentPerform(iterations: keySlots.count) { side in
                    resultSlots[side] = DeLongSums.placements(&keySlots[side], counts: counts, twiceN: twiceN)
                    keySlots[side] = []
                }
            }
        }
        let placements1 = results[0].packed
        twiceU1 = results[0].twiceU
        let placements2 = results.count > 1 ? results[1].packed : []
        if results.count > 1 { twiceU2 = results[1].twiceU }
        let second = !placements2.isEmpty
        for i in counts.indices {
            let weights = counts[i]
            let anomalies = weights & 0xFFFF_FFFF, normals = weights >> 32
            let a = placements1[i], b = second ? placements2[i] : 0
            if anomalies != 0 { pos.add(anomalies, a >> 32, b >> 32) }
            if normals != 0 { neg.add(normals, a & 0xFFFF_FFFF, b & 0xFFFF_FFFF) }
        }
    }

    /// Per entry its scorer's scaled placements packed as `2N·V10 << 32 | 2P·V01` (each below
    /// 2³²), and the scorer's 2U. Sorts the keys in place.
    static func placements(_ sorted: inout [UInt64], counts: [UInt64], twiceN: UInt64) -> (packed: [UInt64], twiceU: UInt64) {
        let n = sorted.count
        var order: [UInt32] = []
        var alreadySorted = true
        for i in 1..<max(n, 1) where sorted[i] < sorted[i - 1] {
            alreadySorted = false
            break
        }
        if !alreadySorted {
            order = [UInt32](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n { buffer[i] = UInt32(i) }
                initialized = n
            }
            RadixSort.sort(&sorted, payload: &order)
        }
        var packed = [UInt64](repeating: 0, count: n)
        var tp: UInt64 = 0, fp: UInt64 = 0, twiceU: UInt64 = 0
        var start = 0
        while start < n {
            let key = sorted[start]
            var stop = start
            var dtp: UInt64 = 0, dfp: UInt64 = 0
            while stop < n && sorted[stop] == key {
                let weights = counts[alreadySorted ? stop : Int(order[stop])]
                dtp += weights & 0xFFFF_FFFF
                dfp += weights >> 32
                stop += 1
            }
            let a = twiceN - (fp + dfp) - fp  // 2N − FP_k − FP_{k−1}
            let b = (tp + dtp) + tp            // TP_k + TP_{k−1}
            for s in start..<stop { packed[alreadySorted ? s : Int(order[s])] = a << 32 | b }
            twiceU += dfp * b
            tp += dtp
            fp += dfp
            start = stop
        }
        return (packed, twiceU)
    }
}
