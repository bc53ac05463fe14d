import DataIO
import Datasets
import Detectors
import Evaluation
import Foundation
import Generators
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
        let overrides = try testCase.overrides.map { try RecipeOverride(parsing: $0) }
        let recipe = try RecipeLoader.load(testCase.recipe, overrides: overrides)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let key = Self.digest(String(decoding: try encoder.encode(recipe), as: UTF8.self))
        let datasets = work + "/datasets"
        let dataset = datasets + "/\(recipe.name)-\(key)"
        try FileManager.default.createDirectory(atPath: datasets, withIntermediateDirectories: true)
        if !FileSystem.isRegularFile(dataset + "/manifest.json") {
            log("check: generating \(recipe.name) into \(dataset)")
            _ = try DatasetGeneration.run(recipe, options: .init(destination: dataset, force: true, quiet: quiet))
        }
        let runs = testCase.runs ?? recipe.evaluation.runs
        let scores = work + "/scores/\(recipe.name)-\(key)"
        try FileManager.default.createDirectory(atPath: scores, withIntermediateDirectories: true)
        let detectorKey = Self.digest(([testCase.detector] + testCase.parameters).joined(separator: " "))
        var files: [String] = []
        for r in 0..<runs {
            let seed = testCase.seed + UInt64(r)
            let file = scores + "/\(testCase.detector)-\(detectorKey)-seed\(seed).csv"
            if !FileSystem.isRegularFile(file) {
                log("check: \(testCase.detector) on \(recipe.name), seed \(seed)")
                var detection = DetectionRun(dataset: dataset, detector: testCase.detector)
                detection.parameters = testCase.parameters
                detection.seed = seed
                detection.quiet = true
                try DetectionRun.writeScores(try detection.run(), to: file)
            }
            files.append(file)
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
        let mean = values.reduce(0, +) / Double(values.count)
        var std: Double? = nil
        if values.count > 1 {
            std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        }
        let allowance = testCase.tolerance ?? (testCase.toleranceSD ?? 0) * (std ?? 0)
        return Outcome(testCase: testCase, mean: mean, standardDeviation: std, runs: values.count, allowance: allowance)
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

    /// A short stable digest of a text (FNV-1a, 64 bits, hex), naming cached datasets and scores.
    static func digest(_ text: String) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16)
    }
}
