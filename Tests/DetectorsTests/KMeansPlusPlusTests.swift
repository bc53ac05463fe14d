import Randomness
import Testing
@testable import Detectors

/// k-means++ seeding: the Gaussian mixture's initial centre rows.
@Suite struct KMeansPlusPlusTests {
    @Test func seedsOneCentrePerSeparatedCluster() {
        // Three tight clusters 100 apart: every seeding takes one row of each.
        var g = Xoshiro256StarStar(seed: 8)
        var rows: [[Double]] = []
        for cluster in 0..<3 { for _ in 0..<50 { rows.append([Double(cluster) * 100 + g.standardNormal(), g.standardNormal()]) } }
        let x = Matrix(rows)
        for seed in UInt64(0)..<20 {
            var s = Xoshiro256StarStar(seed: seed)
            let centres = KMeansPlusPlus.centres(x, count: 3, generator: &s)
            #expect(Set(centres.map { $0 / 50 }) == [0, 1, 2], "seed \(seed): \(centres)")
        }
        #expect(KMeansPlusPlus.localTrials(1) == 2 && KMeansPlusPlus.localTrials(3) == 3 && KMeansPlusPlus.localTrials(8) == 4)
    }

    @Test func repeatsCentresOnlyWhenRowsRunOut() {
        // Two distinct rows, three centres: the third coincides with one of them.
        let x = Matrix([[0, 0], [0, 0], [1, 1], [1, 1]])
        var g = Xoshiro256StarStar(seed: 1)
        let centres = KMeansPlusPlus.centres(x, count: 3, generator: &g)
        #expect(Set(centres.prefix(2).map { x.row($0) }) == [[0, 0], [1, 1]])
        #expect(centres[2] == 3)
        // Distinct rows when there are enough.
        var h = Xoshiro256StarStar(seed: 1)
        let y = Matrix((0..<10).map { [Double($0), 0] })
        #expect(Set(KMeansPlusPlus.centres(y, count: 10, generator: &h)).count == 10)
    }
}
