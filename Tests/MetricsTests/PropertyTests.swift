import Randomness
import Testing
@testable import Metrics

/// Randomised (seeded) checks of the core against brute force over all thresholds.
@Suite struct PropertyTests {
    /// A random labelled sample with both classes. `style` 0: few distinct integers (heavy
    /// ties); 1: continuous; 2: signed zeros, subnormals and huge magnitudes mixed in.
    static func sample(seed: UInt64, n: Int, style: Int) -> (scores: [Double], labels: [Bool]) {
        var g = Xoshiro256StarStar(seed: seed)
        let specials: [Double] = [0.0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1.7976931348623157e308, -1.7976931348623157e308, 1, 1.0000000000000002]
        let rate = 0.05 + 0.9 * g.uniformUnit()
        var scores: [Double] = [], labels: [Bool] = []
        for _ in 0..<n {
            switch style {
            case 0: scores.append(Double(g.uniformInt(below: 1 + n / 4)))
            case 1: scores.append(g.standardNormal())
            default: scores.append(g.uniformUnit() < 0.5 ? specials[g.uniformInt(below: specials.count)] : g.standardNormal())
            }
            labels.append(g.uniformUnit() < rate)
        }
        labels[0] = true
        labels[1] = false
        return (scores, labels)
    }

    static let trials: [(seed: UInt64, n: Int, style: Int)] = (0..<90).map { i in
        (UInt64(1000 + i), [2, 3, 5, 17, 64, 300, 700][i % 7], i % 3)
    }

    @Test("AUROC = pairwise Mann-Whitney; AP, PR-AUC, best F1, Youden, top-K = brute force",
          arguments: 0..<trials.count)
    func bruteForce(trial: Int) throws {
        let (seed, n, style) = Self.trials[trial]
        let (scores, labels) = Self.sample(seed: seed, n: n, style: style)
        let curve = try BinaryCurve(scores: scores, labels: labels)
        let p = labels.filter { $0 }.count, q = n - p

        // AUROC: 2U over all pairs, ties counted 1/2 (so 2 per strict win, 1 per tie).
        var twiceU = 0
        for i in 0..<n where labels[i] {
            for j in 0..<n where !labels[j] {
                twiceU += scores[i] > scores[j] ? 2 : (scores[i] == scores[j] ? 1 : 0)
            }
        }
        #expect(curve.twiceMannWhitneyU == UInt64(twiceU))
        #expect(curve.auroc == Double(twiceU) / Double(2 * p * q))

        // Every distinct threshold by brute force, highest first.
        let distinct = Array(Set(scores.map { $0 + 0.0 })).sorted(by: >)
        #expect(curve.thresholds == distinct)
        var counts: [(tp: Int, fp: Int)] = []
        for t in distinct {
            var tp = 0, fp = 0
            for i in 0..<n where scores[i] >= t { if labels[i] { tp += 1 } else { fp += 1 } }
            counts.append((tp, fp))
        }
        for k in distinct.indices {
            #expect(curve.truePositives(at: k) == counts[k].tp && curve.falsePositives(at: k) == counts[k].fp)
        }

        // AP and PR-AUC (trapezoid through (0, 1)) by the textbook sums.
        var ap = 0.0, pr = 0.0, previousTP = 0, previousPrecision = 1.0
        for c in counts {
            let precision = Double(c.tp) / Double(c.tp + c.fp)
            ap += Double(c.tp - previousTP) / Double(p) * precision
            pr += Double(c.tp - previousTP) / Double(p) * (precision + previousPrecision) / 2
            previousTP = c.tp
            previousPrecision = precision
        }
        expectClose(curve.averagePrecision, ap, tolerance: 1e-14, "AP")
        expectClose(curve.prAUCTrapezoid, pr, tolerance: 1e-14, "PR-AUC")

        // Best F1 and Youden: exact rational argmax, first (highest threshold) on ties.
        var bestF1 = 0, bestJ = 0
        for k in counts.indices {
            let a = counts[k], b = counts[bestF1]
            if 2 * a.tp * (b.tp + b.fp + p) > 2 * b.tp * (a.tp + a.fp + p) { bestF1 = k }
            let c = counts[bestJ]
            if a.tp * q - a.fp * p > c.tp * q - c.fp * p { bestJ = k }
        }
        #expect(curve.bestF1().threshold == distinct[bestF1])
        #expect(curve.youden().threshold == distinct[bestJ])
        #expect(curve.youden().youdenJ == Double(counts[bestJ].tp * q - counts[bestJ].fp * p) / Double(p * q))

        // Top-K for every K: the K-th largest score with multiplicity, all ties flagged.
        let descending = scores.sorted(by: >)
        for k in 1...n {
            let cut = curve.topK(count: k)
            #expect(cut.threshold == descending[k - 1])
            #expect(cut.confusion.nFlagged == scores.filter { $0 >= descending[k - 1] }.count)
        }

        // Arbitrary thresholds: observed, in between, outside.
        var g = Xoshiro256StarStar(seed: seed ^ 0xABCD)
        for _ in 0..<20 {
            let t = g.uniformUnit() < 0.5 ? scores[g.uniformInt(below: n)] : g.standardNormal() * 2
            let c = curve.confusion(atThreshold: t)
            let tp = (0..<n).filter { labels[$0] && scores[$0] >= t }.count
            let fp = (0..<n).filter { !labels[$0] && scores[$0] >= t }.count
            #expect(c.tp == tp && c.fp == fp && c.fn == p - tp && c.tn == q - fp)
        }
    }
}
