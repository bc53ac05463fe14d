import Foundation
import Testing
@testable import Metrics
import TestSupport

/// The harness of `check_vectors.py` in Swift: every case of `vectors.json` evaluated in full
/// (the shape of its `expected`), then walked key by key, so that no expected number is left
/// unchecked. Prints the largest deviation per metric family.
@Suite struct AllVectorsTests {
    /// A computed value tree shaped like `expected`.
    indirect enum Value {
        case number(Double)
        case integer(Int)
        case text(String)
        case list([Value])
        case object([String: Value])
    }

    static func evaluate(_ name: String) -> Value {
        let c = TimeSeriesVectors.vectorCase(name)
        if c["kind"]?.string == "window" {
            let data = (c["input"]?["data"]?.array ?? []).map(TimeSeriesVectors.number)
            return .object(["sliding_window": .integer(SlidingWindowLength.find(data))])
        }
        let x = TimeSeriesVectors.input(name)
        do {
            let curve = try SeriesCurve(scores: x.scores, labels: x.labels)
            let labels = curve.labels
            let prediction = try SeriesPrediction(flags: x.prediction)
            let vus = try curve.volumeUnderSurface(window: x.window)
            let range = try curve.rangeAUC(window: x.window)
            func prf(_ c: ConfusionMetrics) -> Value {
                .object(["precision": .number(c.precision), "recall": .number(c.recall), "f1": .number(c.f1)])
            }
            var out: [String: Value] = [
                "vus_roc": .number(vus.roc), "vus_pr": .number(vus.pr),
                "range_auc_roc": .number(range.roc), "range_auc_pr": .number(range.pr),
                "point": prf(try prediction.confusion(against: labels)),
                "pa_tsbad": prf(try PointAdjustment.tsbadConfusion(labels: labels, prediction: prediction)),
                "event_f1_tsbad": .number(try EventBasedF1.tsbad(labels: labels, prediction: prediction).f1),
                "rf1_tsbad": .number(try RangeBasedPrecisionRecall.tsbadF1(labels: labels, prediction: prediction)),
            ]
            if x.perWindow {
                out["vus_roc_per_window"] = .list(vus.rocPerWindow.map(Value.number))
                out["vus_pr_per_window"] = .list(vus.prPerWindow.map(Value.number))
            }
            var pak: [String: Value] = [:]
            for k in PointAdjustment.standardK {
                pak["\(k)"] = prf(try PointAdjustment.confusion(labels: labels, prediction: prediction, k: k))
            }
            out["pa_k"] = .object(pak)
            var rangeBased: [String: Value] = [:]
            for alpha in ["0.0", "0.2", "0.5", "1.0"] {
                for cardinality in RangeBasedPrecisionRecall.Cardinality.allCases {
                    for bias in RangeBasedPrecisionRecall.Bias.allCases {
                        let r = try RangeBasedPrecisionRecall.evaluate(
                            labels: labels, prediction: prediction, .init(alpha: Double(alpha)!, cardinality: cardinality, bias: bias))
                        rangeBased["alpha=\(alpha),cardinality=\(cardinality.rawValue),bias=\(bias.rawValue)"] =
                            .object(["precision": .number(r.precision), "recall": .number(r.recall)])
                    }
                }
            }
            out["range_based"] = .object(rangeBased)
            let aff = try Affiliation.evaluate(labels: labels, prediction: prediction)
            out["affiliation"] = .object(["precision": .number(aff.precision), "recall": .number(aff.recall),
                                          "f_tsbad": .number(Affiliation.tsbadF(precision: aff.precision, recall: aff.recall))])
            for (key, p) in [("tsbad_get_metrics", nil), ("tsbad_get_metrics_pred", prediction)] as [(String, SeriesPrediction?)] {
                let m = try TSBADMetrics(curve: curve, window: x.window, prediction: p, vus: vus)
                out[key] = .object(Dictionary(uniqueKeysWithValues: zip(TSBADMetrics.keys, m.values.map(Value.number))))
            }
            return .object(out)
        } catch let error as MetricsError {
            return .object(["error": .text(error.code)])
        } catch {
            return .object(["error": .text("\(error)")])
        }
    }

    /// Walks `expected` (skipping `info*`), comparing; returns (failures, deviations by family).
    static func compare(_ expected: JSONValue, _ got: Value?, path: String, family: String,
                        deviations: inout [String: Double], failures: inout [String]) {
        switch expected {
        case .object(let members):
            guard case .object(let values)? = got else { failures.append("\(path): missing"); return }
            for (key, value) in members where !key.hasPrefix("info") {
                compare(value, values[key], path: "\(path).\(key)", family: family.isEmpty ? key : family,
                        deviations: &deviations, failures: &failures)
            }
        case .array(let items):
            guard case .list(let values)? = got, values.count == items.count else { failures.append("\(path): length"); return }
            for (i, item) in items.enumerated() {
                compare(item, values[i], path: "\(path)[\(i)]", family: family, deviations: &deviations, failures: &failures)
            }
        case .string(let text) where text != "nan":
            guard case .text(let value)? = got, value == text else { failures.append("\(path): expected \(text), got \(String(describing: got))"); return }
        case .number(let text) where path.hasSuffix("sliding_window"):
            guard case .integer(let value)? = got, value == Int(text) else { failures.append("\(path): expected \(text)"); return }
        default:
            let e = TimeSeriesVectors.number(expected)
            guard case .number(let value)? = got else { failures.append("\(path): missing number"); return }
            if e.isNaN {
                if !value.isNaN { failures.append("\(path): expected NaN, got \(value)") }
                return
            }
            let deviation = abs(value - e)
            deviations[family] = max(deviations[family] ?? 0, deviation)
            if !(deviation <= 1e-12 * max(1, abs(e))) { failures.append("\(path): expected \(e), got \(value) (\(deviation))") }
        }
    }

    @Test("all 57 vectors, every expected value, within 1e-12")
    func all() {
        let names = TimeSeriesVectors.names(kind: "ts") + TimeSeriesVectors.names(kind: "error") + TimeSeriesVectors.names(kind: "window")
        #expect(names.count == 57)
        var deviations: [String: Double] = [:]
        var failures: [String] = []
        var compared = 0
        for name in names {
            let expected = TimeSeriesVectors.vectorCase(name)["expected"]!
            Self.compare(expected, Self.evaluate(name), path: name, family: "", deviations: &deviations, failures: &failures)
            compared += 1
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        let summary = deviations.keys.sorted().map { "\($0) \(deviations[$0]!)" }.joined(separator: ", ")
        print("ts-metrics vectors: \(compared) cases, \(failures.count) failures; max |deviation| by family: \(summary); overall \(deviations.values.max() ?? 0)")
    }
}
