import DataIO
import Metrics
import Randomness
import Tensor
import Testing
@testable import Detectors

@Suite struct DeepEndToEndTests {
    /// Contaminated rows: three tight clusters of normal rows in [0, 1]^6 and, in the given
    /// share, anomalies uniform in the cube (the normal rows first).
    static func contaminated(rows: Int, anomalyShare: Double, seed: UInt64) -> (x: Matrix, labels: [Bool]) {
        var g = Xoshiro256StarStar(seed: seed)
        var centres = Xoshiro256StarStar(seed: 99)
        let centre = (0..<3).map { _ in (0..<6).map { _ in 0.2 + 0.6 * centres.uniformUnit() } }
        let anomalies = Int(Double(rows) * anomalyShare)
        var values: [Double] = [], labels: [Bool] = []
        for r in 0..<rows {
            let anomalous = r >= rows - anomalies
            for c in 0..<6 { values.append(anomalous ? g.uniformUnit() : centre[r % 3][c] + 0.03 * g.standardNormal()) }
            labels.append(anomalous)
        }
        return (Matrix(rows: rows, columns: 6, values: values), labels)
    }

    static func small() -> DeepEndToEndDetector {
        DeepEndToEndDetector(hidden: [4, 2], epochs: 40, batchSize: 64, learningRate: 0.01,
                             initialPercent: 35, percent: 30, period: 5, clusters: 6, fitRows: 1000)
    }

    /// The defaults are the paper's KDD settings: its Table 8 (layers, epochs, batch, lr, p, r),
    /// §4.3 (p0) and §4.4 (a 20-component GMM).
    @Test func defaultsAreThePapersKDDSettings() {
        let model = DeepEndToEndDetector()
        #expect(model.hidden == [60, 30, 10] && model.epochs == 200 && model.batchSize == 1024)
        #expect(model.learningRate == 0.001 && model.initialPercent == 35 && model.percent == 30 && model.period == 10)
        #expect(model.clusters == 20)
    }

    @Test func percentileIsNumpysLinearRule() {
        // numpy.percentile([4, 1, 3, 2], 65) = 2.95; [5] → 5; 0 and 100 are the extremes.
        #expect(abs(DeepEndToEndDetector.percentile([4, 1, 3, 2], 65) - 2.95) < 1e-12)
        #expect(DeepEndToEndDetector.percentile([5], 70) == 5)
        #expect(DeepEndToEndDetector.percentile([3, 1, 2], 0) == 1 && DeepEndToEndDetector.percentile([3, 1, 2], 100) == 3)
    }

    @Test func clusterVarianceIsTheMeanOfTheMembersFeatureVariances() {
        // Cluster 0: (0,0), (2,0) → variances 1 and 0 → 0.5; cluster 1: (5,5), (5,9) → 0 and 4 → 2; cluster 2 empty.
        let x = Matrix([[0, 0], [5, 5], [2, 0], [5, 9]])
        let v = DeepEndToEndDetector.clusterVariances(x, assignment: [0, 1, 0, 1], clusters: 3)
        #expect(v[0] == 0.5 && v[1] == 2 && v[2] == nil)
    }

    @Test func selectionDropsTheSpreadOutCluster() throws {
        // Two tight blobs and one wide one: the wide one's rows are not selected.
        var g = Xoshiro256StarStar(seed: 5)
        var rows: [[Double]] = []
        for i in 0..<600 {
            let (centre, spread): (Double, Double) = i % 3 == 0 ? (0, 0.05) : i % 3 == 1 ? (10, 0.05) : (-10, 3)
            rows.append([centre + spread * g.standardNormal(), centre + spread * g.standardNormal()])
        }
        var s = Xoshiro256StarStar(seed: 1)
        let chosen = try DeepEndToEndDetector.select(Matrix(rows), percent: 35, clusters: 3, fitRows: 600, generator: &s)
        #expect(chosen.count == 400 && chosen.allSatisfy { $0 % 3 != 2 }, "\(chosen.count) rows")
    }

    @Test func percentileOverRowsCountsEachClusterByItsSize() throws {
        // A tight cluster of 700 rows, a looser one of 200 and a wide one of 100. Over the clusters
        // the 65th percentile lies between the second and third variances: 900 rows accepted.
        // Over the rows the 65th percentile row is in the 700-row cluster: only it is accepted.
        var g = Xoshiro256StarStar(seed: 8)
        var rows: [[Double]] = []
        for i in 0..<1000 {
            let (centre, spread): (Double, Double) = i < 700 ? (0, 0.05) : i < 900 ? (10, 0.5) : (-10, 3)
            rows.append([centre + spread * g.standardNormal(), centre + spread * g.standardNormal()])
        }
        var s = Xoshiro256StarStar(seed: 1)
        let overClusters = try DeepEndToEndDetector.select(Matrix(rows), percent: 35, clusters: 3, fitRows: 1000, generator: &s)
        #expect(overClusters == Array(0..<900), "\(overClusters.count) rows")
        s = Xoshiro256StarStar(seed: 1)
        let overRows = try DeepEndToEndDetector.select(Matrix(rows), percent: 35, clusters: 3, fitRows: 1000, over: .rows, generator: &s)
        #expect(overRows == Array(0..<700), "\(overRows.count) rows")
        // The parameter reaches the detector.
        var p = try DetectorParameters(detector: "deep-e2e", parsing: ["percentile_over=rows"])
        let model = try #require(try DeepEndToEndDetector.info.make(&p) as? DeepEndToEndDetector)
        #expect(model.percentileOver == .rows)
        var bad = try DetectorParameters(detector: "deep-e2e", parsing: ["percentile_over=points"])
        #expect(throws: DataError.self) { _ = try DeepEndToEndDetector.info.make(&bad) }
        #expect(DeepEndToEndDetector().percentileOver == .clusters)
    }

    @Test func theSubsetLosesAnomaliesAndTheScoresFindThem() throws {
        var model = Self.small()
        let train = Self.contaminated(rows: 1200, anomalyShare: 0.1, seed: 1)
        model.trainingLabels = train.labels
        var g = Xoshiro256StarStar(seed: 2)
        try model.fit(train.x, generator: &g)
        let first = try #require(model.selections.first), last = try #require(model.selections.last)
        #expect(model.selections.count >= 2, "\(model.fitSummary)")
        // The training rows are 10 % anomalies; the clustering keeps far fewer of them.
        #expect(Double(first.anomalies!) / Double(first.rows) < 0.05, "\(model.fitSummary)")
        #expect(Double(last.anomalies!) / Double(last.rows) < 0.05, "\(model.fitSummary)")
        #expect(model.fitSummary.contains("re-selection") && model.fitSummary.contains("% anomalies"))
        // The initial clusters account for every training row and anomaly, by increasing
        // variance, and the accepted ones are the initial subset.
        let clusters = model.initialClusters
        #expect(clusters.map(\.rows).reduce(0, +) == 1200)
        #expect(clusters.compactMap(\.anomalies).reduce(0, +) == train.labels.filter { $0 }.count)
        #expect(clusters.map(\.variance) == clusters.map(\.variance).sorted())
        #expect(clusters.filter(\.accepted).map(\.rows).reduce(0, +) == first.rows)
        #expect(clusters.filter(\.accepted).compactMap(\.anomalies).reduce(0, +) == first.anomalies)
        #expect(clusters.contains { !$0.accepted })
        #expect(model.fitSummary.contains("initial clusters by variance: ") && model.fitSummary.contains(" rejected"))
        let test = Self.contaminated(rows: 600, anomalyShare: 0.1, seed: 3)
        let auroc = try BinaryCurve(scores: try model.scores(test.x), labels: test.labels).auroc
        #expect(auroc > 0.9, "AUROC \(auroc); \(model.fitSummary)")
    }

    @Test func sameSeedSameScores() throws {
        // The same bits twice: no concurrently running test may change the BLAS thread count.
        try BLAS.steadyThreadCount {
            let data = Self.contaminated(rows: 400, anomalyShare: 0.1, seed: 4)
            var a = Self.small(), b = Self.small()
            a.epochs = 12; b.epochs = 12
            var g1 = Xoshiro256StarStar(seed: 8), g2 = Xoshiro256StarStar(seed: 8)
            try a.fit(data.x, generator: &g1)
            try b.fit(data.x, generator: &g2)
            let scores = try a.scores(data.x)
            #expect(scores == (try b.scores(data.x)) && scores.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 2 })
            #expect(a.selections == b.selections)
        }
    }

    @Test func tooFewRowsForTheClustersIsAnError() {
        var model = Self.small()
        var g = Xoshiro256StarStar(seed: 1)
        #expect(throws: (any Error).self) { try model.fit(Matrix([[0, 1], [1, 0]]), generator: &g) }
    }
}
