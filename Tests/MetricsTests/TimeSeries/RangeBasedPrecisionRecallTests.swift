import Testing
@testable import Metrics
import TestSupport

@Suite struct RangeBasedPrecisionRecallTests {
    @Test("Tatbul et al. precision/recall for 32 parameter sets equal prts 1.0.0.3", arguments: TS.seriesCases)
    func vector(name: String) throws {
        let labels = try TS.labels(name), prediction = try TS.prediction(name)
        let expected = try #require(TS.expected(name)["range_based"]?.object)
        #expect(expected.count == 32)
        for (key, e) in expected {
            var fields: [String: String] = [:]
            for part in key.split(separator: ",") {
                let kv = part.split(separator: "=")
                fields[String(kv[0])] = String(kv[1])
            }
            let p = RangeBasedPrecisionRecall.Parameters(
                alpha: Double(fields["alpha"]!)!,
                cardinality: RangeBasedPrecisionRecall.Cardinality(rawValue: fields["cardinality"]!)!,
                bias: RangeBasedPrecisionRecall.Bias(rawValue: fields["bias"]!)!)
            let r = try RangeBasedPrecisionRecall.evaluate(labels: labels, prediction: prediction, p)
            expectMatches(r.precision, e["precision"], "\(name) \(key) precision")
            expectMatches(r.recall, e["recall"], "\(name) \(key) recall")
        }
    }

    @Test("TSB-AD R-based-F1 (all-ones quirk)", arguments: TS.seriesCases)
    func tsbad(name: String) throws {
        let f = try RangeBasedPrecisionRecall.tsbadF1(labels: try TS.labels(name), prediction: try TS.prediction(name))
        expectMatches(f, TS.expected(name)["rf1_tsbad"], "\(name) rf1_tsbad")
    }

    @Test("positional bias sums are the closed forms of Σ δ(t)")
    func deltaSums() {
        for L in 1...9 {
            for bias in RangeBasedPrecisionRecall.Bias.allCases {
                func delta(_ t: Int) -> Int {
                    switch bias {
                    case .flat: return 1
                    case .front: return L - t + 1
                    case .back: return t
                    case .middle: return Double(t) <= Double(L) / 2 ? t : L - t + 1
                    }
                }
                for t1 in 1...L {
                    for t2 in t1...L {
                        #expect(RangeBasedPrecisionRecall.deltaSum(bias, from: t1, to: t2, length: L) == (t1...t2).map(delta).reduce(0, +))
                    }
                }
            }
        }
        #expect(RangeBasedPrecisionRecall.f(precision: 0, recall: 0) == 0)
        #expect(RangeBasedPrecisionRecall.f(precision: 0.5, recall: 1) == 2 * 0.5 / 1.5)
    }
}
