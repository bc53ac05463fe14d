import Testing
@testable import Metrics

@Suite struct BufferedLabelsTests {
    @Test("ramps: sqrt(1 - d/w) for d = 1...floor(w/2), clipped at the ends")
    func ramps() throws {
        let labels = try SeriesLabels([0, 0, 0, 1, 1, 0, 0, 0, 0, 0])
        let b = try BufferedLabels(labels: labels, window: 4)
        #expect(b.indices == [1, 2, 5, 6])
        #expect(b.weights == [(1.0 - 2.0 / 4).squareRoot(), (1.0 - 1.0 / 4).squareRoot(),
                              (1.0 - 1.0 / 4).squareRoot(), (1.0 - 2.0 / 4).squareRoot()])
        #expect(try BufferedLabels(labels: labels, window: 1).indices.isEmpty)
        #expect(try BufferedLabels(labels: labels, window: 0).indices.isEmpty)
        #expect(try BufferedLabels(labels: labels, window: 100).indices == [0, 1, 2, 5, 6, 7, 8, 9])
        #expect(throws: MetricsError.invalidWindow(-2)) { try BufferedLabels(labels: labels, window: -2) }
    }

    @Test("two ramps covering a point give 1; ramps never cover anomalies")
    func overlaps() throws {
        let labels = try SeriesLabels([0, 1, 0, 0, 1, 0])
        let b = try BufferedLabels(labels: labels, window: 4)
        // index 2: right ramp of [1,1] (d=1) and left ramp of [4,4] (d=2); index 3 likewise.
        #expect(b.indices == [0, 2, 3, 5])
        #expect(b.weights[1] == 1 && b.weights[2] == 1)
        let soft = b.softLabels(labels)
        #expect(soft[1] == 1 && soft[4] == 1)
    }
}
