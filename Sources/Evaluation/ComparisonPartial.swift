import DataIO
import Metrics

extension PartialEvaluation {
    /// What a partial of `toolkit evaluate --compare A B … --partial OUT` holds besides its runs
    /// (A's runs first, then B's, each as in any partial): which runs are A's, DeLong's
    /// confidence level, and the table DeLong's test of A's first run against B's first run
    /// needs: the distinct (score under A, score under B) pairs of the shard's rows with their
    /// anomaly and normal counts (``DistinctPairCounts``). The pairs cannot be fewer in
    /// general: DeLong's covariance needs each row's placements under both detectors together.
    ///
    /// Rows are paired as a whole evaluation pairs them: by id with `--labels`/`--dataset` (a
    /// shard must score the same labelled ids with both), by position with the score files'
    /// own labels (a shard must hold as many rows of both, and where their labels differ the
    /// whole evaluation gives no DeLong test: ``labelsDiffer``).
    public struct ComparedRuns: Sendable {
        /// The first `aRuns` runs of the partial are A's (`--compare A`), the others B's.
        public var aRuns: Int
        /// DeLong's confidence level (`--confidence`).
        public var confidenceLevel: Double
        /// The pair tables of disjoint rows (one per shard merged): merging them is put off until
        /// written (``pairs()``); DeLong's test takes them as they are
        /// (``DeLongTest/init(merging:confidenceLevel:)``). Empty when ``labelsDiffer``.
        public var pairParts: [DistinctPairCounts]
        /// With the score files' own labels: A's and B's first runs label some row differently
        /// (a whole evaluation then gives no DeLong test, "the two runs do not have the same labels").
        public var labelsDiffer: Bool

        public init(aRuns: Int, confidenceLevel: Double, pairs: DistinctPairCounts?, labelsDiffer: Bool) {
            self.aRuns = aRuns
            self.confidenceLevel = confidenceLevel
            self.pairParts = pairs.map { [$0] } ?? []
            self.labelsDiffer = labelsDiffer
        }

        /// The merged pair table, nil when ``labelsDiffer``.
        public func pairs() throws -> DistinctPairCounts? {
            labelsDiffer || pairParts.isEmpty ? nil : try DistinctPairCounts.merged(pairParts)
        }

        /// The group of run `index`: `a` or `b`.
        public func group(ofRun index: Int) -> String { index < aRuns ? "a" : "b" }
    }

    /// One side of the pair: the first run of A or of B in a shard.
    struct ComparedSide {
        var file: String
        var scores: [Double]
        var labels: [UInt8]
        /// The label rows of the file's rows (external labels), else nil.
        var positions: [Int32]?
    }

    /// The pair table of the shard's rows scored by `a` and `b` (nil when their own labels
    /// differ: ``ComparedRuns/labelsDiffer``). Errors: `missing_score` when, with external
    /// labels, one side scores an id the other does not; `not_mergeable` when, with the score
    /// files' own labels, the two files hold different numbers of rows.
    static func pairTable(_ a: ComparedSide, _ b: ComparedSide, labelFile: LabelFile?) throws -> (pairs: DistinctPairCounts?, labelsDiffer: Bool) {
        var second = b.scores
        if a.file != b.file {
            if let labelFile, let positionsA = a.positions, let positionsB = b.positions {
                // By id: B's score of each of A's rows, found by its label row.
                var rowOfB = [Int32](repeating: -1, count: labelFile.rowCount)
                for (row, position) in positionsB.enumerated() { rowOfB[Int(position)] = Int32(row) }
                second = []
                second.reserveCapacity(positionsA.count)
                for position in positionsA {
                    let row = rowOfB[Int(position)]
                    guard row >= 0 else { throw missing(labelFile.ids.string(Int(position)), scoredIn: a.file, notIn: b.file) }
                    second.append(b.scores[Int(row)])
                }
                if positionsB.count != positionsA.count {
                    var inA = [Bool](repeating: false, count: labelFile.rowCount)
                    for position in positionsA { inA[Int(position)] = true }
                    let position = positionsB.first { !inA[Int($0)] }!
                    throw missing(labelFile.ids.string(Int(position)), scoredIn: b.file, notIn: a.file)
                }
            } else {
                // By position, as a whole evaluation pairs the rows of files with their own labels.
                guard a.scores.count == b.scores.count else {
                    throw DataError(.notMergeable, """
                        --compare with the score files' own labels pairs the rows of \(a.file) and \(b.file) by position, \
                        and this shard has \(grouped(a.scores.count)) rows of one and \(grouped(b.scores.count)) of the other; \
                        give every shard the same rows of both (or the labels with --labels FILE or --dataset DIR, to pair them by id)
                        """)
                }
                if a.labels != b.labels { return (nil, true) }
            }
        }
        do {
            return (try DistinctPairCounts(scores1: a.scores, scores2: second, labels: a.labels), false)
        } catch let error as MetricsError {
            throw error.dataError(file: a.file)
        }
    }

    private static func missing(_ id: String, scoredIn present: String, notIn absent: String) -> DataError {
        DataError(.missingScore, file: absent, """
            --compare: id '\(id)' is scored in \(present) but not in \(absent); DeLong's test pairs the two detectors' scores \
            by id, so each shard must score the same labelled ids with both
            """)
    }
}

extension PartialEvaluation.ComparedRuns {
    /// The comparison of the union of disjoint shards: pair tables gathered (merged when
    /// written), labels differing anywhere differing in the union. The parts must agree on
    /// ``aRuns`` and ``confidenceLevel`` (checked by ``PartialEvaluation/merged(_:)``).
    static func merged(_ parts: [PartialEvaluation.ComparedRuns]) -> PartialEvaluation.ComparedRuns {
        var merged = parts[0]
        merged.labelsDiffer = parts.contains { $0.labelsDiffer }
        merged.pairParts = merged.labelsDiffer ? [] : parts.flatMap(\.pairParts)
        return merged
    }
}
