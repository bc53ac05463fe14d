import DataIO
import Dispatch
import Metrics
import Randomness

/// Computes every metric of one run from its canonical-order scores and labels: one
/// ``BinaryCurve`` (a single sort) feeds AUROC, AP, PR-AUC and every cut-off; blocks get a
/// curve of their own.
enum RunEvaluation {
    static func evaluate(_ input: RunInput, options: EvaluationOptions, calibration: Calibration?,
                         blockScores: BlockScoreFile?, labelSource: String) throws -> RunResult {
        let curve: BinaryCurve
        do {
            curve = try BinaryCurve(scores: input.scores, labels: input.labels)
        } catch let error as MetricsError {
            throw error.dataError(file: input.file)
        }
        var validations: [BinaryCurve?] = []
        for spec in options.cutoffs {
            if spec.isCalibrated {
                guard let validation = calibration?.curve(for: input.column) else {
                    throw DataError(.usage, file: options.calibrationFile,
                                    "no validation scores for column '\(input.column)'")
                }
                validations.append(validation)
            } else {
                validations.append(nil)
            }
        }
        let figures = rankingFigures(curve, cutoffs: options.cutoffs, validations: validations)
        let cutoffs = figures.cutoffs
        var intervals: [BootstrapInterval] = []
        if let replicates = options.bootstrapReplicates {
            do {
                for statistic in MetricTable.bootstrapStatistics {
                    intervals.append(try curve.bootstrap(statistic, replicates: replicates,
                                                         confidenceLevel: options.confidenceLevel, seed: options.seed,
                                                         generator: Xoshiro256StarStar.self))
                }
            } catch let error as MetricsError {
                throw DataError(.usage, "--bootstrap: \(error.description)")
            }
        }
        var block: BlockResult? = nil
        if let spec = options.blocks {
            let (aggregate, blockSize) = try blockAggregate(input, spec: spec, labelSource: labelSource)
            block = try blockResult(aggregate, blockSize: blockSize, cutoffs: options.cutoffs, blockScores: blockScores)
        }
        var series: SeriesResult? = nil
        if let seriesOptions = options.series {
            series = try SeriesEvaluation.evaluate(input, options: options, series: seriesOptions, runCutoffs: cutoffs,
                                                   labelSource: labelSource)
        }
        var byKind: [KindResult]? = nil
        if options.byKind, let kinds = input.kinds {
            do {
                byKind = try KindEvaluation.evaluate(scores: input.scores, labels: input.labels, kinds: kinds)
            } catch let error as MetricsError {
                throw error.dataError(file: input.file)
            }
        }
        return RunResult(name: input.name, file: input.file, column: input.column, group: input.group,
                         curve: curve, scores: input.scores, labels: input.labels,
                         auroc: figures.auroc, averagePrecision: figures.averagePrecision, prAUC: figures.prAUC,
                         cutoffs: cutoffs, bootstrap: intervals, block: block, series: series, byKind: byKind)
    }

    /// AUROC, AP, PR-AUC and the cut-offs of a curve (`validations[i]`: the validation curve of
    /// calibrated cut-off i, else nil). Each is one pass over the thresholds (or a binary search)
    /// and they are independent, so they run as separate tasks on two threads: at 10⁷ distinct
    /// scores that halves about 0.14 s. The same functions give the same values on any thread.
    static func rankingFigures(_ curve: BinaryCurve, cutoffs specs: [CutoffSpec], validations: [BinaryCurve?])
        -> (auroc: Double, averagePrecision: Double, prAUC: Double, cutoffs: [CutoffResult]) {
        let tasks = 3 + specs.count
        nonisolated(unsafe) var areas = [Double](repeating: 0, count: 3)
        nonisolated(unsafe) var results = [Cutoff?](repeating: nil, count: specs.count)
        areas.withUnsafeMutableBufferPointer { areaSlots in
            results.withUnsafeMutableBufferPointer { cutoffSlots in
                nonisolated(unsafe) let areaSlots = areaSlots, cutoffSlots = cutoffSlots
                let work: @Sendable (Int) -> Void = { task in
                    switch task {
                    case 0: areaSlots[0] = curve.auroc
                    case 1: areaSlots[1] = curve.averagePrecision
                    case 2: areaSlots[2] = curve.prAUCTrapezoid
                    default:
                        let index = task - 3
                        if let validation = validations[index] {
                            cutoffSlots[index] = curve.calibrated(specs[index].rule, on: validation)
                        } else {
                            cutoffSlots[index] = curve.cutoff(specs[index].rule)
                        }
                    }
                }
                if curve.thresholdCount < 1 << 16 {
                    for task in 0..<tasks { work(task) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: tasks, execute: work)
                }
            }
        }
        return (areas[0], areas[1], areas[2], zip(specs, results).map { spec, cutoff in
            guard let cutoff else { preconditionFailure("every cut-off task has run") }
            return CutoffResult(spec: spec, cutoff: cutoff)
        })
    }

    /// The metrics of a merged run (``PartialEvaluation``): its curve and block aggregate come
    /// from merged counts and tallies, equal to those the rows would give, and every figure is
    /// computed from them by the same code as ``evaluate(_:options:calibration:blockScores:labelSource:)``.
    /// Calibrated cut-offs and the bootstrap need the rows and are refused before this point.
    static func evaluate(merged curve: BinaryCurve, name: String, file: String, column: String, group: String?, cutoffs: [CutoffSpec],
                         blocks: (aggregate: BlockAggregate, blockSize: Int?)?, blockScores: BlockScoreFile?) throws -> RunResult {
        let specs = cutoffs.filter { !$0.isCalibrated }
        let figures = rankingFigures(curve, cutoffs: specs, validations: specs.map { _ in nil })
        var block: BlockResult? = nil
        if let blocks {
            block = try blockResult(blocks.aggregate, blockSize: blocks.blockSize, cutoffs: cutoffs, blockScores: blockScores)
        }
        return RunResult(name: name, file: file, column: column, group: group, curve: curve, scores: [], labels: [],
                         auroc: figures.auroc, averagePrecision: figures.averagePrecision, prAUC: figures.prAUC,
                         cutoffs: figures.cutoffs, bootstrap: [], block: block, series: nil)
    }

    /// The blocks of a run's rows, and the fixed block size (nil for the labels' block column).
    private static func blockAggregate(_ input: RunInput, spec: BlockSpec, labelSource: String) throws -> (BlockAggregate, Int?) {
        let labels = input.labels.map { $0 == 1 }
        let aggregate: BlockAggregate
        var blockSize: Int? = nil
        do {
            switch spec {
            case .size(let size):
                aggregate = try BlockAggregate(scores: input.scores, labels: labels, blockSize: size)
                blockSize = size
            case .labelColumn:
                guard let blocks = input.blocks else {
                    throw DataError(.usage, file: labelSource,
                                    "--block-size dataset needs a 'block' column filled for every row of the labels")
                }
                aggregate = try BlockAggregate(scores: input.scores, labels: labels, blockIndex: blocks)
            }
        } catch let error as MetricsError {
            throw DataError(.usage, "blocks: \(error.description)")
        }
        return (aggregate, blockSize)
    }

    /// Block metrics from the blocks' scores and labels (or a block score file's scores).
    private static func blockResult(_ aggregate: BlockAggregate, blockSize: Int?, cutoffs: [CutoffSpec],
                                    blockScores: BlockScoreFile?) throws -> BlockResult {
        var scores = aggregate.scores
        var source = "mean"
        if let blockScores {
            source = "file"
            scores = try aggregate.blockIndices.map { index in
                guard let score = blockScores.scores[index] else {
                    throw DataError(.missingScore, file: blockScores.path, "the block score file has no score for block \(index)")
                }
                return score
            }
            if blockScores.scores.count > aggregate.count {
                let known = Set(aggregate.blockIndices)
                let extra = blockScores.scores.keys.filter { !known.contains($0) }.min() ?? -1
                throw DataError(.unknownID, file: blockScores.path, "the block score file scores block \(extra), which has no rows")
            }
        }
        let outcome: BlockResult.Outcome
        switch aggregate.curve() {
        case .undefined(let reason):
            outcome = .undefined(reason: reason.description, code: reason.rawValue)
        case .defined:
            let curve = try BinaryCurve(scores: scores, labels: aggregate.labels)
            let results = cutoffs.filter { !$0.isCalibrated }.map { CutoffResult(spec: $0, cutoff: curve.cutoff($0.rule)) }
            outcome = .defined(curve: curve, auroc: curve.auroc, averagePrecision: curve.averagePrecision,
                               prAUC: curve.prAUCTrapezoid, cutoffs: results)
        }
        return BlockResult(blockSize: blockSize, blockCount: aggregate.count, lastBlockSize: aggregate.lastBlockSize,
                           anomalousBlocks: aggregate.anomalousCount, scoreSource: source, outcome: outcome)
    }
}
