/// The statistic a bootstrap interval is computed for.
public enum BootstrapStatistic: String, Sendable, Hashable {
    case auroc
    case averagePrecision
}

/// Percentile bootstrap confidence interval of AUROC or AP (`Fixtures/metrics/SPEC.md` §5.2).
///
/// - **Stratified** (default, as pROC): each replicate draws P anomalies with replacement from
///   the P anomalies, **then** N normals from the N normals. **Non-stratified**: n draws from
///   all instances; a replicate that comes out single-class is discarded and redrawn, and
///   ``redraws`` counts them.
/// - Random numbers: a ``BootstrapGenerator`` of the caller's type seeded with `seed`, integers
///   by its `uniformInt(below:)` (the toolkit passes Randomness's xoshiro256**, Lemire's unbiased
///   method). The draws index the instances of each
///   class in descending-score order, so the result depends only on the multiset of
///   (score, label) pairs and the seed, not on row order. It cannot reproduce numpy's PCG64
///   stream: the vectors' bounds are met within ±0.02 at B = 2000 instead of exactly.
/// - Efficient form: a replicate is a vector of multiplicities over the distinct thresholds,
///   and its statistic is computed in O(K) from the already sorted curve: the weighted
///   2U = Σ_k w⁻_k·(2·W⁺_{k−1} + w⁺_k) and the weighted AP; both equal the statistic of the
///   materialised resample exactly (the same integers, the same rounding).
/// - CI = the quantiles at α/2 and 1 − α/2 of the B replicate values with linear interpolation
///   (numpy's default, R type 7, ``linearQuantile(sorted:probability:)``).
public struct BootstrapInterval: Sendable {
    public let statistic: BootstrapStatistic
    /// The statistic on the original data.
    public let estimate: Double
    public let interval: ConfidenceInterval
    /// The B replicate values, in draw order.
    public let replicates: [Double]
    /// fsum mean of the replicates.
    public let mean: Double
    /// Sample standard deviation (ddof = 1) of the replicates.
    public let standardDeviation: Double
    public let seed: UInt64
    public let stratified: Bool
    /// Single-class replicates discarded and redrawn (always 0 when stratified).
    public let redraws: Int
    public let confidenceLevel: Double
}

extension BinaryCurve {
    /// A percentile bootstrap CI of `statistic` with `replicates` (B, default 2000) resamples,
    /// drawn by a `Generator` seeded with `seed`.
    public func bootstrap<Generator: BootstrapGenerator>(
        _ statistic: BootstrapStatistic = .auroc, replicates: Int = 2000, confidenceLevel: Double = 0.95,
        seed: UInt64, stratified: Bool = true, generator: Generator.Type
    ) throws -> BootstrapInterval {
        try validateConfidenceLevel(confidenceLevel)
        guard replicates >= 1 else {
            throw MetricsError.invalidParameter(name: "replicates", reason: "must be at least 1, got \(replicates)")
        }
        var sampler = BootstrapSampler(curve: self, generator: Generator(seed: seed), stratified: stratified)
        var values = [Double]()
        values.reserveCapacity(replicates)
        for _ in 0..<replicates {
            sampler.nextReplicate()
            values.append(sampler.weightedStatistic(statistic))
        }
        let sorted = values.sorted()
        let alpha = (1 - confidenceLevel) / 2
        let mean = correctlyRoundedMean(values)
        let squares = CorrectlyRoundedSum.sum(values.lazy.map { ($0 - mean) * ($0 - mean) }) ?? .nan
        return BootstrapInterval(
            statistic: statistic,
            estimate: statistic == .auroc ? auroc : averagePrecision,
            interval: ConfidenceInterval(lower: linearQuantile(sorted: sorted, probability: alpha),
                                         upper: linearQuantile(sorted: sorted, probability: 1 - alpha)),
            replicates: values, mean: mean,
            standardDeviation: replicates > 1 ? (squares / Double(replicates - 1)).squareRoot() : .nan,
            seed: seed, stratified: stratified, redraws: sampler.redraws, confidenceLevel: confidenceLevel)
    }
}

/// Draws bootstrap replicates as multiplicities over a curve's thresholds.
internal struct BootstrapSampler<Generator: BootstrapGenerator> {
    let curve: BinaryCurve
    let stratified: Bool
    var generator: Generator
    /// Stratified: threshold index of the i-th anomaly / normal in descending-score order.
    /// Non-stratified: threshold index << 1 | label of the i-th instance in that order.
    let positiveMap: [UInt32]
    let negativeMap: [UInt32]
    let instanceMap: [UInt32]
    /// Multiplicities of the current replicate per threshold.
    var positiveWeights: [Int]
    var negativeWeights: [Int]
    var redraws = 0

    init(curve: BinaryCurve, generator: Generator, stratified: Bool) {
        self.curve = curve
        self.stratified = stratified
        self.generator = generator
        let k = curve.thresholdCount
        var positiveMap = [UInt32](), negativeMap = [UInt32](), instanceMap = [UInt32]()
        var previousTP = 0, previousFP = 0
        for index in 0..<k {
            let tp = curve.truePositives(at: index), fp = curve.falsePositives(at: index)
            if stratified {
                positiveMap.append(contentsOf: repeatElement(UInt32(index), count: tp - previousTP))
                negativeMap.append(contentsOf: repeatElement(UInt32(index), count: fp - previousFP))
            } else {
                instanceMap.append(contentsOf: repeatElement(UInt32(index) << 1 | 1, count: tp - previousTP))
                instanceMap.append(contentsOf: repeatElement(UInt32(index) << 1, count: fp - previousFP))
            }
            previousTP = tp
            previousFP = fp
        }
        self.positiveMap = positiveMap
        self.negativeMap = negativeMap
        self.instanceMap = instanceMap
        self.positiveWeights = [Int](repeating: 0, count: k)
        self.negativeWeights = [Int](repeating: 0, count: k)
    }

    /// Draws the next replicate into ``positiveWeights`` / ``negativeWeights``.
    mutating func nextReplicate() {
        while true {
            for i in positiveWeights.indices {
                positiveWeights[i] = 0
                negativeWeights[i] = 0
            }
            if stratified {
                let p = positiveMap.count, n = negativeMap.count
                for _ in 0..<p { positiveWeights[Int(positiveMap[generator.uniformInt(below: p)])] += 1 }
                for _ in 0..<n { negativeWeights[Int(negativeMap[generator.uniformInt(below: n)])] += 1 }
                return
            }
            let n = instanceMap.count
            var drawnPositives = 0
            for _ in 0..<n {
                let code = instanceMap[generator.uniformInt(below: n)]
                if code & 1 == 1 {
                    positiveWeights[Int(code >> 1)] += 1
                    drawnPositives += 1
                } else {
                    negativeWeights[Int(code >> 1)] += 1
                }
            }
            if drawnPositives > 0 && drawnPositives < n { return }
            redraws += 1
        }
    }

    /// The statistic of the current replicate, in O(K) over the sorted thresholds.
    func weightedStatistic(_ statistic: BootstrapStatistic) -> Double {
        switch statistic {
        case .auroc:
            var twiceU: UInt64 = 0
            var tp: UInt64 = 0, fp: UInt64 = 0
            for k in positiveWeights.indices {
                let wp = UInt64(positiveWeights[k]), wn = UInt64(negativeWeights[k])
                twiceU += wn * (2 * tp + wp)
                tp += wp
                fp += wn
            }
            return correctlyRoundedQuotient(twiceU, 2 * tp * fp)
        case .averagePrecision:
            var sum = CorrectlyRoundedSum()
            var tp: UInt64 = 0, fp: UInt64 = 0
            for k in positiveWeights.indices {
                let wp = UInt64(positiveWeights[k]), wn = UInt64(negativeWeights[k])
                tp += wp
                fp += wn
                if wp != 0 { sum.add(Double(wp * tp) / Double(tp + fp)) }
            }
            return sum.value / Double(tp)
        }
    }
}
