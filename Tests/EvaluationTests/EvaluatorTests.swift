import DataIO
import Evaluation
import Foundation
import Metrics
import Randomness
import Testing

@Suite struct EvaluatorTests {
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

    /// 200 random small inputs, many with heavy ties (scores drawn from a few values), the
    /// score file shuffled against the label file: AUROC, AP and best-F1 equal brute force.
    @Test func randomInputsMatchBruteForce() throws {
        var generator = Xoshiro256StarStar(seed: 20_261_130)
        let folder = temporaryFolder()
        for trial in 0..<200 {
            let n = Int.random(in: 2...40, using: &generator)
            var labels = (0..<n).map { _ in Int.random(in: 0...1, using: &generator) }
            labels[0] = 1
            labels[1] = 0
            labels.shuffle(using: &generator)
            let palette: [Double]
            switch trial % 4 {
            case 0: palette = [0, 1]
            case 1: palette = [-1.5, 0, 0.25, 0.5, 3]
            case 2: palette = (0..<8).map { _ in Double(Int.random(in: -50...50, using: &generator)) / 8 }
            default: palette = (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
            }
            let scores = (0..<n).map { _ in palette.randomElement(using: &generator)! }

            var labelText = "id,label\n", scoreText = "id,score\n"
            for i in 0..<n { labelText += "r\(i),\(labels[i])\n" }
            for i in (0..<n).shuffled(using: &generator) { scoreText += "r\(i),\(scores[i])\n" }
            let labelsPath = folder + "/labels\(trial).csv", scoresPath = folder + "/scores\(trial).csv"
            _ = FileManager.default.createFile(atPath: labelsPath, contents: Data(labelText.utf8))
            _ = FileManager.default.createFile(atPath: scoresPath, contents: Data(scoreText.utf8))

            var options = EvaluationOptions()
            options.scoreFiles = [scoresPath]
            options.labelsPath = labelsPath
            options.cutoffs = [try CutoffSpec(parsing: "best-f1")]
            let run = try #require(try Evaluator.evaluate(options).runs.first)
            let brute = BruteForce(scores: scores, labels: labels)
            #expect(run.scores == scores, "trial \(trial): scores not in label-file order")
            expectClose(run.auroc, brute.auroc, tolerance: 1e-12, "trial \(trial) auroc")
            expectClose(run.averagePrecision, brute.averagePrecision, tolerance: 1e-12, "trial \(trial) AP")
            let bestF1 = run.cutoffs[0].cutoff
            expectClose(bestF1.confusion.f1, brute.bestF1, tolerance: 1e-12, "trial \(trial) best F1")
            #expect(bestF1.threshold == brute.bestF1Threshold, "trial \(trial) best-F1 threshold")
        }
    }

    static func write(_ text: String, _ name: String, in folder: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test func inlineLabelColumnSeveralScoreColumnsAndSummary() throws {
        let folder = temporaryFolder()
        let path = EvaluatorTests.write("id,label,a,b\n1,0,0.1,0.4\n2,1,0.9,0.1\n3,0,0.2,0.3\n4,1,0.8,0.2\n", "s.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [path]
        let result = try Evaluator.evaluate(options)
        #expect(result.runs.map(\.column) == ["a", "b"])
        #expect(result.runs.map(\.auroc) == [1.0, 0.0])
        #expect(result.labelSource == "the score files' label column")
        let summary = try #require(result.summaries.first)
        #expect(summary.group == nil && summary.runCount == 2)
        let auroc = try #require(summary.metrics.first { $0.name == "auroc" }?.statistics)
        #expect(auroc.mean == 0.5 && auroc.minimum == 0 && auroc.maximum == 1)

        options.scoreColumns = ["b"]
        options.lowerIsAnomalous = true
        let flipped = try Evaluator.evaluate(options)
        #expect(flipped.runs.map(\.auroc) == [1.0])
        #expect(flipped.summaries.isEmpty)
    }

    @Test func calibratedCutoffUsesTheValidationThreshold() throws {
        let folder = temporaryFolder()
        let validation = EvaluatorTests.write("id,label,score\n1,0,1\n2,0,2\n3,1,3\n4,1,4\n", "val.csv", in: folder)
        let test = EvaluatorTests.write("id,label,score\n1,0,1\n2,0,2.5\n3,1,2.9\n4,1,5\n5,0,3.5\n", "test.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [test]
        options.calibrationFile = validation
        options.cutoffs = [try CutoffSpec(parsing: "calibrated:youden")]
        let cutoff = try #require(try Evaluator.evaluate(options).runs.first?.cutoffs.first)
        #expect(cutoff.selection == .deployable)
        #expect(cutoff.cutoff.threshold == 3)   // Youden's threshold on the validation scores
        #expect(cutoff.cutoff.confusion.tp == 1 && cutoff.cutoff.confusion.fp == 1)

        options.calibrationFile = nil
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code == .usage)
    }

    @Test func blockScoreFileReplacesTheMeans() throws {
        let folder = temporaryFolder()
        let labels = EvaluatorTests.write("id,label\n1,1\n2,1\n3,0\n4,0\n5,0\n6,0\n", "l.csv", in: folder)
        let scores = EvaluatorTests.write("id,score\n1,0.1\n2,0.1\n3,0.9\n4,0.9\n5,0.5\n6,0.5\n", "s.csv", in: folder)
        let blocks = EvaluatorTests.write("block,score\n0,3\n1,1\n2,2\n", "b.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [scores]
        options.labelsPath = labels
        options.blocks = .size(2)
        let byMean = try #require(try Evaluator.evaluate(options).runs.first?.block)
        guard case .defined(_, let meanAUROC, _, _, _) = byMean.outcome else { Issue.record("undefined"); return }
        #expect(meanAUROC == 0)
        #expect(byMean.blockCount == 3 && byMean.anomalousBlocks == 1 && byMean.scoreSource == "mean")
        options.blockScoresFile = blocks
        let byFile = try #require(try Evaluator.evaluate(options).runs.first?.block)
        guard case .defined(_, let fileAUROC, _, _, _) = byFile.outcome else { Issue.record("undefined"); return }
        #expect(fileAUROC == 1)
        #expect(byFile.scoreSource == "file")
    }

    @Test func idsAreOpaqueStrings() throws {
        // `Fixtures/metrics/SPEC.md` §2.2: "01" ≠ "1".
        let folder = temporaryFolder()
        let labels = EvaluatorTests.write("id,label\n1,1\n2,0\n", "l.csv", in: folder)
        let scores = EvaluatorTests.write("id,score\n01,0.9\n2,0.1\n", "s.csv", in: folder)
        var options = EvaluationOptions()
        options.scoreFiles = [scores]
        options.labelsPath = labels
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code == .missingScore)
    }

    /// The bad-input fixtures of `Fixtures/evaluate/bad/` (also run through the binary by the
    /// end-to-end tests, whose error line does not carry the code): each throws its code.
    static let badFixtures: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Vectors.fixtures + "/evaluate/bad")) ?? []).sorted()

    @Test(arguments: badFixtures) func badFixtureThrowsItsCode(_ name: String) throws {
        let folder = Vectors.fixtures + "/evaluate/bad/" + name
        let expect = String(decoding: FileManager.default.contents(atPath: folder + "/expect") ?? Data(), as: UTF8.self)
        var code = "", fragments: [String] = [], auroc: Double? = nil, cutoff: String? = nil
        var options = EvaluationOptions()
        for line in expect.split(separator: "\n") {
            if line.hasPrefix("code: ") { code = String(line.dropFirst(6)) }
            if line.hasPrefix("where: ") { fragments.append(String(line.dropFirst(7))) }
            if line.hasPrefix("auroc: ") { auroc = Double(line.dropFirst(7)) }
            if line.hasPrefix("args: --score ") { options.scoreColumns = [String(line.dropFirst(14))] }
            if line.hasPrefix("args: --series") { options.series = SeriesOptions() }
            if line.hasPrefix("args: --cutoff ") { cutoff = String(line.dropFirst(15)) }
        }
        if let cutoff {
            // A cut-off is parsed before any file is read (CutoffSpec), as the command line does.
            let error = #expect(throws: DataError.self) { _ = try CutoffSpec(parsing: cutoff) }
            #expect(error?.code.rawValue == code, "\(name): \(String(describing: error))")
            let message = error.map { String(describing: $0) } ?? ""
            for fragment in fragments {
                #expect(message.contains(fragment), "\(name): '\(fragment)' not in \(message)")
            }
            return
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        options.scoreFiles = [folder + "/" + (files.first { $0.hasPrefix("scores.") } ?? "scores.csv")]
        if files.contains("labels.csv") { options.labelsPath = folder + "/labels.csv" }
        if code == "ok" {
            let result = try Evaluator.evaluate(options)
            #expect(result.runs.first?.auroc == auroc)
            return
        }
        let error = #expect(throws: DataError.self) { _ = try Evaluator.evaluate(options) }
        #expect(error?.code.rawValue == code, "\(name): \(String(describing: error))")
        let text = error?.description ?? ""
        for fragment in fragments {
            #expect(text.contains(fragment), "\(name): '\(fragment)' not in \(text)")
        }
    }

    /// `Fixtures/metrics/SPEC.md` §2: "Check in this order: per-file format errors (score file first), then
    /// duplicates, then the join, then single class." A bad score file wins over a bad
    /// label file.
    @Test func scoreFileFormatErrorsComeFirst() throws {
        let folder = temporaryFolder()
        var options = EvaluationOptions()
        options.scoreFiles = [EvaluatorTests.write("id,score\n1,0.1\n2,nan\n3,0.3\n", "s.csv", in: folder)]
        for (name, labels) in [("bad label", "id,label\n1,0\n2,2\n3,1\n"), ("duplicate label id", "id,label\n1,0\n2,1\n2,0\n")] {
            options.labelsPath = EvaluatorTests.write(labels, "l.csv", in: folder)
            let error = #expect(throws: DataError.self, "\(name)") { _ = try Evaluator.evaluate(options) }
            #expect(error?.code == .nanScore, "\(name)")
        }
    }
}
