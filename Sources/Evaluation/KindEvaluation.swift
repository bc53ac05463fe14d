import Metrics

/// The ranking metrics of one anomaly kind (`--by-kind`).
public struct KindResult: Sendable, Equatable {
    /// The kind, as the labels' `kind` column spells it (empty when anomalous rows left it empty).
    public var kind: String
    /// The anomalous rows of this kind.
    public var anomalies: Int
    /// The normal rows (the same for every kind of a run).
    public var normals: Int
    /// AUROC and AP on the normal rows plus this kind's anomalies; nil when that subset has a
    /// single class (no normal rows).
    public var auroc: Double?
    public var averagePrecision: Double?
}

/// Per-anomaly-kind metrics, the usual per-type definition (ADBench reports per anomaly type):
/// for each kind K among the anomalous rows, AUROC and AP of the scores of **all normal rows
/// plus the anomalies of kind K**, the anomalies of every other kind left out. Each subset is an
/// ordinary scores/labels pair given to ``BinaryCurve``, so the figures are exactly those of
/// `roc_auc_score` / `average_precision_score` on the filtered rows (ties, ordering and all).
///
/// Which rows are anomalies is the `label` column's decision: a normal row's kind is ignored.
/// Kinds are sorted by name (Swift `String` order, byte order for ASCII); a subset with one
/// class (no normal rows) gets nil figures rather than an error.
enum KindEvaluation {
    static func evaluate(scores: [Double], labels: [UInt8], kinds: KindColumn) throws -> [KindResult] {
        precondition(scores.count == labels.count && labels.count == kinds.count, "one kind per row")
        var anomaliesByCode = [Int](repeating: 0, count: kinds.names.count)
        var normals = 0
        for row in labels.indices {
            if labels[row] == 1 { anomaliesByCode[Int(kinds.codes[row])] += 1 } else { normals += 1 }
        }
        let present = kinds.names.indices.filter { anomaliesByCode[$0] > 0 }
            .sorted { kinds.names[$0] < kinds.names[$1] }
        return try present.map { code in
            let subsetCount = normals + anomaliesByCode[code]
            var subsetScores: [Double] = [], subsetLabels: [UInt8] = []
            subsetScores.reserveCapacity(subsetCount)
            subsetLabels.reserveCapacity(subsetCount)
            for row in labels.indices where labels[row] == 0 || kinds.codes[row] == Int32(code) {
                subsetScores.append(scores[row])
                subsetLabels.append(labels[row])
            }
            var result = KindResult(kind: kinds.names[code], anomalies: anomaliesByCode[code], normals: normals,
                                    auroc: nil, averagePrecision: nil)
            if normals > 0 {  // both classes: this kind's anomalies and every normal row
                let curve = try BinaryCurve(scores: subsetScores, labels: subsetLabels)
                result.auroc = curve.auroc
                result.averagePrecision = curve.averagePrecision
            }
            return result
        }
    }
}
