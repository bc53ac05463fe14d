import DataIO
import Evaluation
import Foundation
import Metrics
import Testing

/// Every reference vector of `Fixtures/metrics/vectors.json` through the library entry point
/// `Evaluator.evaluate`, reading real files as `toolkit evaluate` does.
@Suite struct VectorTests {
    static let instanceNames = Vectors.names(kind: "instance")
    static let errorNames = Vectors.names(kind: "error")
    static let delongNames = Vectors.names(kind: "delong")
    static let runsNames = Vectors.names(kind: "runs")

    @Test func theFixtureHoldsEveryCase() {
        #expect(VectorTests.instanceNames.count == 31)
        #expect(VectorTests.errorNames.count == 12)
        #expect(VectorTests.delongNames.count == 9)
        #expect(VectorTests.runsNames.count == 4)
    }

    /// The values of a cut-off under the vectors' field names.
    static func fields(of cutoff: Cutoff) -> [String: Double?] {
        let c = cutoff.confusion
        return [
            "threshold": cutoff.threshold, "tp": Double(c.tp), "fp": Double(c.fp), "fn": Double(c.fn),
            "tn": Double(c.tn), "n_flagged": Double(c.nFlagged), "precision": c.precision, "recall": c.recall,
            "f1": c.f1, "f1_normal": c.f1Normal, "f1_macro": c.f1Macro, "accuracy": c.accuracy,
            "balanced_accuracy": c.balancedAccuracy, "mcc": c.mcc, "tpr": c.tpr, "fpr": c.fpr,
            "J": cutoff.youdenJ, "K": cutoff.requestedCount.map(Double.init),
        ]
    }

    static func check(_ cutoff: Cutoff, against expected: JSONValue, _ what: String) {
        let actual = fields(of: cutoff)
        for (key, value) in expected.object ?? [:] {
            guard let got = actual[key] else {
                Issue.record("\(what): field \(key) is not checked")
                continue
            }
            if Vectors.exactFields.contains(key) {
                #expect(got == value.double, "\(what).\(key): got \(String(describing: got)), expected \(String(describing: value.double))")
            } else {
                expectClose(got, value.double, "\(what).\(key)")
            }
        }
    }

    static func options(for name: String, in folder: String) throws -> EvaluationOptions {
        let c = Vectors.vectorCase(name)
        let input = c["input"]!
        var options = EvaluationOptions()
        options.scoreFiles = [Vectors.inputPath(input, "scores", in: folder)]
        options.labelsPath = Vectors.inputPath(input, "labels", in: folder)
        options.cutoffs = try Vectors.cutoffKeys.map { try CutoffSpec(parsing: $0.rule) }
        if let size = c["params"]?["block_size"]?.int { options.blocks = .size(size) }
        return options
    }

    @Test(arguments: instanceNames) func instance(_ name: String) throws {
        let expected = Vectors.vectorCase(name)["expected"]!
        let result = try Evaluator.evaluate(try VectorTests.options(for: name, in: temporaryFolder()))
        try #require(result.runs.count == 1)
        let run = result.runs[0]
        #expect(run.column == "score")
        #expect(run.curve.count == expected["n"]?.int)
        #expect(run.curve.positives == expected["n_anomalies"]?.int)
        #expect(run.curve.thresholdCount == expected["n_distinct_scores"]?.int)
        expectClose(run.auroc, expected["auroc"]?.double, "\(name) auroc")
        expectClose(run.averagePrecision, expected["average_precision"]?.double, "\(name) average_precision")
        expectClose(run.prAUC, expected["pr_auc_trapz"]?.double, "\(name) pr_auc_trapz")
        try #require(run.cutoffs.count == Vectors.cutoffKeys.count)
        for (index, entry) in Vectors.cutoffKeys.enumerated() {
            #expect(run.cutoffs[index].spec.text == entry.rule)
            guard let object = expected[entry.key] else { Issue.record("\(name): no \(entry.key)"); continue }
            VectorTests.check(run.cutoffs[index].cutoff, against: object, "\(name) \(entry.key)")
        }
        #expect(result.summaries.isEmpty)
        #expect(result.comparison == nil)

        guard let block = expected["block"], !block.isNull else {
            #expect(run.block == nil)
            return
        }
        let actual = try #require(run.block)
        #expect(actual.blockSize == block["B"]?.int)
        #expect(actual.blockCount == block["n_blocks"]?.int)
        #expect(actual.lastBlockSize == block["last_block_size"]?.int)
        #expect(actual.anomalousBlocks == block["n_anomalous_blocks"]?.int)
        #expect(actual.scoreSource == "mean")
        switch actual.outcome {
        case .defined(_, let auroc, let ap, _, _):
            #expect(block["auroc"]?.isNull == false, "\(name): block AUROC defined, expected undefined")
            expectClose(auroc, block["auroc"]?.double, "\(name) block.auroc")
            expectClose(ap, block["average_precision"]?.double, "\(name) block.average_precision")
        case .undefined(let reason, _):
            #expect(block["auroc"]?.isNull == true, "\(name): block AUROC undefined (\(reason)), expected a value")
            #expect(block["average_precision"]?.isNull == true)
            #expect(reason == block["reason"]?.string)
        }
    }

    @Test(arguments: errorNames) func error(_ name: String) throws {
        let code = Vectors.vectorCase(name)["expected"]?["error"]?.string
        let options = try VectorTests.options(for: name, in: temporaryFolder())
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code.rawValue == code, "\(name): \(String(describing: error))")
        #expect(error?.file != nil, "\(name): the error names no file")
    }

    @Test(arguments: delongNames) func delong(_ name: String) throws {
        let c = Vectors.vectorCase(name)
        let input = c["input"]!, expected = c["expected"]!
        let folder = temporaryFolder()
        var options = EvaluationOptions()
        options.labelsPath = Vectors.inputPath(input, "labels", in: folder)
        options.compare = ([RunReference(file: Vectors.inputPath(input, "scores1", in: folder))],
                           [RunReference(file: Vectors.inputPath(input, "scores2", in: folder))])
        let result = try Evaluator.evaluate(options)
        let comparison = try #require(result.comparison)
        #expect(comparison.pairedTests.isEmpty)
        #expect(result.summaries.isEmpty)
        if let code = expected["error"]?.string {
            #expect(comparison.delong == nil)
            #expect(comparison.delongUnavailable != nil, "\(name): expected \(code)")
            return
        }
        let test = try #require(comparison.delong, "\(name): \(comparison.delongUnavailable ?? "")")
        expectClose(test.z, expected["z"]?.double, "\(name) z")
        expectClose(test.pValue, expected["p_value"]?.double, "\(name) p_value")
        expectClose(test.auc1, expected["auc1"]?.double, "\(name) auc1")
        expectClose(test.auc2, expected["auc2"]?.double, "\(name) auc2")
        expectClose(test.difference, expected["diff"]?.double, "\(name) diff")
        expectClose(test.variance1, expected["var1"]?.double, "\(name) var1")
        expectClose(test.variance2, expected["var2"]?.double, "\(name) var2")
        expectClose(test.covariance, expected["cov12"]?.double, "\(name) cov12")
        expectClose(test.differenceInterval.lower, expected["diff_ci"]?[0]?.double, "\(name) diff_ci")
        expectClose(test.differenceInterval.upper, expected["diff_ci"]?[1]?.double, "\(name) diff_ci")
        #expect(result.runs.map(\.group) == ["a", "b"])
    }

    /// Writes a score file with 20 anomalies and 50 normals whose AUROC is exactly `auroc`
    /// (a multiple of 1/1000): normal j scores j, anomaly i scores c_i + ½ where the c_i (how
    /// many normals the anomaly beats) sum to 1000·auroc.
    static func scoreFile(auroc: Double, path: String) {
        let pairs = Int((auroc * 1000).rounded())
        precondition(abs(Double(pairs) / 1000 - auroc) < 1e-12, "AUROC \(auroc) is not a multiple of 1/1000")
        var text = "id,score\n"
        for i in 0..<20 {
            let beats = pairs / 20 + (i < pairs % 20 ? 1 : 0)
            text += "\(i + 1),\(Double(beats) + 0.5)\n"
        }
        for j in 1...50 { text += "\(20 + j),\(j)\n" }
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    static func writeRunLabels(_ folder: String) -> String {
        var text = "id,label\n"
        for id in 1...70 { text += "\(id),\(id <= 20 ? 1 : 0)\n" }
        let path = folder + "/labels.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Repeated runs: each AUROC of the case becomes a score file with exactly that AUROC; the
    /// two groups go through `--compare`, whose summaries and paired t-test on `auroc` must match.
    @Test(arguments: runsNames) func runs(_ name: String) throws {
        let c = Vectors.vectorCase(name)
        let a = c["input"]!["a"]!.array!.map { $0.double! }, b = c["input"]!["b"]!.array!.map { $0.double! }
        let expected = c["expected"]!
        let folder = temporaryFolder()
        var options = EvaluationOptions()
        options.labelsPath = VectorTests.writeRunLabels(folder)
        options.cutoffs = []
        var sides: [[RunReference]] = [[], []]
        for (side, values) in [a, b].enumerated() {
            for (index, auroc) in values.enumerated() {
                let path = folder + "/\(side == 0 ? "a" : "b")\(index).csv"
                VectorTests.scoreFile(auroc: auroc, path: path)
                sides[side].append(RunReference(file: path))
            }
        }
        options.compare = (sides[0], sides[1])
        let result = try Evaluator.evaluate(options)
        for (run, auroc) in zip(result.runs, a + b) { expectClose(run.auroc, auroc, tolerance: 0, "\(run.name) auroc") }

        #expect(result.summaries.map(\.group) == ["a", "b"])
        for summary in result.summaries {
            let e = expected[summary.group!]!
            #expect(summary.runCount == e["n"]?.int)
            let s = try #require(summary.metrics.first { $0.name == "auroc" }?.statistics)
            #expect(s.count == e["n"]?.int)
            expectClose(s.mean, e["mean"]?.double, "\(name).\(summary.group!) mean")
            expectClose(s.standardDeviation, e["std_sample"]?.double, "\(name).\(summary.group!) std_sample")
            expectClose(s.populationStandardDeviation, e["std_population"]?.double, "\(name).\(summary.group!) std_population")
            expectClose(s.standardError, e["sem"]?.double, "\(name).\(summary.group!) sem")
            expectClose(s.confidenceInterval?.lower, e["ci_t"]?[0]?.double, "\(name).\(summary.group!) ci_t lower")
            expectClose(s.confidenceInterval?.upper, e["ci_t"]?[1]?.double, "\(name).\(summary.group!) ci_t upper")
            let values = summary.group == "a" ? a : b
            #expect(s.minimum == values.min())
            #expect(s.maximum == values.max())
        }

        let comparison = try #require(result.comparison)
        let test = try #require(comparison.pairedTests.first { $0.name == "auroc" }?.test)
        let e = expected["paired_ttest"]!
        #expect(test.degreesOfFreedom == e["df"]?.int)
        expectClose(test.meanDifference, e["mean_diff"]?.double, "\(name) mean_diff")
        expectClose(test.t, e["t"]?.double, "\(name) t")
        expectClose(test.pValue, e["p_value"]?.double, "\(name) p_value")
        // DeLong's test on the first run of each side is computed (same labels).
        #expect(comparison.delong != nil || comparison.delongUnavailable != nil)
    }
}
