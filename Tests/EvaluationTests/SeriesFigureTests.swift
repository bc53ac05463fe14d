import Testing
@testable import Evaluation
@testable import Metrics

@Suite struct SeriesFigureTests {
    static func input(count: Int = 5000) -> SeriesFigure.Input {
        var labels = [UInt8](repeating: 0, count: count)
        for i in 1000..<1040 { labels[i] = 1 }
        for i in 3000..<3003 { labels[i] = 1 }
        let scores = (0..<count).map { i in Double(labels[i]) * 0.5 + Double((i * 7919) % 100) / 200 }
        return SeriesFigure.Input(title: "s.csv:score", scores: scores, labels: labels, values: scores.map { $0 * 2 },
                                  valuesName: "power", threshold: 0.6, thresholdName: "youden")
    }

    @Test("overview: both panels, shaded ranges, the threshold and the flagged marks, min/max per pixel")
    func overview() {
        let svg = SeriesFigure.overview(Self.input())
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains("<title>anomaly rows 1000–1039</title>") && svg.contains("<title>anomaly rows 3000–3002</title>"))
        #expect(svg.contains("youden threshold"))
        #expect(svg.contains(">power</text>") && svg.contains(">score</text>"))
        // 5,000 rows drawn as at most two points per pixel column.
        let points = svg.components(separatedBy: "points=\"")[2].prefix { $0 != "\"" }.split(separator: " ").count
        #expect(points <= 2 * 692)
    }

    @Test("zoom: the range with a margin, flagged points as dots; no values panel without values")
    func zoom() {
        var input = Self.input()
        input.values = nil
        let svg = SeriesFigure.zoom(input, range: 3000...3002)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.contains("rows 3000–3002"))
        #expect(svg.contains("<circle"))
    }

    @Test("surface: at most 25 x 50 cells, one per (w, k) shown, with the TPR in its tooltip")
    func surface() throws {
        let input = Self.input()
        let curve = try SeriesCurve(scores: input.scores, labels: input.labels)
        let vus = try curve.volumeUnderSurface(window: 100, keepingCurves: true)
        let svg = SeriesFigure.surface(vus.curves, window: 100, title: "TPR")
        let cells = svg.components(separatedBy: "<title>w = ").count - 1
        #expect(cells == 101 / 5 * 50 + 50)  // rows w = 0, 5, …, 100 (21) × 50 columns
        #expect(svg.contains("<title>w = 0, k = 0: TPR "))
    }
}
