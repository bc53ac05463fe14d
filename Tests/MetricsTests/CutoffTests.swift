import Testing
@testable import Metrics

/// The four cut-offs of every `instance` case, every sub-field, plus the rule semantics.
@Suite struct CutoffTests {
    @Test("instance vectors: best_f1, youden (with J), topk_true_ratio (with K), fixed_threshold_0.5",
          arguments: Fixtures.cases(kind: "instance"))
    func instanceCutoffs(name: String) throws {
        let expected = Fixtures.vectorCase(name)["expected"]!
        let input = Fixtures.instance(name)
        let curve = try BinaryCurve(scores: input.scores, labels: input.labels)

        let bestF1 = curve.bestF1()
        Self.check(bestF1, expected["best_f1"], "\(name).best_f1")
        #expect(bestF1.selection == .oracle)

        let youden = curve.youden()
        Self.check(youden, expected["youden"], "\(name).youden")
        expectClose(youden.youdenJ, field(expected["youden"], "J"), tolerance: ReferenceVectors.tolerance, "\(name).youden.J")
        #expect(youden.selection == .oracle)

        let top = curve.topContamination()
        Self.check(top, expected["topk_true_ratio"], "\(name).topk_true_ratio")
        #expect(top.requestedCount == expected["topk_true_ratio"]?["K"]?.int)
        #expect(top.requestedCount == Fixtures.vectorCase(name)["params"]?["topk_count"]?.int)
        #expect(top.selection == .oracle)
        // K = P given as a count is the same cut, but deployable.
        let byCount = curve.topK(count: curve.positives)
        #expect(byCount.confusion == top.confusion && byCount.selection == .deployable)

        let t = try #require(Fixtures.vectorCase(name)["params"]?["fixed_threshold"]?.double)
        #expect(t == 0.5)  // the vectors' key names the value
        let fixed = curve.threshold(t)
        Self.check(fixed, expected["fixed_threshold_0.5"], "\(name).fixed_threshold_0.5")
        #expect(fixed.selection == .deployable)
    }

    /// Every field of one cut-off object: threshold and counts exact, floats within 1e-12.
    static func check(_ cutoff: Cutoff, _ expected: JSONValue?, _ what: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expected else {
            Issue.record("\(what): missing", sourceLocation: sourceLocation)
            return
        }
        #expect(cutoff.threshold == expected["threshold"]?.double, "\(what).threshold", sourceLocation: sourceLocation)
        let c = cutoff.confusion
        for (key, value) in [("tp", c.tp), ("fp", c.fp), ("fn", c.fn), ("tn", c.tn), ("n_flagged", c.nFlagged)] {
            #expect(value == expected[key]?.int, "\(what).\(key)", sourceLocation: sourceLocation)
        }
        let floats: [(String, Double)] = [
            ("precision", c.precision), ("recall", c.recall), ("f1", c.f1), ("f1_normal", c.f1Normal),
            ("f1_macro", c.f1Macro), ("accuracy", c.accuracy), ("balanced_accuracy", c.balancedAccuracy),
            ("mcc", c.mcc), ("tpr", c.tpr), ("fpr", c.fpr),
        ]
        for (key, value) in floats {
            expectClose(value, field(expected, key, sourceLocation: sourceLocation), tolerance: ReferenceVectors.tolerance, "\(what).\(key)",
                        sourceLocation: sourceLocation)
        }
    }

    @Test("exact top fraction: K = ceil(k*n) from the decimal, clamped to [1, n]")
    func topFraction() throws {
        // 100 distinct scores; 0.15 * 100 is 15.000000000000002 in doubles but K must be 15.
        let scores = (0..<100).map { Double($0) }
        let labels = (0..<100).map { $0 % 7 == 0 }
        let curve = try BinaryCurve(scores: scores, labels: labels)
        let cut = curve.topFraction(try ExactDecimal(numerator: 15, scale: 2))
        #expect(cut.requestedCount == 15)
        #expect(cut.confusion.nFlagged == 15)
        #expect(cut.threshold == 85)
        #expect(cut.selection == .deployable)
        #expect(curve.topFraction(try ExactDecimal(numerator: 0, scale: 0)).requestedCount == 1)
        #expect(curve.topFraction(try ExactDecimal(numerator: 25, scale: 1)).requestedCount == 100)
        #expect(curve.topFraction(try ExactDecimal(numerator: 1, scale: 3)).requestedCount == 1)
        #expect(curve.topK(count: -4).requestedCount == 1)
        #expect(curve.topK(count: 1000).confusion.nFlagged == 100)
    }

    @Test("top-k flags every tie at the cut, so n_flagged >= K")
    func topKTies() throws {
        let curve = try BinaryCurve(scores: [5, 4, 4, 4, 1, 0], labels: [true, false, true, false, false, true])
        let cut = curve.topK(count: 2)
        #expect(cut.threshold == 4)
        #expect(cut.requestedCount == 2)
        #expect(cut.confusion.nFlagged == 4)
    }

    @Test("calibrated: the rule's threshold on validation, applied with s >= t, is deployable")
    func calibrated() throws {
        let validation = try BinaryCurve(scores: [0.9, 0.8, 0.7, 0.3, 0.2, 0.1], labels: [true, true, false, true, false, false])
        let test = try BinaryCurve(scores: [0.85, 0.75, 0.72, 0.5, 0.05], labels: [true, false, true, false, false])
        for rule in [CutoffRule.youden, .bestF1, .topContamination, .topCount(2), .threshold(0.5)] {
            let chosen = validation.cutoff(rule)
            let applied = test.calibrated(rule, on: validation)
            #expect(applied.threshold == chosen.threshold)
            #expect(applied.confusion == test.confusion(atThreshold: chosen.threshold))
            #expect(applied.selection == .deployable)
            #expect(applied.isCalibrated)
        }
        // best F1 on validation: t = 0.3 flags 4 (F1 = 6/7); on test s >= 0.3 flags 4 rows.
        let applied = test.calibrated(.bestF1, on: validation)
        #expect(applied.threshold == 0.3)
        #expect((applied.confusion.tp, applied.confusion.fp) == (2, 2))
    }

    @Test("rule kinds: oracle vs deployable")
    func selections() throws {
        #expect(CutoffRule.youden.selection == .oracle)
        #expect(CutoffRule.bestF1.selection == .oracle)
        #expect(CutoffRule.topContamination.selection == .oracle)
        #expect(CutoffRule.topFraction(try ExactDecimal(numerator: 1, scale: 1)).selection == .deployable)
        #expect(CutoffRule.topCount(3).selection == .deployable)
        #expect(CutoffRule.threshold(0.5).selection == .deployable)
        #expect(CutoffSelection.oracle.rawValue == "oracle")
    }
}
