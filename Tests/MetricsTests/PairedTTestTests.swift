import Testing
import Metrics

/// The paired t-test against the `runs` cases of `vectors.json` and SciPy.
@Suite struct PairedTTestTests {
    @Test("runs vectors: t, p, df, mean difference, including null and +inf", arguments: Fixtures.cases(kind: "runs"))
    func pairedVector(name: String) throws {
        let vector = Fixtures.vectorCase(name)
        let a = try #require(vector["input"]?["a"]?.array).map { $0.double! }
        let b = try #require(vector["input"]?["b"]?.array).map { $0.double! }
        let expected = vector["expected"]!["paired_ttest"]!
        let test = try PairedTTest(a, b)
        #expect(test.degreesOfFreedom == expected["df"]?.int)
        expectClose(test.meanDifference, field(expected, "mean_diff"), tolerance: ReferenceVectors.tolerance, "\(name).mean_diff")
        if expected["t"]?.isNull == true {
            #expect(test.t == nil)
            #expect(test.pValue == nil)
            #expect(expected["p_value"]?.isNull == true)
        } else if let t = expected["t"]?.double, t.isInfinite {
            #expect(test.t == t)
            #expect(test.pValue == field(expected, "p_value"))
        } else {
            expectClose(try #require(test.t), field(expected, "t"), tolerance: ReferenceVectors.tolerance, "\(name).t")
            expectClose(try #require(test.pValue), field(expected, "p_value"), tolerance: ReferenceVectors.tolerance, "\(name).p_value")
            // SciPy's ttest_rel, recorded in the vector.
            expectClose(try #require(test.t), field(vector["expected"]!["info_scipy"]!["ttest_rel"], 0), tolerance: ReferenceVectors.tolerance, "scipy t")
            expectClose(try #require(test.pValue), field(vector["expected"]!["info_scipy"]!["ttest_rel"], 1), tolerance: ReferenceVectors.tolerance, "scipy p")
        }
    }

    @Test("edge cases: r < 2 undefined, constant negative difference -> -inf, mismatched lengths throw")
    func edges() throws {
        let one = try PairedTTest([0.5], [0.4])
        #expect(one.t == nil && one.pValue == nil && one.degreesOfFreedom == 0)
        let negative = try PairedTTest([0.25, 0.5], [0.5, 0.75])
        #expect(negative.t == -.infinity && negative.pValue == 0 && negative.meanDifference == -0.25)
        #expect(throws: MetricsError.lengthMismatch(expected: 2, actual: 1)) { try PairedTTest([1, 2], [1]) }
        #expect(throws: MetricsError.empty) { try PairedTTest([], []) }
    }
}
