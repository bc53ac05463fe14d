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

    /// One case's outcome.
    public struct Outcome: Sendable {
        public var testCase: Expectations.Case
        public var mean: Double
        public var standardDeviation: Double?
        public var runs: Int
        /// The allowed absolute deviation.
        public var allowance: Double
        public var passed: Bool { abs(mean - testCase.expected) <= allowance }
    }

    public func run(_ expectations: Expectations) throws -> [Outcome] {
        try expectations.cases.map(run)
    }

    public func run(_ testCase: Expectations.Case) throws -> Outcome {
        let workspace = Workspace(root: work, quiet: quiet, log: { self.log("check: " + $0) })
        let resolved = try workspace.resolve(testCase.recipe, overrides: testCase.overrides)
        let recipe = resolved.recipe
        let dataset = try workspace.dataset(resolved)
        let runs = testCase.runs ?? recipe.evaluation.runs
        let files = try (0..<runs).map { r in
            try workspace.scores(resolved, dataset: dataset, detector: testCase.detector, parameters: testCase.parameters,
                                 seed: testCase.seed + UInt64(r))
        }
        var options = EvaluationOptions()
        options.scoreFiles = files
        options.datasetPath = dataset
        options.cutoffs = try recipe.evaluation.cutoffs.map { try CutoffSpec(parsing: $0) }
        if recipe.evaluation.blocks { options.blocks = .labelColumn }
        let result = try Evaluator.evaluate(options)
        let values = try result.runs.map { run -> Double in
            guard let value = run.namedMetrics.first(where: { $0.0 == testCase.metric })?.1 else {
                let known = run.namedMetrics.map(\.0).joined(separator: ", ")
                throw DataError("bad_expectations", "metric '\(testCase.metric)' is not computed for \(testCase.label); available: \(known)")
            }
            return value
        }
        let statistics = try RunStatistics(values)
        let allowance = testCase.tolerance ?? (testCase.toleranceSD ?? 0) * (statistics.standardDeviation ?? 0)
        return Outcome(testCase: testCase, mean: statistics.mean, standardDeviation: statistics.standardDeviation,
                       runs: values.count, allowance: allowance)
    }

    /// The expected-vs-measured table.
    public static func table(_ outcomes: [Outcome]) -> String {
        let rows = outcomes.map { o in
            [o.testCase.label, o.testCase.metric, String(format: "%.4f", o.testCase.expected),
             String(format: "%.4f", o.mean) + (o.standardDeviation.map { String(format: " ± %.4f", $0) } ?? ""),
             "±" + String(format: "%.4f", o.allowance) + (o.testCase.toleranceSD.map { String(format: " (%g sd)", $0) } ?? ""),
             String(o.runs), o.passed ? "pass" : "FAIL"]
        }
        return TextTable.aligned([ReportTable(
            caption: "toolkit check: \(outcomes.filter(\.passed).count) of \(outcomes.count) within tolerance",
            header: ["case", "metric", "expected", "measured", "tolerance", "runs", "result"], rows: rows)])
    }
}
