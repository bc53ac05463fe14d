import Randomness
import Testing
@testable import Metrics

/// The bootstrap CI against the `bootstrap` cases (within ±0.02: our RNG is xoshiro256**, not
/// numpy's PCG64) and the efficient weighted form against materialised resamples.
@Suite struct BootstrapTests {
    @Test("bootstrap vectors: AUROC exact, CI within 0.02, DeLong CI within 1e-12", arguments: Fixtures.cases(kind: "bootstrap"))
    func bootstrapVector(name: String) throws {
        let vector = Fixtures.vectorCase(name)
        let params = vector["params"]!
        let expected = vector["expected"]!
        let column = try #require(vector["input"]?["score_column"]?.string)
        let data = Fixtures.aSAH(scoreColumn: column)
        let curve = try BinaryCurve(scores: data.scores, labels: data.labels)
        let tolerance = try #require(vector["tolerance_other_rng"]?.double)
        let result = try curve.bootstrap(
            .auroc, replicates: try #require(params["n_boot"]?.int),
            confidenceLevel: try #require(params["conf_level"]?.double),
            seed: UInt64(try #require(params["seed"]?.int)), stratified: params["stratified"]?.bool == true, generator: Xoshiro.self)
        #expect(result.replicates.count == 2000)
        expectClose(result.estimate, field(expected, "auc"), tolerance: ReferenceVectors.tolerance, "\(name).auc")
        expectClose(result.interval.lower, field(expected["ci"], 0), tolerance: tolerance, "\(name).ci[0]")
        expectClose(result.interval.upper, field(expected["ci"], 1), tolerance: tolerance, "\(name).ci[1]")
        expectClose(result.mean, field(expected, "boot_mean"), tolerance: tolerance, "\(name).boot_mean")
        expectClose(result.standardDeviation, field(expected, "boot_sd"), tolerance: tolerance, "\(name).boot_sd")
        #expect(result.redraws == expected["redraws"]?.int)
        #expect(result.stratified == expected["stratified"]?.bool)
        let delong = try DeLongInterval(scores: data.scores, labels: data.labels)
        expectClose(delong.interval.lower, field(expected["delong_ci"], 0), tolerance: ReferenceVectors.tolerance, "\(name).delong_ci[0]")
        expectClose(delong.interval.upper, field(expected["delong_ci"], 1), tolerance: ReferenceVectors.tolerance, "\(name).delong_ci[1]")
        // Same seed, same replicates; the CI is the type-7 quantile of them.
        let again = try curve.bootstrap(.auroc, seed: UInt64(params["seed"]!.int!), stratified: params["stratified"]!.bool!, generator: Xoshiro.self)
        #expect(again.replicates == result.replicates)
        let sorted = result.replicates.sorted()
        #expect(result.interval.lower == linearQuantile(sorted: sorted, probability: 0.025))
        #expect(result.interval.upper == linearQuantile(sorted: sorted, probability: 0.975))
        // By hand: h = 1999 · q, so the 2.5 % point is 97.5 % of the way from the 50th to the
        // 51st smallest replicate, the 97.5 % point 2.5 % of the way from the 1,950th to the next.
        expectClose(result.interval.lower, sorted[49] + 0.975 * (sorted[50] - sorted[49]), tolerance: 1e-12, "\(name).lower by hand")
        expectClose(result.interval.upper, sorted[1949] + 0.025 * (sorted[1950] - sorted[1949]), tolerance: 1e-12, "\(name).upper by hand")
    }

    @Test("the weighted O(K) statistic equals AUROC/AP of the materialised resample",
          arguments: [true, false])
    func weightedEqualsMaterialised(stratified: Bool) throws {
        var generator = Xoshiro256StarStar(seed: 99)
        // Scores with many ties (integers 0..<12) so resamples hit tied groups.
        let n = 150
        let scores = (0..<n).map { _ in Double(generator.uniformInt(below: 12)) }
        let labels = (0..<n).map { i in generator.uniformUnit() < 0.3 || i == 0 }
        let curve = try BinaryCurve(scores: scores, labels: labels)
        var sampler = BootstrapSampler(curve: curve, generator: Xoshiro(seed: 7), stratified: stratified)
        for _ in 0..<40 {
            sampler.nextReplicate()
            // Materialise: every drawn instance as its own row, in a scrambled order.
            var rows: [(Double, Bool)] = []
            for k in 0..<curve.thresholdCount {
                rows += repeatElement((curve.thresholds[k], true), count: sampler.positiveWeights[k])
                rows += repeatElement((curve.thresholds[k], false), count: sampler.negativeWeights[k])
            }
            generator.shuffle(&rows)
            let resample = try BinaryCurve(scores: rows.map(\.0), labels: rows.map(\.1))
            #expect(sampler.weightedStatistic(.auroc) == resample.auroc)
            #expect(sampler.weightedStatistic(.averagePrecision) == resample.averagePrecision)
            if stratified {
                #expect(resample.positives == curve.positives && resample.negatives == curve.negatives)
            } else {
                #expect(resample.count == curve.count)
            }
        }
    }

    @Test("AP bootstrap, non-stratified redraws on a tiny sample, parameter errors")
    func variants() throws {
        let curve = try BinaryCurve(scores: [0.9, 0.8, 0.4, 0.3, 0.2], labels: [true, false, true, false, false])
        let ap = try curve.bootstrap(.averagePrecision, replicates: 500, seed: 1, generator: Xoshiro.self)
        #expect(ap.estimate == curve.averagePrecision)
        #expect(ap.interval.lower <= ap.interval.upper)
        #expect(ap.replicates.allSatisfy { $0 > 0 && $0 <= 1 })
        // n = 5 with P = 2: about (3/5)^5 + (2/5)^5 = 8.8 % of plain draws are single-class.
        let plain = try curve.bootstrap(.auroc, replicates: 500, seed: 1, stratified: false, generator: Xoshiro.self)
        #expect(plain.redraws > 0)
        #expect(plain.replicates.count == 500)
        #expect(throws: MetricsError.self) { try curve.bootstrap(replicates: 0, seed: 1, generator: Xoshiro.self) }
        #expect(throws: MetricsError.self) { try curve.bootstrap(confidenceLevel: 1, seed: 1, generator: Xoshiro.self) }
    }
}

/// The toolkit's generator (Randomness's xoshiro256**, as Evaluation passes it), wrapped here so
/// the test target declares no second conformance of `Xoshiro256StarStar`.
private struct Xoshiro: BootstrapGenerator {
    var base: Xoshiro256StarStar
    init(seed: UInt64) { base = Xoshiro256StarStar(seed: seed) }
    mutating func uniformInt(below bound: Int) -> Int { base.uniformInt(below: bound) }
}
