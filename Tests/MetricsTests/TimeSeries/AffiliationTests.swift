import Testing
@testable import Metrics
import TestSupport

@Suite struct AffiliationTests {
    @Test("affiliation precision/recall and TSB-AD's Affiliation-F", arguments: TS.seriesCases)
    func vector(name: String) throws {
        let r = try Affiliation.evaluate(labels: try TS.labels(name), prediction: try TS.prediction(name))
        let e = TS.expected(name)["affiliation"]
        expectMatches(r.precision, e?["precision"], "\(name) precision")
        expectMatches(r.recall, e?["recall"], "\(name) recall")
        expectMatches(Affiliation.tsbadF(precision: r.precision, recall: r.recall), e?["f_tsbad"], "\(name) f_tsbad")
    }

    @Test("the piecewise-linear integral is exact between kinks")
    func integral() {
        // |x - 1| on [0, 3]: 0.5 + 2 = 2.5, exact only with the kink at 1.
        #expect(Affiliation.integrate({ abs($0 - 1) }, 0, 3, 1, 1) == 2.5)
        #expect(Affiliation.integrate({ abs($0 - 1) + abs($0 - 2) }, 0, 3, 2, 1) == 5)
        #expect(Affiliation.integrate({ $0 }, 2, 1, 0, 0) == 0)
    }
}
