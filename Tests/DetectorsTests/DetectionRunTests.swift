import DataIO
import Foundation
import Randomness
import Tensor
import Testing
import TestSupport
@testable import Detectors

@Suite struct DetectionRunTests {
    @Test func everyDetectorScoresTheTestSplitAndRanksTheOutliersFirst() throws {
        let folder = smallDataset()
        // amad reads ids only (``amadReadsTheRowsAndScoresTheDatasetsBlocks``).
        for info in DetectorRegistry.all where info.name != "amad" {
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

    /// A numeric dataset is read straight into the matrix (the manifest has the rows' counts)
    /// and scores as when read as columns (without the counts), scaled or not.
    /// (Both runs inside one ``BLAS/steadyThreadCount(_:)`` section: OpenBLAS's rounding depends
    /// on its process-wide thread count, which a concurrently running test may change between
    /// the two; CI failed once that way.)
    @Test func aNumericDatasetReadIntoTheMatrixScoresAsReadAsColumns() throws {
        let direct = numericDataset(), columns = numericDataset(counts: false)
        for (detector, parameters) in [("iforest", []), ("ocsvm", []), ("knn", ["k=3"]), ("pca", ["scale=minmax"])] {
            var run = DetectionRun(dataset: direct, detector: detector)
            run.parameters = parameters
            let (a, b) = try BLAS.steadyThreadCount {
                let a = try run.run()
                run.dataset = columns
                return (a, try run.run())
            }
            #expect(a.ids == b.ids && a.scores == b.scores && a.trainRows == 60, "\(detector): \(zip(a.scores, b.scores).filter { $0 != $1 }.prefix(3))")
            let top4 = Set(zip(a.ids, a.scores).sorted { $0.1 > $1.1 }.prefix(4).map(\.0))
            #expect(top4.isSuperset(of: ["88", "89"]), "\(detector)")
        }
    }

    /// A record reader gets the split's rows, the dataset's block size, and gives block scores.
    @Test func amadReadsTheRowsAndScoresTheDatasetsBlocks() throws {
        let folder = categoricalDataset(blockSize: 10)
        var run = DetectionRun(dataset: folder, detector: "amad")
        run.parameters = ["epochs=2"]
        let output = try run.run()
        #expect(output.ids.count == 25 && output.ids.first == "60" && output.blockSize == 10 && output.blockScores?.count == 3)
        #expect(output.featureCount == 2)
        run.parameters = ["epochs=2", "block=5"]
        #expect(try run.run().blockScores?.count == 5)
        run.windows = true
        #expect(throws: DataError.self) { _ = try run.run() }
        run.windows = false
        for feature in ["lists=embedding", "scale=standard", "list_dim=4"] {
            run.parameters = ["epochs=1", feature]
            #expect(throws: DataError.self) { _ = try run.run() }
        }
        #expect(throws: DataError.self) { _ = try DetectionRun(dataset: smallDataset(), detector: "amad").run() }
        let path = folder + "/s.blocks.csv"
        try DetectionRun.writeBlockScores([1.5, 0, 2], to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "block,score\n0,1.5\n1,0.0\n2,2.0\n")
        #expect(DetectionRun.blocksPath(of: "a/s.csv") == "a/s.blocks.csv" && DetectionRun.blocksPath(of: "s") == "s.blocks.csv")
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
        // The default score and the fm variant are two computations that must agree to the bit.
        let output = try BLAS.steadyThreadCount { try run.run() }
        #expect(output.variants.map(\.name) == ["fm", "l1", "l2", "ch"])
        #expect(output.variants[0].scores == output.scores && output.variants.allSatisfy { $0.scores.count == 20 })
        #expect(output.with(scores: output.variants[1].scores).scores == output.variants[1].scores)
        var single = DetectionRun(dataset: smallDataset(), detector: "iforest")
        single.allVariants = true
        #expect(throws: DataError.self) { _ = try single.run() }
        #expect(DetectorRegistry.withVariants == ["alad", "vrae"])
    }

    /// `--param lists=embedding` (and `list_dim`) reach the featurizer for every classic detector.
    @Test func listsParameterEncodesTheMultiValuedColumnForEveryDetector() throws {
        let folder = smallDataset()
        for detector in ["iforest", "ocsvm", "pca", "knn", "hbos", "gmm", "ae"] {
            for lists in ["embedding", "hashed-embedding"] {
                var run = DetectionRun(dataset: folder, detector: detector)
                run.parameters = ["lists=\(lists)", "list_dim=4"] + (detector == "ae" ? ["epochs=2", "hidden=4,2", "batch=10"] : [])
                let output = try run.run()
                #expect(output.featureCount == 2 + 3 + 4 + 1 && output.scores.count == 20, "\(detector) \(lists)")
            }
        }
        var bad = DetectionRun(dataset: folder, detector: "iforest")
        bad.parameters = ["lists=doc2vec"]
        #expect { _ = try bad.run() } throws: { ($0 as? DataError)?.description.contains("lists") == true }
        bad.parameters = ["lists=embedding", "list_dim=0"]
        #expect(throws: DataError.self) { _ = try bad.run() }
    }

    /// A split the folder lacks is reported before anything is read or trained (a long fit used
    /// to end with this error).
    @Test func aMissingSplitIsReportedBeforeTheFit() {
        var run = DetectionRun(dataset: smallDataset(), detector: "ae")
        run.scoreSplit = "validation"
        var lines: [String] = []
        let error = #expect(throws: DataError.self) { _ = try run.run(log: { lines.append($0) }) }
        #expect(error?.message.contains("no validation.csv in the dataset folder") == true)
        #expect(lines.isEmpty)
    }

    @Test func unknownParameterIsAnError() {
        var run = DetectionRun(dataset: smallDataset(), detector: "iforest")
        run.parameters = ["tress=5"]
        #expect(throws: DataError.self) { _ = try run.run() }
    }

    @Test func windowsAreTheRowsAndEachReadingGetsTheScoresOfItsWindows() throws {
        let folder = sequenceDataset()
        for rule in ReadingAggregation.allCases {
            var run = DetectionRun(dataset: folder, detector: "hbos")
            run.windows = true
            run.readingAggregation = rule
            let output = try run.run()
            #expect(output.ids == (0..<11).map { "\($0)" })
            #expect(output.featureCount == 4 && output.trainRows == 12)
            #expect(output.readingIds == (0..<26).map { "t\($0)" })
            let expected = ReadingScores.aggregate(output.scores, coverage: (0..<11).map { (2 * $0)...(2 * $0 + 3) }, readings: 26, by: rule)
            #expect(output.readingScores == expected)
            // The jump's windows rank first.
            let top = Set(zip(output.ids, output.scores).sorted { $0.1 > $1.1 }.prefix(3).map(\.0))
            #expect(top == ["4", "5", "6"], "\(rule)")
            let readings = try #require(output.readings)
            #expect(readings.ids == output.readingIds && readings.scores == output.readingScores && readings.readings == nil)
        }
        var two = DetectionRun(dataset: folder, detector: "pca")
        two.windows = true
        two.windowColumns = ["power", "temp"]
        #expect(try two.run().featureCount == 8)
        var train = DetectionRun(dataset: folder, detector: "hbos")
        train.windows = true
        train.scoreSplit = "train"
        let fitted = try train.run()
        #expect(fitted.ids.count == 12 && fitted.readingScores?.count == 48)
    }

    @Test func everyVariantGetsItsReadingScores() throws {
        var run = DetectionRun(dataset: sequenceDataset(), detector: "alad")
        run.parameters = ["epochs=2", "latent=2", "batch=4"]
        run.windows = true
        run.allVariants = true
        let output = try run.run()
        let readings = try #require(output.readings)
        #expect(readings.variants.map(\.name) == ["fm", "l1", "l2", "ch"])
        #expect(output.variants.count == 4)
        for (variant, reading) in zip(output.variants, readings.variants) {
            #expect(reading.scores == ReadingScores.aggregate(variant.scores, coverage: (0..<11).map { (2 * $0)...(2 * $0 + 3) },
                                                              readings: 26, by: .max))
        }
        #expect(output.with(scores: output.variants[1].scores).readings == nil)
    }

    @Test func windowOptionsNeedWindowsAndAWindowFile() {
        var run = DetectionRun(dataset: sequenceDataset(), detector: "hbos")
        run.windowColumns = ["power"]
        #expect(WindowFileTests.error { _ = try run.run() }?.code == .usage)
        var noIndex = DetectionRun(dataset: smallDataset(), detector: "hbos")
        noIndex.windows = true
        noIndex.windowColumns = ["a"]
        #expect(WindowFileTests.error { _ = try noIndex.run() }?.message.contains("no windows.csv") == true)
        // Without windows.csv that is the problem named, not the missing value column.
        var noWindows = DetectionRun(dataset: smallDataset(), detector: "hbos")
        noWindows.windows = true
        #expect(WindowFileTests.error { _ = try noWindows.run() }?.message.contains("no windows.csv") == true)
        var noDefault = DetectionRun(dataset: sequenceDataset(seriesValues: nil), detector: "hbos")
        noDefault.windows = true
        #expect(WindowFileTests.error { _ = try noDefault.run() }?.message.contains("give --window-columns") == true)
    }

    @Test func windowLabelsAreTheTrainingLabels() throws {
        // The index's train windows: window 2 labelled 1; a detector reporting on training labels reads them.
        var index = "window,split,first_id,last_id,label,kind\n"
        for w in 0..<12 { index += "\(w),train,\(1000 + 40 * w),\(1030 + 40 * w),\(w == 2 ? 1 : 0),\n" }
        for w in 0..<11 { index += "\(w),test,t\(2 * w),t\(2 * w + 3),0,\n" }
        var run = DetectionRun(dataset: sequenceDataset(windows: index), detector: "deep-e2e")
        run.parameters = ["epochs=1", "batch=4", "clusters=2", "hidden=4,2"]
        run.windows = true
        let summary = try #require(try run.run().fitSummary)
        #expect(summary.contains("anomalies)"), "\(summary)")
    }

    @Test func aSequenceDetectorIsToldTheValuesPerStep() {
        struct Sequence: Detector, ReadsSequences {
            var featuresPerStep: Int? = nil
            mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {}
            func scores(_ x: Matrix) throws -> [Double] { [] }
        }
        #expect((DetectionRun.reading(Sequence(), featuresPerStep: 2) as? Sequence)?.featuresPerStep == 2)
        #expect(DetectionRun.reading(IsolationForest(), featuresPerStep: 2) is IsolationForest)
    }
}
