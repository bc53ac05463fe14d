import Testing
@testable import Metrics

/// The sorted-threshold core against every `instance` case of `vectors.json`, plus its errors.
@Suite struct BinaryCurveTests {
    @Test("instance vectors: n, P, K, AUROC, AP, PR-AUC, curve sizes", arguments: Fixtures.cases(kind: "instance"))
    func instanceVector(name: String) throws {
        let expected = Fixtures.vectorCase(name)["expected"]!
        let input = Fixtures.instance(name)
        let curve = try BinaryCurve(scores: input.scores, labels: input.labels)
        #expect(curve.count == expected["n"]?.int)
        #expect(curve.positives == expected["n_anomalies"]?.int)
        #expect(curve.thresholdCount == expected["n_distinct_scores"]?.int)
        expectClose(curve.auroc, field(expected, "auroc"), tolerance: ReferenceVectors.tolerance, "auroc")
        expectClose(curve.averagePrecision, field(expected, "average_precision"), tolerance: ReferenceVectors.tolerance, "average_precision")
        expectClose(curve.prAUCTrapezoid, field(expected, "pr_auc_trapz"), tolerance: ReferenceVectors.tolerance, "pr_auc_trapz")
        #expect(curve.rocCurve().count == expected["roc_curve_n_points"]?.int)
        #expect(curve.rocCurve(dropIntermediate: false).count == expected["roc_curve_n_points_no_drop"]?.int)
        #expect(curve.precisionRecallCurve().count == expected["pr_curve_n_points"]?.int)
        // sklearn: PR drop_intermediate changes neither AP nor the trapezoid area.
        let dropped = curve.precisionRecallCurve(dropIntermediate: true)
        #expect(dropped.count <= curve.precisionRecallCurve().count)
    }

    @Test("exact rationals: AUROC, best F1 and Youden's J equal the vectors' fractions",
          arguments: Fixtures.cases(kind: "instance").filter { Fixtures.vectorCase($0)["expected"]?["exact"] != nil })
    func exactRationals(name: String) throws {
        let exact = Fixtures.vectorCase(name)["expected"]!["exact"]!
        let input = Fixtures.instance(name)
        let curve = try BinaryCurve(scores: input.scores, labels: input.labels)
        let (u2, pn2) = curve.aurocFraction
        #expect(reduced(Int(u2), Int(pn2)) == exact["auroc"]?.string)

        let f1 = curve.bestF1().confusion
        #expect(reduced(2 * f1.tp, f1.tp + f1.fp + curve.positives) == exact["best_f1"]?.string)

        let j = curve.youden().confusion
        let key = j.tp * curve.negatives - j.fp * curve.positives
        #expect(reduced(key, curve.positives * curve.negatives) == exact["youden_J"]?.string)
    }

    @Test("single-class label files throw single_class", arguments: ["err_single_class_normal", "err_single_class_anomaly"])
    func singleClass(name: String) throws {
        #expect(Fixtures.vectorCase(name)["expected"]?["error"]?.string == "single_class")
        let input = Fixtures.instance(name)
        let error = #expect(throws: MetricsError.self) { try BinaryCurve(scores: input.scores, labels: input.labels) }
        #expect(error?.code == "single_class")
    }

    @Test("non-finite scores that reach the core are rejected, not trapped on",
          arguments: ["err_nan_score", "err_inf_score", "err_neg_inf_score", "err_overflow_score"])
    func nonFinite(name: String) throws {
        let input = Fixtures.instance(name)
        let bad = try #require(input.scores.firstIndex { !$0.isFinite })
        #expect(throws: MetricsError.nonFiniteScore(index: bad)) {
            try BinaryCurve(scores: input.scores, labels: input.labels)
        }
    }

    @Test("bad shapes throw typed errors")
    func badShapes() {
        #expect(throws: MetricsError.empty) { try BinaryCurve(scores: [], labels: [Bool]()) }
        #expect(throws: MetricsError.lengthMismatch(expected: 2, actual: 1)) {
            try BinaryCurve(scores: [0.1, 0.2], labels: [true])
        }
        #expect(throws: MetricsError.invalidLabel(index: 1)) {
            try BinaryCurve(scores: [0.1, 0.2, 0.3], labels: [UInt8(0), 2, 1])
        }
        // Scores are checked before classes, in the spec's order.
        #expect(throws: MetricsError.nonFiniteScore(index: 0)) {
            try BinaryCurve(scores: [.nan, 0.2], labels: [false, false])
        }
        #expect(throws: MetricsError.singleClass(positives: 2, count: 2)) {
            try BinaryCurve(scores: [0.1, 0.2], labels: [true, true])
        }
    }

    @Test("UInt8 labels give the same curve as Bool labels")
    func uint8Labels() throws {
        let scores = [0.3, -0.0, 0.0, 2, 2, 1e-300]
        let a = try BinaryCurve(scores: scores, labels: [true, false, true, false, true, false])
        let b = try BinaryCurve(scores: scores, labels: [UInt8(1), 0, 1, 0, 1, 0])
        #expect(a.thresholds == b.thresholds)
        #expect(a.packedCounts == b.packedCounts)
        // -0.0 and 0.0 are one threshold, reported as +0.0.
        #expect(a.thresholds == [2, 0.3, 1e-300, 0])
        #expect(a.thresholds.last?.sign == .plus)
        #expect((0..<a.thresholdCount).map { a.truePositives(at: $0) } == [1, 2, 2, 3])
        #expect((0..<a.thresholdCount).map { a.falsePositives(at: $0) } == [1, 1, 2, 3])
    }

    @Test("confusion(atThreshold:) uses s >= t; +inf and NaN flag nothing, -inf everything")
    func confusionAtThreshold() throws {
        let curve = try BinaryCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])
        #expect(curve.confusion(atThreshold: 0.4).nFlagged == 2)
        #expect(curve.confusion(atThreshold: 0.4000000000000001).nFlagged == 1)
        #expect(curve.confusion(atThreshold: .infinity).nFlagged == 0)
        #expect(curve.confusion(atThreshold: .nan).nFlagged == 0)
        #expect(curve.confusion(atThreshold: -.infinity).nFlagged == 4)
        let c = curve.confusion(atThreshold: 0.35)
        #expect((c.tp, c.fp, c.fn, c.tn) == (2, 1, 0, 1))
    }

    private func reduced(_ a: Int, _ b: Int) -> String {
        func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? abs(x) : gcd(y, x % y) }
        let g = max(gcd(a, b), 1)
        return "\(a / g)/\(b / g)"  // Python Fraction text as the vectors write it: "1/1", "0/1"
    }
}

/// ``BinaryCurve/init(thresholds:positiveCounts:negativeCounts:)``: a collapsed table gives the
/// curve of the rows it counts, and bad tables are refused.
@Suite struct BinaryCurveFromCountsTests {
    @Test("a table of distinct scores with counts gives the rows' curve, bit for bit")
    func equalsRows() throws {
        let scores: [Double] = [0.5, -0.0, 0.5, 2, 0.0, 2, 2, -1]
        let labels: [UInt8] = [1, 0, 0, 1, 1, 0, 1, 0]
        let rows = try BinaryCurve(scores: scores, labels: labels)
        let table = try BinaryCurve(thresholds: [2, 0.5, -0.0, -1], positiveCounts: [2, 1, 1, 0], negativeCounts: [1, 1, 1, 1])
        #expect(table.thresholds.map(\.bitPattern) == rows.thresholds.map(\.bitPattern))
        #expect(table.packedCounts == rows.packedCounts)
        #expect(table.count == rows.count && table.positives == rows.positives)
        #expect(table.auroc == rows.auroc && table.averagePrecision == rows.averagePrecision)
        #expect(table.thresholds[2].sign == .plus)  // -0.0 is reported as 0.0
    }

    @Test("bad tables are errors", arguments: [
        ([Double](), [Int](), [Int]()),
        ([1, 1], [1, 0], [0, 1]),            // not strictly decreasing
        ([0.0, -0.0], [1, 0], [0, 1]),       // the same threshold twice
        ([2, 1], [1, 0], [0, 0]),            // a threshold with no row
        ([2, 1], [1, -1], [0, 2]),           // a negative count
        ([.infinity, 1], [1, 0], [0, 1]),    // not finite
        ([2, 1], [1, 1], [0, 0]),            // single class
        ([2, 1], [1], [0, 1]),               // lengths differ
    ])
    func invalid(thresholds: [Double], positives: [Int], negatives: [Int]) {
        #expect(throws: MetricsError.self) {
            try BinaryCurve(thresholds: thresholds, positiveCounts: positives, negativeCounts: negatives)
        }
    }
}
