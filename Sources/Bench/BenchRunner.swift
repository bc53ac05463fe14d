import DataIO
import Datasets
import Detectors
import Evaluation
import Foundation
import Metrics

/// `toolkit bench`: every detector × `runs` seeds on every recipe, evaluated with the recipe's
/// protocol, written as a leaderboard (Markdown), all metrics (JSON), pairwise comparisons and
/// an HTML report per recipe, and, across several recipes, average ranks with the Friedman test
/// and Nemenyi's critical difference. Datasets and score files live in `OUT/cache/BUILD` and
/// are reused, so an interrupted bench resumes without recomputing finished runs (a rebuilt
/// toolkit starts a fresh cache).
public struct BenchRunner {
    public var recipes: [String]
    public var overrides: [String] = []
    /// Detector names (empty: every registered detector).
    public var detectors: [String] = []
    /// Detector parameters (`key=value`) given to every detector (`--param`).
    public var parameters: [String] = []
    /// Runs per detector (nil: each recipe's `evaluation.runs`).
    public var runs: Int?
    public var seed: UInt64 = 1
    public var out: String
    public var quiet = false
    /// Names the cache subfolder: cached scores are only reused by the binary that made them.
    public var build = "default"
    /// Build the leaderboards from finished runs only (`bench --collect`, the last unit of a
    /// task plan): a missing dataset or score file is an error instead of being computed.
    public var collectOnly = false
    /// The machine line of the leaderboards (default: this machine's). A plan records the
    /// planning machine's, which its machine-dependent units are bound to (see `TaskPlan`).
    public var machineSummary: String?
    public var log: (String) -> Void = { _ in }

    public init(recipes: [String], out: String) {
        self.recipes = recipes
        self.out = out
    }

    /// One recipe's results.
    public struct RecipeResult {
        public var recipe: String
        public var detectors: [String]
        public var results: [EvaluationResult]
        /// Mean AUROC per detector (for ranks).
        public var meanAUROC: [Double]
        public var folder: String
    }

    /// The detector names of the grid (every registered one when none is given), checked.
    public func detectorNames() throws -> [String] {
        let names = detectors.isEmpty ? DetectorRegistry.all.map(\.name) : detectors
        for name in names { _ = try DetectorRegistry.info(named: name) }
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw DataError(.usage, "--detectors lists \(twice) twice: each detector is one row of the leaderboards")
        }
        return names
    }

    /// Checks, before any work, that the results can be written: `out` is a folder or a new
    /// name, no recipe's folder in it is a file, and no two recipes share a name (their results
    /// would go to the same folder, the second replacing the first).
    public func checkOutputs(_ resolved: [Workspace.ResolvedRecipe]) throws {
        if ![.folder, .missing].contains(FileSystem.kind(of: out)) {
            throw DataError(.badOutput, file: out, "is a file; --out names the bench's folder")
        }
        var seen: [String: String] = [:]
        for (reference, recipe) in zip(recipes, resolved) {
            if let first = seen[recipe.name] {
                if first == reference { throw DataError(.usage, "the recipe \(reference) is listed twice: each recipe is one set of leaderboards") }
                throw DataError(.usage, "\(first) and \(reference) are both named '\(recipe.name)': their results would go to the same folder \(out)/\(recipe.name) (give one of the recipe files another `name:`)")
            }
            seen[recipe.name] = reference
            // Runs use seeds S, S+1, …: the last must be a seed too.
            let runCount = runs ?? recipe.recipe.evaluation.runs
            if seed > UInt64.max - UInt64(runCount - 1) {
                throw DataError(.usage, "--seed \(seed) with \(runCount) runs of \(recipe.name) needs seeds up to \(seed) + \(runCount - 1), past the largest, \(UInt64.max): give a seed of at most \(UInt64.max - UInt64(runCount - 1))")
            }
            let folder = out + "/" + recipe.name
            if ![.folder, .missing].contains(FileSystem.kind(of: folder)) {
                throw DataError(.badOutput, file: folder, "is a file; the bench writes the \(recipe.name) results in a folder there")
            }
        }
    }

    /// ``detectorNames()``, each detector made from the bench's `--param` values (every value
    /// checked, no key unknown), so that a typo stops the bench before anything is generated,
    /// written or planned.
    public func checkedDetectorNames() throws -> [String] {
        let names = try detectorNames()
        for name in names { _ = try DetectionRun.configured(detector: name, parameters: parameters) }
        return names
    }

    /// The workspace of this bench's datasets and score files (`OUT/cache/BUILD`).
    public var workspace: Workspace { Workspace(root: out + "/cache/" + build, quiet: true, log: { _ in }) }

    public func run(command: String) throws -> [RecipeResult] {
        let names = try checkedDetectorNames()
        let workspace = self.workspace
        let resolved = try recipes.map { try workspace.resolve($0, overrides: overrides) }
        try checkOutputs(resolved)
        if collectOnly { try checkFinished(resolved, detectors: names) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let total = resolved.reduce(0) { $0 + names.count * (runs ?? $1.recipe.evaluation.runs) }
        let bar = ProgressBar("bench", total: total, unit: "runs", quiet: quiet)
        var done = 0
        var results: [RecipeResult] = []
        for recipe in resolved {
            log("bench: \(recipe.name): dataset")
            let dataset = collectOnly ? workspace.datasetFolder(recipe) : try workspace.dataset(recipe)
            let runCount = runs ?? recipe.recipe.evaluation.runs
            var evaluations: [EvaluationResult] = []
            for detector in names {
                var files: [String] = []
                for r in 0..<runCount {
                    files.append(try workspace.scores(recipe, dataset: dataset, detector: detector, parameters: parameters,
                                                      seed: seed + UInt64(r), existingOnly: collectOnly))
                    done += 1
                    bar.update(done)
                }
                var options = EvaluationOptions()
                options.scoreFiles = files
                options.datasetPath = dataset
                try options.apply(RecipeProtocol(recipe: recipe.name, spec: recipe.recipe.evaluation), overrides: Self.protocolOverrides)
                if options.blocks != nil {
                    // A detector that scores blocks itself (amad) is evaluated on its block scores.
                    let blockFiles = files.map(DetectionRun.blocksPath(of:))
                    if blockFiles.allSatisfy(FileSystem.isRegularFile) {
                        options.blockScoresByFile = Dictionary(uniqueKeysWithValues: zip(files, blockFiles))
                    }
                }
                evaluations.append(try Evaluator.evaluate(options))
            }
            let folder = out + "/" + recipe.name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let result = RecipeResult(recipe: recipe.name, detectors: names, results: evaluations,
                                      meanAUROC: evaluations.map { r in r.runs.reduce(0) { $0 + $1.auroc } / Double(r.runs.count) },
                                      folder: folder)
            try write(result, command: command)
            results.append(result)
        }
        bar.finish(done)
        if results.count >= 2 { try writeSummary(results, command: command) }
        return results
    }

    /// `--collect`: every cell of the grid must have run; otherwise one error says how many
    /// have not and which, instead of failing at the first.
    func checkFinished(_ resolved: [Workspace.ResolvedRecipe], detectors names: [String]) throws {
        var missing: [String] = []
        var runsTotal = 0
        for recipe in resolved {
            let runCount = runs ?? recipe.recipe.evaluation.runs
            if !FileSystem.isRegularFile(workspace.datasetFolder(recipe) + "/manifest.json") {
                missing.append("the \(recipe.name) dataset")
            }
            for detector in names {
                for r in 0..<runCount {
                    runsTotal += 1
                    let file = try workspace.scoresPath(recipe, detector: detector, parameters: parameters, seed: seed + UInt64(r))
                    if !Workspace.scoresVerify(file) { missing.append("\(detector) on \(recipe.name), seed \(seed + UInt64(r))") }
                }
            }
        }
        guard missing.isEmpty else {
            let shown = missing.prefix(5).joined(separator: "; ") + (missing.count > 5 ? "; …" : "")
            throw DataError(.missingResult, file: out,
                            "\(missing.count) of the grid's \(runsTotal + resolved.count) units (\(resolved.count) datasets, \(runsTotal) detector runs) have not finished: \(shown). Run them first (toolkit run-task); `toolkit bench` without --collect computes them itself")
        }
    }

    /// What a benchmark (and `toolkit check`) fixes of a recipe's evaluation protocol: it scores
    /// the rows and blocks the protocol names, not a time series.
    static let protocolOverrides = RecipeProtocol.Overrides(series: false)

    /// The metrics a leaderboard shows, those ``MetricTable`` marks for it: AUROC, AP, then each
    /// protocol cut-off's F1, block AUROC.
    static func columns(_ result: EvaluationResult) -> [String] {
        guard let first = result.runs.first else { return [] }
        return first.tableMetrics.filter(\.onLeaderboard).map(\.name)
    }

    static func values(_ result: EvaluationResult, _ metric: String) -> [Double] {
        result.runs.compactMap { run in run.metric(named: metric) }
    }

    /// Leaderboard, pairwise comparisons, metrics.json and report.html of one recipe.
    func write(_ result: RecipeResult, command: String) throws {
        let columns = Self.columns(result.results[0])
        let runCount = result.results[0].runs.count
        var leaderboard = ReportTable(caption: "\(result.recipe): " + (runCount == 1 ? "one run" : "mean ± std over \(runCount) runs") + " (best in bold)",
                                      header: ["detector"] + columns, rows: [])
        // statistics[detector][metric], nil when the metric is undefined for that detector.
        let statistics = result.results.map { evaluation in
            columns.map { metric in try? RunStatistics(Self.values(evaluation, metric)) }
        }
        let best = columns.indices.map { c in statistics.compactMap { $0[c]?.mean }.max() }
        var markdownRows: [[String]] = []
        for (d, name) in result.detectors.enumerated() {
            var row = [name], markdown = [name]
            for c in columns.indices {
                guard let s = statistics[d][c] else { row.append("n/a"); markdown.append("n/a"); continue }
                // One run has no sample standard deviation: its value alone, not "± 0.0000".
                let text = s.standardDeviation.map { String(format: "%.4f ± %.4f", s.mean, $0) } ?? String(format: "%.4f", s.mean)
                row.append(text)
                markdown.append(s.mean == best[c] ? "**\(text)**" : text)
                if s.mean == best[c] { leaderboard.emphasized.insert(ReportCell(row: d, column: c + 1)) }
            }
            leaderboard.rows.append(row)
            markdownRows.append(markdown)
        }
        let pairwise = pairwiseTable(result)
        var markdownBoard = leaderboard
        markdownBoard.rows = markdownRows
        // The neural detectors' runs depend on the CPU's BLAS kernels and thread count: say where these ran.
        // Where the data came from: a recipe of a real file run without it uses its look-alike.
        let source = result.results[0].manifest.first { $0.key == "source" }?.value
        let data = source.map { source in
            "Data: \(source)" + (source == "synthetic-lookalike"
                ? " (the recipe's simulated stand-in for its real file; give the file with --set generator.source.file=PATH)" : "") + "\n\n"
        } ?? ""
        let markdown = "# Benchmark: \(result.recipe)\n\n`\(command)`\n\nMachine: \(machineSummary ?? MachineFacts.current().summary)\n\n" + data
            + TextTable.markdown([markdownBoard, pairwise])
        try FileSystem.writeAtomically(markdown, to: result.folder + "/leaderboard.md")

        var json = "{\n  \"recipe\": \"\(result.recipe)\",\n  \"detectors\": {\n"
        for (index, (name, evaluation)) in zip(result.detectors, result.results).enumerated() {
            let body = EvaluationJSON.render(evaluation, command: command).trimmingCharacters(in: .whitespacesAndNewlines)
            json += "    \"\(name)\": " + body.replacingOccurrences(of: "\n", with: "\n    ")
            json += index == result.detectors.count - 1 ? "\n" : ",\n"
        }
        json += "  }\n}\n"
        try FileSystem.writeAtomically(json, to: result.folder + "/metrics.json")

        var runs: [ReportRun] = []
        for (name, evaluation) in zip(result.detectors, result.results) {
            guard let first = ReportBuilder.make(evaluation, command: command).runs.first else { continue }
            var run = first
            run.name = "\(name) (first run, seed \(seed))"
            runs.append(run)
        }
        let report = ReportInput(title: "Benchmark: \(result.recipe)", commandLine: command, generatedBy: "toolkit \(ToolkitVersion.string)",
                                 manifestSummary: result.results.first?.manifest ?? [], tables: [leaderboard, pairwise], runs: runs)
        try FileSystem.writeAtomically(HTMLReport.render(report), to: result.folder + "/report.html")
    }

    /// Paired t-tests on AUROC over runs (paired by seed) for every pair, Holm-adjusted.
    func pairwiseTable(_ result: RecipeResult) -> ReportTable {
        var pairs: [(Int, Int, PairedTTest?)] = []
        for i in 0..<result.detectors.count {
            for j in (i + 1)..<result.detectors.count {
                let a = Self.values(result.results[i], MetricTable.auroc.key), b = Self.values(result.results[j], MetricTable.auroc.key)
                // Deterministic detectors repeat the same AUROC every run: their differences are
                // constant, where the t-test is degenerate (t = ±∞); report it as undefined.
                var test = try? PairedTTest(a, b)
                if let t = test?.t, !t.isFinite { test = nil }
                pairs.append((i, j, test))
            }
        }
        let adjusted = Holm.adjust(pairs.map { $0.2?.pValue })
        let rows = zip(pairs, adjusted).map { pair, holm -> [String] in
            let (i, j, test) = pair
            let (a, b) = (result.detectors[i], result.detectors[j])
            let a1 = Self.values(result.results[i], MetricTable.auroc.key), b1 = Self.values(result.results[j], MetricTable.auroc.key)
            let difference = zip(a1, b1).reduce(0) { $0 + $1.0 - $1.1 } / Double(max(a1.count, 1))
            return [a, b, String(format: "%+.4f", difference),
                    test?.t.map { String(format: "%.3f", $0) } ?? "n/a",
                    test?.pValue.map { String(format: "%.4f", $0) } ?? "n/a",
                    holm.map { String(format: "%.4f", $0) } ?? "n/a",
                    holm.map { $0 < 0.05 ? "yes" : "no" } ?? "n/a"]
        }
        return ReportTable(caption: "Pairwise AUROC: paired t-tests over runs (by seed), Holm-adjusted",
                           header: ["A", "B", "mean A − B", "t", "p", "p (Holm)", "differ at 5%"], rows: rows,
                           note: "With few runs these tests have little power. n/a: the difference is the same in every run (both detectors deterministic, or one run), where the test is undefined.")
    }

    /// Average ranks across recipes (by mean AUROC), the Friedman test and Nemenyi's CD.
    func writeSummary(_ results: [RecipeResult], command: String) throws {
        let detectors = results[0].detectors
        let ranking = Ranking(detectors: detectors, scores: results.map(\.meanAUROC))
        let order = detectors.indices.sorted { ranking.averageRanks[$0] < ranking.averageRanks[$1] }
        let table = ReportTable(
            caption: "Average rank by mean AUROC over \(results.count) recipes (1 = best)",
            header: ["detector", "average rank"] + results.map(\.recipe),
            rows: order.map { j in [detectors[j], String(format: "%.2f", ranking.averageRanks[j])] + results.map { String(format: "%.4f", $0.meanAUROC[j]) } },
            note: "Friedman χ² = \(ranking.friedmanStatistic.map { String(format: "%.3f", $0) } ?? "n/a"), p = \(ranking.friedmanPValue.map { String(format: "%.4f", $0) } ?? "n/a"); Nemenyi critical difference (α = 0.05) = \(ranking.criticalDifference.map { String(format: "%.3f", $0) } ?? "n/a"): average ranks further apart than this differ.")
        try FileSystem.writeAtomically("# Benchmark summary\n\n" + TextTable.markdown([table]), to: out + "/summary.md")
        let diagram = CriticalDifferenceDiagram.svg(ranking)
        var input = ReportInput(title: "Benchmark summary", commandLine: command, generatedBy: "toolkit \(ToolkitVersion.string)", tables: [table])
        input.figures = [("Critical-difference diagram (Nemenyi, α = 0.05; joined detectors do not differ)", diagram)]
        try FileSystem.writeAtomically(HTMLReport.render(input), to: out + "/summary.html")
    }
}
