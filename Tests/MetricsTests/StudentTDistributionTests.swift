#if canImport(Glibc)
import Glibc
#endif
import Testing
import Metrics

/// Student's t tail, quantile and the incomplete beta against 40-digit mpmath values
/// (SciPy 1.17 agrees to a few ulp) and closed forms.
@Suite struct StudentTDistributionTests {
    @Test("Student t upper tail", arguments: [
        (2.0, 4.0, 0.058058261758407795), (0.5, 9, 0.31453564991301325), (3.5, 1, 0.08858553278290475),
        (1.2, 2, 0.17650168038968475), (10.0, 5, 8.54737878714818e-05), (0.1, 30, 0.4605048058951356),
        (4.0, 100, 6.076182215038084e-05), (25.0, 3, 7.01656949787743e-05),
        (2.887979489524622, 4, 0.022326724884418777),
    ])
    func tSurvival(t: Double, df: Double, expected: Double) {
        let value = StudentTDistribution.survival(t, degreesOfFreedom: df)
        #expect(abs(value - expected) <= 1e-13 * expected, "sf(\(t), \(df)) = \(value), expected \(expected)")
        #expect(abs(StudentTDistribution.cdf(-t, degreesOfFreedom: df) - expected) <= 1e-13 * expected)
    }

    @Test("Student t closed forms: nu = 1 (Cauchy) and nu = 2")
    func tClosedForms() {
        for t in [0.1, 0.7, 1.0, 3.0, 40.0] {
            let cauchy = 0.5 - atan(t) / Double.pi
            #expect(abs(StudentTDistribution.survival(t, degreesOfFreedom: 1) - cauchy) <= 1e-14 * cauchy)
            let two = 0.5 - t / (2 * (t * t + 2).squareRoot())
            #expect(abs(StudentTDistribution.survival(t, degreesOfFreedom: 2) - two) <= 1e-13 * two)
        }
        #expect(StudentTDistribution.survival(0, degreesOfFreedom: 7) == 0.5)
        #expect(StudentTDistribution.survival(.infinity, degreesOfFreedom: 7) == 0)
    }

    @Test("Student t quantile", arguments: [
        (0.975, 1.0, 12.706204736174694), (0.975, 2, 4.302652729749462), (0.975, 3, 3.1824463052837086),
        (0.975, 4, 2.7764451051977934), (0.975, 9, 2.262157162798205), (0.975, 29, 2.045229642132704),
        (0.995, 7, 3.4994832973504932), (0.9, 50, 1.2987136941948099), (0.999, 1000, 3.0984021639129224),
        (0.025, 4, -2.7764451051977934),
    ])
    func tQuantile(p: Double, df: Double, expected: Double) {
        let value = StudentTDistribution.quantile(p, degreesOfFreedom: df)
        #expect(abs(value - expected) <= 1e-13 * abs(expected), "ppf(\(p), \(df)) = \(value), expected \(expected)")
    }

    @Test("regularized incomplete beta = scipy.special.betainc")
    func incompleteBeta() {
        let cases: [(Double, Double, Double, Double)] = [(2.5, 0.5, 0.3, 0.018927124071945658),
                                                         (0.5, 0.5, 0.9, 0.7951672353008665),
                                                         (10, 3, 0.7, 0.25281534785499993), (1, 1, 0.25, 0.25)]
        for (a, b, x, expected) in cases {
            #expect(abs(regularizedIncompleteBeta(a, b, x) - expected) <= 1e-14 * expected)
        }
    }
}
