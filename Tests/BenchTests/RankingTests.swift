import Testing
@testable import Bench

@Suite struct RankingTests {
    @Test func ranksWithTies() {
        #expect(Ranking.ranks([0.9, 0.7, 0.9, 0.1]) == [1.5, 3, 1.5, 4])
    }

    @Test func friedmanAndNemenyi() {
        // Two datasets, three detectors, A always best, B and C tied on average: ranks 1, 2.5, 2.5.
        let r = Ranking(detectors: ["A", "B", "C"], scores: [[0.9, 0.8, 0.7], [0.9, 0.6, 0.7]])
        #expect(r.averageRanks == [1, 2.5, 2.5])
        // χ²_F = 12·2/(3·4)·(1 + 6.25 + 6.25 − 12) = 3; P(χ²₂ > 3) = e^{−1.5}.
        #expect(abs(r.friedmanStatistic! - 3) < 1e-12)
        #expect(abs(r.friedmanPValue! - 0.22313016014842982) < 1e-12)
        // CD = q₀.₀₅(3)·√(3·4/(6·2)) = 2.343.
        #expect(abs(r.criticalDifference! - 2.343) < 1e-12)
    }

    @Test func chiSquaredSurvivalAgainstKnownValues() {
        // scipy.stats.chi2.sf(x, df).
        #expect(abs(Ranking.chiSquaredSurvival(3.841458820694124, degreesOfFreedom: 1) - 0.05) < 1e-9)
        #expect(abs(Ranking.chiSquaredSurvival(20, degreesOfFreedom: 5) - 0.0012497305630313845) < 1e-9)
        #expect(Ranking.chiSquaredSurvival(0, degreesOfFreedom: 3) == 1)
    }

    @Test func diagramDrawsEveryDetectorAndTheCD() {
        let svg = CriticalDifferenceDiagram.svg(Ranking(detectors: ["A", "B<"], scores: [[1, 0], [1, 0], [0, 1]]))
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("A (") && svg.contains("B&lt; (") && svg.contains("CD = "))
    }
}
