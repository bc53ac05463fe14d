import DataIO
import Foundation
import Testing
@testable import Detectors

@Suite struct DetectionRunTests {
    @Test func everyDetectorScoresTheTestSplitAndRanksTheOutliersFirst() throws {
        let folder = smallDataset()
        for info in DetectorRegistry.all {
            var run = DetectionRun(dataset: folder, detector: info.name)
            run.parameters = ["knn": ["k=3"], "ae": ["epochs=40", "hidden=8,3", "batch=10", "lr=0.01"],
                              "toll": ["iterations=200", "batch=10", "latent=3", "beta=1", "lr=0.01"],
                              "dagmm": ["epochs=40", "hidden=8", "latent=2", "components=2", "batch=10", "lr=0.003"],
                              "alad": ["epochs=40", "latent=2", "batch=10", "lr=0.001"]][info.name] ?? []
            let output = try run.run()
            #expect(output.ids.count == 20)
            // The two far-off test rows (58, 59) are among the five highest of 20 scores (an
            // isolation tree cannot tell "far beyond the training range" from "at its edge",
            // and 40 training rows are few for the neural ones).
            let top5 = Set(zip(output.ids, output.scores).sorted { $0.1 > $1.1 }.prefix(5).map(\.0))
            #expect(top5.isSuperset(of: ["58", "59"]), "\(info.name)")
        }
    }

    @Test func writesIdScoreAtomically() throws {
        let folder = smallDataset()
        let output = try DetectionRun(dataset: folder, detector: "hbos").run()
        let path = folder + "/scores.csv"
        try DetectionRun.writeScores(output, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("id,score\n40,"))
        #expect(text.split(separator: "\n").count == 21)
    }

    @Test func allScoresGivesEveryVariantOfOneFit() throws {
        var run = DetectionRun(dataset: smallDataset(), detector: "alad")
        run.parameters = ["epochs=3", "latent=2", "batch=10"]
        run.allVariants = true
        let output = try run.run()
        #expect(output.variants.map(\.name) == ["fm", "l1", "l2", "ch"])
        #expect(output.variants[0].scores == output.scores && output.variants.allSatisfy { $0.scores.count == 20 })
        #expect(output.with(scores: output.variants[1].scores).scores == output.variants[1].scores)
        var single = DetectionRun(dataset: smallDataset(), detector: "iforest")
        single.allVariants = true
        #expect(throws: DataError.self) { _ = try single.run() }
        #expect(DetectorRegistry.withVariants == ["alad", "vrae"])
    }

    @Test func unknownParameterIsAnError() {
        var run = DetectionRun(dataset: smallDataset(), detector: "iforest")
        run.parameters = ["tress=5"]
        #expect(throws: DataError.self) { _ = try run.run() }
    }
}
