import DataIO
import Foundation
import Testing
@testable import Detectors

@Suite struct DetectionRunTests {
    @Test func everyDetectorScoresTheTestSplitAndRanksTheOutliersFirst() throws {
        let folder = smallDataset()
        for info in DetectorRegistry.all {
            var run = DetectionRun(dataset: folder, detector: info.name)
            run.parameters = info.name == "knn" ? ["k=3"] : []
            let output = try run.run()
            #expect(output.ids.count == 20)
            // The two far-off test rows (58, 59) are among the three highest scores (an
            // isolation tree cannot tell "far beyond the training range" from "at its edge").
            let top3 = Set(zip(output.ids, output.scores).sorted { $0.1 > $1.1 }.prefix(3).map(\.0))
            #expect(top3.isSuperset(of: ["58", "59"]), "\(info.name)")
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

    @Test func unknownParameterIsAnError() {
        var run = DetectionRun(dataset: smallDataset(), detector: "iforest")
        run.parameters = ["tress=5"]
        #expect(throws: DataError.self) { _ = try run.run() }
    }
}
