#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Evaluation

/// `ScoreHistogram.make` against a brute-force binning by the published edges, and at the extremes.
@Suite struct ScoreHistogramTests {
    /// Bin i holds lowerEdges[i] <= x < lowerEdges[i + 1]; the last bin also holds `upper`.
    static func bruteForce(_ h: ReportHistogram, scores: [Double], labels: [Bool]) -> (normal: [Int], anomaly: [Int]) {
        var normal = [Int](repeating: 0, count: h.lowerEdges.count)
        var anomaly = normal
        for (x, label) in zip(scores, labels) {
            var bin = -1
            for i in h.lowerEdges.indices {
                let upper = i + 1 < h.lowerEdges.count ? h.lowerEdges[i + 1] : h.upper
                if x >= h.lowerEdges[i] && (x < upper || (i == h.lowerEdges.count - 1 && x <= upper)) { bin = i; break }
            }
            precondition(bin >= 0, "score \(x) is in no bin")
            if label { anomaly[bin] += 1 } else { normal[bin] += 1 }
        }
        return (normal, anomaly)
    }

    static func check(_ scores: [Double], _ labels: [Bool], bins: Int = 40,
                      sourceLocation: SourceLocation = #_sourceLocation) -> ReportHistogram {
        let h = ScoreHistogram.make(scores: scores, labels: labels, bins: bins)
        #expect(h.lowerEdges.count == h.normalCounts.count, sourceLocation: sourceLocation)
        #expect(h.lowerEdges.count == h.anomalyCounts.count, sourceLocation: sourceLocation)
        #expect(h.lowerEdges.count <= bins, sourceLocation: sourceLocation)
        #expect(h.normalCounts.reduce(0, +) == labels.filter { !$0 }.count, sourceLocation: sourceLocation)
        #expect(h.anomalyCounts.reduce(0, +) == labels.filter { $0 }.count, sourceLocation: sourceLocation)
        #expect(h.lowerEdges.allSatisfy(\.isFinite) && h.upper.isFinite, sourceLocation: sourceLocation)
        #expect(zip(h.lowerEdges, h.lowerEdges.dropFirst()).allSatisfy { $0 < $1 }, sourceLocation: sourceLocation)
        if let low = scores.min(), let high = scores.max() {
            #expect(h.lowerEdges.first == low, sourceLocation: sourceLocation)
            #expect(h.upper == high, sourceLocation: sourceLocation)
            #expect(h.lowerEdges.last! <= high, sourceLocation: sourceLocation)
        }
        let expected = bruteForce(h, scores: scores, labels: labels)
        #expect(h.normalCounts == expected.normal, sourceLocation: sourceLocation)
        #expect(h.anomalyCounts == expected.anomaly, sourceLocation: sourceLocation)
        return h
    }

    @Test("random scores: counts per class sum to n and match brute force", arguments: [1, 2, 7, 40, 100])
    func random(bins: Int) {
        var rng = SplitMix64(seed: UInt64(bins))
        let scores = (0..<5000).map { _ in rng.normal() * 3 + 1 }
        let labels = (0..<5000).map { _ in rng.uniform() < 0.1 }
        let h = Self.check(scores, labels, bins: bins)
        #expect(h.lowerEdges.count == bins)
    }

    @Test("edges are equal-width")
    func equalWidth() {
        let h = Self.check([0, 10, 3.3, 7.7, 10, 0], [false, true, false, true, false, false], bins: 10)
        #expect(h.lowerEdges == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(h.upper == 10)
        #expect(h.normalCounts == [2, 0, 0, 1, 0, 0, 0, 0, 0, 1])
        #expect(h.anomalyCounts == [0, 0, 0, 0, 0, 0, 0, 1, 0, 1])
    }

    @Test("values on inner edges go up; the maximum stays in the last bin")
    func edges() {
        let scores: [Double] = [0, 0.25, 0.5, 0.75, 1]
        let h = Self.check(scores, [Bool](repeating: false, count: 5), bins: 4)
        #expect(h.normalCounts == [1, 1, 1, 2])
    }

    @Test("all scores equal: one bin")
    func allEqual() {
        let h = Self.check([Double](repeating: 2.5, count: 10), (0..<10).map { $0 % 3 == 0 })
        #expect(h.lowerEdges == [2.5])
        #expect(h.upper == 2.5)
        #expect(h.normalCounts == [6])
        #expect(h.anomalyCounts == [4])
    }

    @Test("a single score, and no scores")
    func singleAndEmpty() {
        let one = Self.check([-7], [true])
        #expect(one.lowerEdges == [-7] && one.anomalyCounts == [1] && one.normalCounts == [0])
        let none = ScoreHistogram.make(scores: [], labels: [])
        #expect(none.lowerEdges.isEmpty && none.normalCounts.isEmpty && none.anomalyCounts.isEmpty)
    }

    @Test("±1e308 and ±greatestFiniteMagnitude: no overflow")
    func extremes() {
        let big = Double.greatestFiniteMagnitude
        var h = Self.check([-1e308, 1e308, 0, 5e307, -5e307, 1e308], [true, false, false, true, false, true])
        #expect(h.lowerEdges.count == 40)
        #expect(h.lowerEdges[20] == 0)
        h = Self.check([-big, big, 0, big, -big, 1], [false, true, false, true, false, false], bins: 3)
        #expect(h.lowerEdges.count == 3)
        #expect(h.anomalyCounts == [0, 0, 2])
        h = Self.check([big, big], [false, true])
        #expect(h.lowerEdges == [big])
        h = Self.check([-big, -big / 3, 1e-300], [false, false, true], bins: 2)
        #expect(h.normalCounts == [1, 1] && h.anomalyCounts == [0, 1])
    }

    @Test("ranges too narrow for their magnitude: fewer, still increasing edges")
    func narrow() {
        _ = Self.check([1, 1.0.nextUp, 1.0.nextUp.nextUp, 1], [false, true, false, true])
        _ = Self.check([0, Double.leastNonzeroMagnitude, 2 * Double.leastNonzeroMagnitude], [false, true, true])
        _ = Self.check([1e308, 1e308.nextUp, 1e308.nextDown], [true, false, false], bins: 1000)
    }

    @Test("10 million scores in linear time")
    func tenMillion() {
        let n = 10_000_000
        var scores = [Double](repeating: 0, count: n)
        var labels = [Bool](repeating: false, count: n)
        var state: UInt64 = 12345
        var anomalies = 0
        for i in 0..<n {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            scores[i] = Double(state >> 11) * 0x1p-53 - 0.5
            labels[i] = state >> 60 == 0
            if labels[i] { anomalies += 1 }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let h = ScoreHistogram.make(scores: scores, labels: labels)
        let elapsed = clock.now - start
        #expect(h.lowerEdges.count == 40)
        #expect(h.anomalyCounts.reduce(0, +) == anomalies)
        #expect(h.normalCounts.reduce(0, +) == n - anomalies)
        // Roughly uniform: every bin near n / 40.
        #expect(zip(h.normalCounts, h.anomalyCounts).allSatisfy { abs($0 + $1 - n / 40) < n / 400 })
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }
}
