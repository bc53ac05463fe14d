import Randomness
import Testing
import Metrics

/// DeLong's test against every `delong` case of `vectors.json` and pROC's published values.
@Suite struct DeLongTests {
    static let cases = Fixtures.cases(kind: "delong").filter { Fixtures.vectorCase($0)["expected"]?["error"] == nil }

    @Test("delong vectors: AUCs, variances, covariance, z, p-values, CIs", arguments: cases)
    func delongVector(name: String) throws {
        let vector = Fixtures.vectorCase(name)
        let expected = vector["expected"]!
        let input = Fixtures.delong(name)
        let test = try DeLongTest(scores1: input.scores1, scores2: input.scores2, labels: input.labels)
        let fields: [(String, Double)] = [
            ("auc1", test.auc1), ("auc2", test.auc2), ("diff", test.difference), ("var1", test.variance1),
            ("var2", test.variance2), ("cov12", test.covariance), ("var_diff", test.varianceOfDifference),
            ("z", test.z), ("p_value", test.pValue), ("p_greater", test.pGreater), ("p_less", test.pLess),
        ]
        for (key, value) in fields { expectClose(value, field(expected, key), tolerance: ReferenceVectors.tolerance, "\(name).\(key)") }
        for (key, interval) in [("diff_ci", test.differenceInterval), ("auc1_ci95", test.auc1Interval),
                                ("auc2_ci95", test.auc2Interval)] {
            expectClose(interval.lower, field(expected[key], 0), tolerance: ReferenceVectors.tolerance, "\(name).\(key)[0]")
            expectClose(interval.upper, field(expected[key], 1), tolerance: ReferenceVectors.tolerance, "\(name).\(key)[1]")
        }
        // The single-AUROC CI type gives the same interval.
        let single = try DeLongInterval(scores: input.scores1, labels: input.labels)
        expectClose(single.interval.lower, field(expected["auc1_ci95"], 0), tolerance: ReferenceVectors.tolerance, "\(name) single lower")
        expectClose(single.interval.upper, field(expected["auc1_ci95"], 1), tolerance: ReferenceVectors.tolerance, "\(name) single upper")
        expectClose(single.variance, field(expected, "var1"), tolerance: ReferenceVectors.tolerance, "\(name) single var")

        // pROC's published values (test suite at ee2877e8), where the case has them.
        if let published = vector["published_reference"]?["values"]?.object {
            let byKey = Dictionary(uniqueKeysWithValues: fields)
            for (key, value) in published {
                expectClose(byKey[key]!, value.double!, tolerance: 1e-14, "\(name) published \(key)")
            }
            if let ci = vector["published_reference"]?["diff_ci"] {
                expectClose(test.differenceInterval.lower, field(ci, 0), tolerance: 1e-14, "published diff_ci")
                expectClose(test.differenceInterval.upper, field(ci, 1), tolerance: 1e-14, "published diff_ci")
            }
        }
    }

    /// The exact rational DeLong quantities of three cases (Python `fractions` on the integer
    /// placements, z by 40-digit mpmath), rounded to binary64. The reference implementation's
    /// floating-point covariances are up to 8 ulp away from these (z of the aSAH pair).
    @Test("variances, covariance, var_d and z within 2 ulp of the exact rationals", arguments: [
        ("delong_aSAH_wfns_vs_s100b", [0.0014699147088236264, 0.002668682457172438, 0.0011961556737675448,
                                       0.0017462858184609748, 2.2089835914409064]),
        ("delong_rand_1k_correlated", [0.00037156744990103017, 0.00046713719644019675, 0.00027182602292161173,
                                       0.00029505260049800345, 3.8971291395117365]),
        ("delong_rand_100k", [1.2709357523266981e-05, 1.29808305920745e-05, 1.1821232955905887e-05,
                              2.0477222035297074e-06, 3.542290165522829]),
    ])
    func exactValues(name: String, exact: [Double]) throws {
        let input = Fixtures.delong(name)
        let test = try DeLongTest(scores1: input.scores1, scores2: input.scores2, labels: input.labels)
        let values = [test.variance1, test.variance2, test.covariance, test.varianceOfDifference, test.z]
        for (value, truth) in zip(values, exact) {
            #expect(abs(value - truth) <= 2 * truth.ulp, "\(name): \(value) vs exact \(truth)")
        }
    }

    @Test("delong_one_anomaly: fewer than two anomalies throws delong_too_few")
    func tooFew() throws {
        #expect(Fixtures.vectorCase("delong_one_anomaly")["expected"]?["error"]?.string == "delong_too_few")
        let input = Fixtures.delong("delong_one_anomaly")
        let error = #expect(throws: MetricsError.self) {
            try DeLongTest(scores1: input.scores1, scores2: input.scores2, labels: input.labels)
        }
        #expect(error?.code == "delong_too_few")
        #expect(throws: MetricsError.delongTooFew(positives: 1, negatives: 4)) {
            try DeLongInterval(scores: input.scores1, labels: input.labels)
        }
        #expect(throws: MetricsError.delongTooFew(positives: 3, negatives: 1)) {
            try DeLongInterval(scores: [1, 2, 3, 4], labels: [true, true, true, false])
        }
        #expect(throws: MetricsError.singleClass(positives: 0, count: 3)) {
            try DeLongInterval(scores: [1, 2, 3], labels: [false, false, false])
        }
    }

    @Test("var_d = 0 with d != 0 gives z = ±inf and p = 0")
    func degenerate() throws {
        // Both scorers rank perfectly but with opposite signs: AUC 1 vs 0, all placements constant.
        let labels = [true, true, false, false]
        let test = try DeLongTest(scores1: [4, 3, 2, 1], scores2: [1, 2, 3, 4], labels: labels)
        #expect(test.varianceOfDifference == 0)
        #expect(test.z == .infinity)
        #expect(test.pValue == 0)
        #expect(test.pGreater == 0)
        #expect(test.pLess == 1)
        let reversed = try DeLongTest(scores1: [1, 2, 3, 4], scores2: [4, 3, 2, 1], labels: labels)
        #expect(reversed.z == -.infinity)
    }
}

extension DeLongTests {
    /// Every field's bits.
    static func bits(_ t: DeLongTest) -> [UInt64] {
        [t.auc1, t.auc2, t.difference, t.variance1, t.variance2, t.covariance, t.varianceOfDifference, t.z, t.pValue,
         t.pGreater, t.pLess, t.differenceInterval.lower, t.differenceInterval.upper, t.auc1Interval.lower,
         t.auc1Interval.upper, t.auc2Interval.lower, t.auc2Interval.upper, t.confidenceLevel].map(\.bitPattern)
    }

    @Test("from pair tables (weighted pairs), in any sharding, merged or not: the rows' test bit for bit", arguments: 0..<3)
    func weightedEqualsRows(kind: Int) throws {
        var g = Xoshiro256StarStar(seed: 900 + UInt64(kind))
        for n in [4, 9, 200, 20_000] {
            let rows = DistinctPairCountsTests.rows(kind, count: n, using: &g)
            let labels = rows.labels.map { $0 == 1 }
            for level in [0.95, 0.8] {
                let expected = Self.bits(try DeLongTest(scores1: rows.scores1, scores2: rows.scores2, labels: labels, confidenceLevel: level))
                let whole = try DistinctPairCounts(scores1: rows.scores1, scores2: rows.scores2, labels: rows.labels)
                #expect(Self.bits(try DeLongTest(whole, confidenceLevel: level)) == expected, "kind \(kind) n \(n)")
                for shards in [2, 5] where shards <= n {
                    let assignment = (0..<n).map { _ in g.uniformInt(below: shards) }
                    let parts = try (0..<shards).map { s in assignment.indices.filter { assignment[$0] == s } }
                        .filter { !$0.isEmpty }.map { try DistinctPairCountsTests.part(rows, $0) }
                    // Unmerged parts repeat pairs (weighted entries out of order); merged they do not.
                    #expect(Self.bits(try DeLongTest(merging: parts, confidenceLevel: level)) == expected, "kind \(kind) n \(n) \(shards) parts")
                    #expect(Self.bits(try DeLongTest(merging: parts.reversed(), confidenceLevel: level)) == expected)
                    #expect(Self.bits(try DeLongTest(try DistinctPairCounts.merged(parts), confidenceLevel: level)) == expected)
                }
            }
        }
        // Identical scorers: var_d = 0 exactly, z = 0, p = 1, from the rows as from the pairs.
        let rows = DistinctPairCountsTests.rows(kind, count: 500, using: &g)
        let same = try DeLongTest(try DistinctPairCounts(scores1: rows.scores1, scores2: rows.scores1, labels: rows.labels))
        #expect(same.varianceOfDifference == 0 && same.z == 0 && same.pValue == 1)
        #expect(Self.bits(same) == Self.bits(try DeLongTest(scores1: rows.scores1, scores2: rows.scores1, labels: rows.labels.map { $0 == 1 })))
    }

    @Test("the delong vectors from one pair table give the rows' values bit for bit", arguments: cases)
    func vectorFromPairs(name: String) throws {
        let input = Fixtures.delong(name)
        let table = try DistinctPairCounts(scores1: input.scores1, scores2: input.scores2, labels: input.labels.map { $0 ? 1 : 0 })
        #expect(Self.bits(try DeLongTest(table)) == Self.bits(try DeLongTest(scores1: input.scores1, scores2: input.scores2, labels: input.labels)))
    }

    @Test("pair tables with too few of a class, or one class, throw as the rows do")
    func weightedErrors() throws {
        let one = try DistinctPairCounts(scores1: [1, 2, 3, 4, 5], scores2: [5, 4, 3, 2, 1], labels: [1, 0, 0, 0, 0])
        #expect(throws: MetricsError.delongTooFew(positives: 1, negatives: 4)) { try DeLongTest(one) }
        #expect(throws: MetricsError.delongTooFew(positives: 1, negatives: 4)) {
            try DeLongTest(scores1: [1, 2, 3, 4, 5], scores2: [5, 4, 3, 2, 1], labels: [true, false, false, false, false])
        }
        let normals = try DistinctPairCounts(scores1: [1, 2], scores2: [1, 2], labels: [0, 0])
        #expect(throws: MetricsError.singleClass(positives: 0, count: 2)) { try DeLongTest(normals) }
        #expect(throws: MetricsError.empty) { try DeLongTest(merging: []) }
        #expect(throws: MetricsError.self) { try DeLongTest(one, confidenceLevel: 1) }
    }
}

/// Element `index` of a JSON array field.
func field(_ array: JSONValue?, _ index: Int, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
    guard let value = array?[index]?.double else {
        Issue.record("missing array element \(index)", sourceLocation: sourceLocation)
        return .nan
    }
    return value
}
