import DataIO
import Evaluation
import Foundation
import Metrics
import Recipe

/// Runs what an expectations file needs and compares: for each case, the dataset of its recipe
/// (generated once into the work folder and reused while the resolved recipe is unchanged),
/// `runs` detector runs with seeds seed, seed+1, … (score files reused when present: a killed
/// check resumes), the evaluator with the recipe's protocol, and the mean (± std) of the metric.
public struct CheckRunner {
    public var work: String
    public var quiet: Bool
    public var log: (String) -> Void

    public init(work: String, quiet: Bool = false, log: @escaping (String) -> Void = { _ in }) {
        self.work = work
        self.quiet = quiet
        self.log = log
    }

    /// One case's outcome: measured, or the error that stopped it.
    public struct Outcome: Sendable {
        public var testCase: Expectations.Case
        /// The metric of each run, in seed order (empty when the case failed to run).
        public var values: [Double]
        public var mean: Double
        public var standardDeviation: Double?
        /// The allowed absolute deviation from the expected value (nil for a floor or an error).
        public var allowance: Double?
        /// Why the case could not be measured (a bad recipe, metric or parameter).
        public var error: String?
        /// Wall-clock seconds spent on the case (generation, detection, evaluation).
        public var seconds: Double

        public var runs: Int { values.count }
        public var passed: Bool { error == nil && testCase.passes(mean: mean, measuredSD: standardDeviation) }

        /// The result word of the table: `pass`, `FAIL` or `ERROR`.
        public var result: String { error != nil ? "ERROR" : passed ? "pass" : "FAIL" }

        /// The gate as text: `±0.0300`, `±0.0300 (3 sd)`, `≥ 0.7000`.
        public var gateText: String {
            switch testCase.gate {
            case .floor(let f): return String(format: "≥ %.4f", f)
            case .absolute(let tolerance): return "±" + String(format: "%.4f", allowance ?? tolerance)
            case .standardDeviations(let k):
                // Without a measurement (an error) and without a recorded spread, the width is unknown.
                let width = allowance ?? testCase.spread.map { k * $0 }
                return (width.map { "±" + String(format: "%.4f", $0) } ?? "±?") + String(format: " (%g sd)", k)
            }
        }

        /// The measurement as text: `0.7339 ± 0.0043`, or `—` after an error.
        public var measuredText: String {
            guard error == nil else { return "—" }
            return String(format: "%.4f", mean) + (standardDeviation.map { String(format: " ± %.4f", $0) } ?? "")
        }

        /// One sentence for logs and JUnit: what was expected, what was measured, the gate.
        public var message: String {
            if let error { return "\(testCase.metric): \(error)" }
            let seeds = runs == 1 ? "seed \(testCase.seed)" : "seeds \(testCase.seed)-\(testCase.seed + UInt64(runs) - 1)"
            var text = "\(testCase.metric) measured \(measuredText) over \(runs) run\(runs == 1 ? "" : "s") (\(seeds)), expected "
                + String(format: "%.4f", testCase.expected) + " " + gateText
            if let spread = testCase.spread { text += String(format: " (recorded seed spread %.4f)", spread) }
            return text
        }
    }

    /// Every case in order. A case that cannot run (a bad metric name, a missing source file) is
    /// an `ERROR` outcome and the others still run.
    public func run(_ expectations: Expectations) -> [Outcome] {
        expectations.cases.map { testCase in
            let start = DispatchTime.now().uptimeNanoseconds
            func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
            do {
                var outcome = try run(testCase)
                outcome.seconds = seconds()
                return outcome
            } catch {
                let message = (error as? DataError)?.description ?? "\(error)"
                log("check: \(testCase.label): \(message)")
                return Outcome(testCase: testCase, values: [], mean: .nan, standardDeviation: nil, allowance: nil,
                               error: message, seconds: seconds())
            }
        }
    }

    public func run(_ testCase: Expectations.Case) throws -> Outcome {
        let workspace = Workspace(root: work, quiet: quiet, log: { self.log("check: " + $0) })
        let resolved = try workspace.resolve(testCase.recipe, overrides: testCase.overrides)
        let recipe = resolved.recipe
        let dataset = try workspace.dataset(resolved)
        let runs = testCase.runs ?? recipe.evaluation.runs
        func scores(_ r: Int) throws -> String {
            try workspace.scores(resolved, dataset: dataset, detector: testCase.detector, parameters: testCase.parameters,
                                 seed: testCase.seed + UInt64(r))
        }
        func evaluate(_ files: [String]) throws -> [Double] {
            var options = EvaluationOptions()
            options.scoreFiles = files
            options.datasetPath = dataset
            try options.apply(RecipeProtocol(recipe: resolved.name, spec: recipe.evaluation), overrides: BenchRunner.protocolOverrides)
            return try Evaluator.evaluate(options).runs.map { run -> Double in
                guard let value = run.metric(named: testCase.metric) else {
                    let names = run.namedMetrics.map(\.0)
                    throw DataError(.badExpectations, "metric '\(testCase.metric)' is not computed for \(testCase.label)\(Spelling.suggestion(for: testCase.metric, in: names)); available: \(names.joined(separator: ", "))")
                }
                return value
            }
        }
        // The metric's name is checked on the first run before the others are made: the names
        // come from the evaluation itself (the protocol's cut-offs, blocks when defined), and
        // a misspelt one once cost every run of the case before it was reported.
        // Each run's metric depends on that run alone, so the others are evaluated together after it.
        var values = try evaluate([try scores(0)])
        if runs > 1 { values += try evaluate((1..<runs).map(scores)) }
        let statistics = try RunStatistics(values)
        return Outcome(testCase: testCase, values: values, mean: statistics.mean, standardDeviation: statistics.standardDeviation,
                       allowance: testCase.allowance(measuredSD: statistics.standardDeviation), error: nil, seconds: 0)
    }

    /// The expected-vs-measured table, with the machine's facts under it.
    public static func table(_ outcomes: [Outcome], machine: String? = nil) -> String {
        let rows = outcomes.map { o in
            [o.testCase.label, o.testCase.metric, String(format: "%.4f", o.testCase.expected), o.measuredText,
             o.gateText, String(o.runs), o.result]
        }
        let errors = outcomes.filter { $0.error != nil }.count
        var text = TextTable.aligned([ReportTable(
            caption: "toolkit check: \(outcomes.filter(\.passed).count) of \(outcomes.count) within tolerance"
                + (errors > 0 ? ", \(errors) could not run" : ""),
            header: ["case", "metric", "expected", "measured", "tolerance", "runs", "result"], rows: rows)])
        for o in outcomes { if let error = o.error { text += "ERROR \(o.testCase.label): \(error)\n" } }
        if let machine { text += "machine: \(machine)\n" }
        return text
    }
}
