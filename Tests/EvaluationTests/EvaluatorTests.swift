import DataIO
import Evaluation
import Foundation
import Metrics
import Randomness
import Testing

@Suite struct EvaluatorTests {
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

    @Test func inlineLabelColumnSeveralScoreColumnsAndSummary() throws {
        let folder = temporaryFolder()
        let path = writeTextFile("id,label,a,b\n1,0,0.1,0.4\n2,1,0.9,0.1\n3,0,0.2,0.3\n4,1,0.8,0.2\n", "s.csv", in: folder)
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

    @Test func blockScoreFileReplacesTheMeans() throws {
        let folder = temporaryFolder()
        let labels = writeTextFile("id,label\n1,1\n2,1\n3,0\n4,0\n5,0\n6,0\n", "l.csv", in: folder)
        let scores = writeTextFile("id,score\n1,0.1\n2,0.1\n3,0.9\n4,0.9\n5,0.5\n6,0.5\n", "s.csv", in: folder)
        let blocks = writeTextFile("block,score\n0,3\n1,1\n2,2\n", "b.csv", in: folder)
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

    /// The bad-input fixtures of `Fixtures/evaluate/bad/` (also run through the binary by the
    /// end-to-end tests, whose error line does not carry the code): each throws its code.
    static let badFixtures: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Vectors.fixtures + "/evaluate/bad")) ?? []).sorted()

    /// The fixtures are there (an empty or mistyped folder would run no case above and pass).
    @Test func thereAreTheBadFixtures() {
        #expect(Self.badFixtures.count >= 23)
    }

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
        options.scoreFiles = [writeTextFile("id,score\n1,0.1\n2,nan\n3,0.3\n", "s.csv", in: folder)]
        for (name, labels) in [("bad label", "id,label\n1,0\n2,2\n3,1\n"), ("duplicate label id", "id,label\n1,0\n2,1\n2,0\n")] {
            options.labelsPath = writeTextFile(labels, "l.csv", in: folder)
            let error = #expect(throws: DataError.self, "\(name)") { _ = try Evaluator.evaluate(options) }
            #expect(error?.code == .nanScore, "\(name)")
        }
    }
}
