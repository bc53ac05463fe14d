import Testing
import Metrics

/// Confusion metrics: zero-division rules and exact large-count arithmetic.
@Suite struct ConfusionMetricsTests {
    @Test("counts near 1e9: MCC and J equal Python's exact-integer values")
    func large() throws {
        let c = try ConfusionMetrics(tp: 400_000_000, fp: 100_000_001, fn: 50_000_003, tn: 449_999_996)
        #expect(c.mcc == 0.7035264624157739)     // (tp*tn - fp*fn) / math.sqrt(den) in Python
        #expect(c.youdenJ == 0.7070706983348638) // key / (P*N) with Python ints
        #expect(c.count == 1_000_000_000)
    }

    @Test("zero-division rules")
    func zeroDivision() throws {
        let none = try ConfusionMetrics(tp: 0, fp: 0, fn: 3, tn: 7)  // nothing flagged
        #expect(none.precision == 0 && none.f1 == 0 && none.mcc == 0 && none.recall == 0)
        #expect(none.f1Normal == 14.0 / 17.0)
        #expect(none.balancedAccuracy == 0.5)
        let all = try ConfusionMetrics(tp: 3, fp: 7, fn: 0, tn: 0)  // everything flagged
        #expect(all.f1Normal == 0 && all.mcc == 0 && all.precision == 0.3 && all.youdenJ == 0)
        let empty = try ConfusionMetrics(tp: 0, fp: 0, fn: 0, tn: 0)
        #expect(empty.accuracy == 0 && empty.fpr == 0 && empty.youdenJ == 0)
        #expect(throws: MetricsError.self) { try ConfusionMetrics(tp: -1, fp: 0, fn: 0, tn: 0) }
    }

    @Test("F1 is 2TP/(2TP+FP+FN), not 2pr/(p+r)")
    func f1Form() throws {
        // The spec's example: 0.75 where the harmonic-mean form can give 0.7499999999999999.
        let c = try ConfusionMetrics(tp: 3, fp: 1, fn: 1, tn: 5)
        #expect(c.f1 == 0.75)
        #expect(c.f1Macro == (0.75 + 10.0 / 12.0) / 2)
    }
}
