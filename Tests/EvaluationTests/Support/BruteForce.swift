/// Brute-force metrics straight from the definitions (`Fixtures/metrics/SPEC.md` §3), over all thresholds.
struct BruteForce {
    let auroc: Double
    let averagePrecision: Double
    let bestF1: Double
    let bestF1Threshold: Double

    init(scores: [Double], labels: [Int]) {
        let positives = labels.filter { $0 == 1 }.count, negatives = labels.count - positives
        // Mann–Whitney: pairs (anomaly, normal) ranked correctly, ties count ½.
        var twiceConcordant = 0
        for i in scores.indices where labels[i] == 1 {
            for j in scores.indices where labels[j] == 0 {
                twiceConcordant += scores[i] > scores[j] ? 2 : (scores[i] == scores[j] ? 1 : 0)
            }
        }
        auroc = Double(twiceConcordant) / Double(2 * positives * negatives)

        let thresholds = Set(scores).sorted(by: >)
        var ap = 0.0, previousRecall = 0.0
        var best = -1.0, bestThreshold = Double.nan
        for t in thresholds {
            var tp = 0, fp = 0
            for i in scores.indices where scores[i] >= t {
                if labels[i] == 1 { tp += 1 } else { fp += 1 }
            }
            let recall = Double(tp) / Double(positives)
            let precision = Double(tp) / Double(tp + fp)
            ap += (recall - previousRecall) * precision
            previousRecall = recall
            let f1 = Double(2 * tp) / Double(2 * tp + fp + (positives - tp))
            if f1 > best { best = f1; bestThreshold = t }   // highest threshold among exact maximisers
        }
        averagePrecision = ap
        bestF1 = best
        bestF1Threshold = bestThreshold
    }
}
