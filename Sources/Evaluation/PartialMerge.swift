import DataIO
import Metrics

extension PartialEvaluation {
    /// The partial evaluation of the union of the shards of `parts`: per run, the distinct-score
    /// counts merged (``DistinctScoreCounts/merged(_:)``), the block tallies added
    /// (``BlockTally/merged(_:)``), the label coverages added and the score files united.
    /// Every part of the result is an exact sum or a sorted union, so merging is associative
    /// and commutative: any tree of merges over the same shards gives the same results.
    /// Comparison partials (`--compare`) gather their DeLong pair tables too
    /// (``ComparedRuns/merged(_:)``).
    ///
    /// Refused (`partial_mismatch`, naming both partials and the difference): a comparison
    /// partial with an ordinary one, different metric options, labels, or runs (number or
    /// columns, matched by position; comparing, A's number of runs and the confidence level). Refused
    /// (`duplicate_shard`): a score file (by SHA-256) in two parts, whose rows would count
    /// twice. Refused (`coverage`): more labelled rows covered than the label set has. Whether
    /// every labelled row is covered exactly once is checked when results are made
    /// (``Evaluator/evaluate(merged:blockScoresFile:)``), since a merge may be one step of
    /// many.
    public static func merged(_ parts: [PartialEvaluation]) throws -> PartialEvaluation {
        guard let first = parts.first else { throw DataError(.usage, "no partial evaluation to merge") }
        for part in parts.dropFirst() { try checkCompatible(first, part) }

        var runs: [Run] = []
        for index in first.runs.indices {
            let column = first.runs[index].column
            var seen: [String: (source: Source, origin: String)] = [:]
            var sources: [Source] = []
            for part in parts {
                for source in part.runs[index].sources {
                    if let earlier = seen[source.sha256] {
                        throw DataError(.duplicateShard, """
                            column '\(column)': the score file \(source.file) (SHA-256 \(source.sha256.prefix(16))…) is in both \
                            \(earlier.origin) (as \(earlier.source.file)) and \(part.origin): its rows would be counted twice
                            """)
                    }
                    seen[source.sha256] = (source, part.origin)
                    sources.append(source)
                }
            }
            sources.sort()

            var coverage: LabelCoverage? = nil
            if let all = first.labels.all {
                var sum = LabelCoverage()
                for part in parts { sum.add(part.runs[index].coverage ?? LabelCoverage()) }
                if sum.rows > all.rows {
                    throw DataError(.coverage, """
                        column '\(column)': the partials cover \(grouped(sum.rows)) rows of the \(grouped(all.rows)) labelled \
                        rows of \(first.labels.description): some rows are in more than one shard (a shard is repeated?)
                        """)
                }
                coverage = sum
            }

            // The counts are merged when needed (written, or turned into the curve), once.
            let countParts = parts.flatMap { $0.runs[index].countParts }
            // Saturating, so that absurd counts are refused below rather than trap.
            let rows = countParts.reduce(0) { let (sum, overflow) = $0.addingReportingOverflow($1.rowCount); return overflow ? Int.max : sum }
            if rows > BinaryCurve.maximumCount {
                throw DataError(.tooManyRows, "column '\(column)': the partials hold \(grouped(rows)) rows, more than the \(grouped(BinaryCurve.maximumCount)) an evaluation supports")
            }

            var blocks: [BlockTally]? = nil
            if first.options.blocks != nil {
                let merged = BlockTally.merged(parts.map { $0.runs[index].blocks ?? [] })
                if let outside = merged.first(where: { !$0.isWithinExactRange }) {
                    throw DataError(.notMergeable, magnitudeRefusal(column: column, block: outside))
                }
                blocks = merged
            }
            var run = Run(column: column, sources: sources, counts: countParts[0], coverage: coverage, blocks: blocks)
            run.countParts = countParts
            runs.append(run)
        }

        // What is shown: the smallest label description (the paths may differ between machines),
        // with its manifest; the warnings of all, once each. Both independent of the order.
        let shown = parts.min { $0.labels.description < $1.labels.description }!
        var labels = first.labels
        labels.description = shown.labels.description
        var warnings: [String] = []
        for warning in parts.flatMap(\.warnings).sorted() where warnings.last != warning { warnings.append(warning) }
        let origin = parts.count <= 3 ? parts.map(\.origin).joined(separator: " + ")
                                      : "\(parts[0].origin) + \(parts.count - 1) more partials"
        let comparison = first.comparison.map { _ in ComparedRuns.merged(parts.compactMap(\.comparison)) }  // all are comparisons (checked)
        return PartialEvaluation(origin: origin, options: first.options, labels: labels, manifest: shown.manifest,
                                 warnings: warnings, runs: runs, comparison: comparison)
    }

    /// Refuses to merge partials that were not made alike.
    static func checkCompatible(_ a: PartialEvaluation, _ b: PartialEvaluation) throws {
        func mismatch(_ what: String) -> DataError {
            DataError(.partialMismatch, "\(a.origin) and \(b.origin) cannot be merged: \(what)")
        }
        if (a.comparison == nil) != (b.comparison == nil) {
            let (comparing, other) = a.comparison != nil ? (a.origin, b.origin) : (b.origin, a.origin)
            throw mismatch("\(comparing) compares two detectors (made with --compare) and \(other) does not; make every partial of a comparison with the same --compare A B")
        }
        if a.options.cutoffs != b.options.cutoffs {
            throw mismatch("the cut-offs differ (\(list(a.options.cutoffs)) against \(list(b.options.cutoffs))); make every partial with the same --cutoff options")
        }
        if a.options.blocks != b.options.blocks {
            throw mismatch("the blocks differ (\(blocks(a.options.blocks)) against \(blocks(b.options.blocks)))")
        }
        if a.options.lowerIsAnomalous != b.options.lowerIsAnomalous {
            throw mismatch("one was made with --lower-is-anomalous and the other without")
        }
        let x = a.labels, y = b.labels
        if x.kind != y.kind {
            throw mismatch("the labels come from \(x.kind.rawValue) (\(x.description)) against \(y.kind.rawValue) (\(y.description))")
        }
        if x.sha256 != y.sha256 {
            throw mismatch("the label files differ (\(x.description), SHA-256 \(x.sha256?.prefix(16) ?? "-")…, against \(y.description), SHA-256 \(y.sha256?.prefix(16) ?? "-")…)")
        }
        if x.split != y.split {
            throw mismatch("the label splits differ (\(x.split ?? "none") against \(y.split ?? "none"))")
        }
        if !x.sameIdentity(as: y) {
            throw mismatch("the label sets differ (\(x.all.map { grouped($0.rows) } ?? "-") rows against \(y.all.map { grouped($0.rows) } ?? "-"))")
        }
        if a.runs.count != b.runs.count {
            throw mismatch("\(a.runs.count) runs (score columns) against \(b.runs.count); make every partial from the same score columns")
        }
        for (index, (r, s)) in zip(a.runs, b.runs).enumerated() where r.column != s.column {
            throw mismatch("run \(index + 1) is score column '\(r.column)' against '\(s.column)'")
        }
        if let x = a.comparison, let y = b.comparison {
            if x.aRuns != y.aRuns {
                throw mismatch("--compare A has \(x.aRuns) runs (of \(a.runs.count)) against \(y.aRuns); make every partial with the same --compare A B")
            }
            if x.confidenceLevel != y.confidenceLevel {
                throw mismatch("the confidence levels differ (--confidence \(x.confidenceLevel) against \(y.confidenceLevel))")
            }
        }
    }

    private static func list(_ cutoffs: [CutoffSpec]) -> String {
        cutoffs.isEmpty ? "none" : cutoffs.map(\.text).joined(separator: ", ")
    }

    private static func blocks(_ spec: BlockSpec?) -> String {
        switch spec {
        case nil: return "no blocks"
        case .labelColumn?: return "--block-size dataset"
        case .size(let size)?: return "--block-size \(size)"
        }
    }

    /// `9,000,000`.
    static func grouped(_ n: Int) -> String { Thousands.grouped(n) }
}
