#if canImport(Glibc)
import Glibc
#endif
import Testing
import Metrics

/// The normal CDF and quantile against 50-digit mpmath values.
@Suite struct NormalDistributionTests {
    @Test("normal CDF: within 2 ulp of the true value, also in the far tail (SciPy: 3.6e-15 relative at -10)")
    func normal() {
        let cdf: [(Double, Double)] = [(0, 0.5), (1, 0.8413447460685429), (-1, 0.15865525393145705),
                                       (2, 0.9772498680518208), (-5, 2.866515718791939e-07),
                                       (-10, 7.619853024160525e-24), (0.3, 0.6179114221889527),
                                       (-0.5, 0.3085375387259869), (-20, 2.7536241186062337e-89),
                                       (6, 0.9999999990134123), (8.5, 1)]
        for (x, expected) in cdf {
            let value = NormalDistribution.cdf(x)
            #expect(abs(value - expected) <= 2 * expected.ulp, "Phi(\(x)) = \(value), true \(expected)")
        }
        #expect(NormalDistribution.cdf(-.infinity) == 0 && NormalDistribution.cdf(.infinity) == 1)
        let quantiles: [(Double, Double)] = [(0.975, 1.9599639845400538), (0.995, 2.5758293035489004),
                                             (0.9, 1.2815515655446006), (1e-10, -6.361340902404057),
                                             (0.999999, 4.753424308817087), (0.5, 0)]
        for (p, expected) in quantiles {
            #expect(abs(NormalDistribution.quantile(p) - expected) <= 4e-16 * max(abs(expected), 1),
                    "quantile(\(p)) = \(NormalDistribution.quantile(p))")
        }
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
    }
}
