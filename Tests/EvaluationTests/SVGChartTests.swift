import Testing
@testable import Evaluation

/// The SVG chart drawer: number formatting, ticks, escaping, label placement and well-formed output.
@Suite struct SVGChartTests {
    @Test("escape: & < > \" '")
    func escape() {
        #expect(SVGChart.escape("a<b & \"c\" > 'd'") == "a&lt;b &amp; &quot;c&quot; &gt; &#39;d&#39;")
        #expect(SVGChart.escape("plain ünïcode") == "plain ünïcode")
        #expect(SVGChart.escape("&amp;") == "&amp;amp;")
    }

    @Test("coordinates: at most 2 decimals, no trailing zeros, no -0")
    func coordinates() {
        #expect(SVGChart.n(12.5) == "12.5")
        #expect(SVGChart.n(12.345678) == "12.35")
        #expect(SVGChart.n(3) == "3")
        #expect(SVGChart.n(-0.001) == "0")
        #expect(SVGChart.n(-4.2) == "-4.2")
        #expect(SVGChart.n(0.1 + 0.2) == "0.3")
    }

    @Test("fixed, significant and scientific formatting")
    func numbers() {
        #expect(SVGChart.fixed(0.5, 4) == "0.5000")
        #expect(SVGChart.fixed(0.91234567, 4) == "0.9123")
        #expect(SVGChart.fixed(-0.00001, 4) == "0.0000")
        #expect(SVGChart.fixed(.nan, 4) == "n/a")
        #expect(SVGChart.fixed(.infinity, 4) == "∞")
        #expect(SVGChart.fixed(1e300, 2) == "1e+300")
        #expect(SVGChart.significant(0.000123456, 3) == "0.000123")
        #expect(SVGChart.significant(1234.5678, 6) == "1234.57")
        #expect(SVGChart.significant(1e308, 4) == "1e+308")
        #expect(SVGChart.significant(-2.5e-7, 4) == "-2.5e-7")
        #expect(SVGChart.significant(9.99999e9, 3) == "1e+10")
        #expect(SVGChart.significant(0, 3) == "0")
        #expect(SVGChart.significant(Double.greatestFiniteMagnitude, 3) == "1.8e+308")
        #expect(SVGChart.significant(Double.leastNonzeroMagnitude, 2) == "4.9e-324")
    }

    @Test("nice ticks: round steps, inside the domain, finite at ±1e308")
    func ticks() {
        #expect(SVGChart.niceTicks(0, 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(SVGChart.tickLabels(SVGChart.niceTicks(0, 1), style: .plain) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(SVGChart.niceTicks(0, 100) == [0, 20, 40, 60, 80, 100])
        #expect(SVGChart.tickLabels([0, 20000, 40000], style: .count) == ["0", "20k", "40k"])
        #expect(SVGChart.tickLabels([0, 2_000_000, 4_000_000], style: .count) == ["0", "2M", "4M"])
        #expect(SVGChart.tickLabels([0, 500, 1000], style: .count) == ["0", "500", "1000"])
        let huge = SVGChart.niceTicks(-1e308, 1e308)
        #expect(!huge.isEmpty && huge.allSatisfy(\.isFinite) && huge.allSatisfy { abs($0) <= 1e308 })
        #expect(SVGChart.tickLabels(huge, style: .plain).contains("1e+308"))
        let biggest = SVGChart.niceTicks(-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude)
        #expect(!biggest.isEmpty && biggest.allSatisfy(\.isFinite))
        let tiny = SVGChart.niceTicks(1, 1.0.nextUp)
        #expect(!tiny.isEmpty && tiny.allSatisfy(\.isFinite))
        let (low, high) = SVGChart.padded((Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude))
        #expect(low < high && low.isFinite && high.isFinite)
    }

    @Test("label placement avoids placed labels and dots")
    func placement() {
        let plot = SVGChart.Box(x0: 0, y0: 0, x1: 300, y1: 200)
        let candidates = [SVGChart.Candidate(x: 108, y: 104, anchorEnd: false),
                          SVGChart.Candidate(x: 92, y: 104, anchorEnd: true),
                          SVGChart.Candidate(x: 106, y: 92, anchorEnd: false)]
        let (_, first) = SVGChart.place("youden (oracle)", candidates, within: plot, avoiding: [], points: [])
        let (_, second) = SVGChart.place("best-f1 (oracle)", candidates, within: plot, avoiding: [first], points: [])
        #expect(first.overlap(second) == 0)
        // Near the right edge the label goes to the left.
        let edge = [SVGChart.Candidate(x: 298, y: 100, anchorEnd: false), SVGChart.Candidate(x: 282, y: 100, anchorEnd: true)]
        let (chosen, _) = SVGChart.place("top:0.05 (deployable)", edge, within: plot, avoiding: [], points: [])
        #expect(chosen.anchorEnd)
    }

    static func sampleChart() -> SVGChart {
        var chart = SVGChart(title: "ROC <curve> & \"more\"", xLabel: "False positive rate", yLabel: "True positive rate",
                             xDomain: (0, 1), yDomain: (0, 1))
        let xs = (0...200).map { Double($0) / 200 }
        chart.series = [
            SVGChart.Series(label: "chance", xs: [0, 1], ys: [0, 1], color: "#888", dash: "5 4"),
            SVGChart.Series(label: "curve <1>", xs: xs, ys: xs.map { $0.squareRoot() }, color: "#0072B2",
                            interpolation: .stepAfter),
        ]
        chart.markers = [SVGChart.Marker(label: "a&b", x: 0.2, y: 0.2.squareRoot(), color: "#009E73"),
                         SVGChart.Marker(label: "c<d", x: 0.21, y: 0.21.squareRoot(), color: "#CC79A7")]
        return chart
    }

    @Test("render: one well-formed svg, escaped text, compact coordinates")
    func render() throws {
        let svg = Self.sampleChart().render()
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(Self.occurrences("<svg", in: svg) == 1)
        #expect(!svg.contains("http"))
        #expect(svg.contains("ROC &lt;curve&gt; &amp; &quot;more&quot;"))
        #expect(svg.contains("curve &lt;1&gt;") && svg.contains(">a&amp;b<") && svg.contains(">c&lt;d<"))
        #expect(svg.contains(">False positive rate<") && svg.contains(">True positive rate<"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(Self.occurrences("<circle", in: svg) == 2)
        #expect(Self.occurrences("<polyline", in: svg) == 2)
        // No number in the output has more than 2 decimals.
        #expect(Self.maxDecimals(svg) <= 2)
    }

    @Test("histogram bars at ±1e308 and a single zero-width bin render with finite coordinates")
    func bars() {
        var chart = SVGChart(title: "h", xLabel: "Score", yLabel: "Rows")
        chart.yTicks = .count
        chart.bars = [SVGChart.Bars(label: "normal", lowerEdges: [-1e308, 0], upper: 1e308, counts: [3, 50_000],
                                    color: "#0072B2")]
        chart.verticalLines = [SVGChart.VerticalLine(label: "t", x: 5e307, color: "#009E73")]
        var svg = chart.render()
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(Self.occurrences("<rect", in: svg) == 5)  // background, frame, 2 bars, 1 swatch
        #expect(Self.maxDecimals(svg) <= 2)
        chart.bars = [SVGChart.Bars(label: nil, lowerEdges: [Double.greatestFiniteMagnitude],
                                    upper: Double.greatestFiniteMagnitude, counts: [7], color: "#0072B2")]
        chart.verticalLines = []
        svg = chart.render()
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg.contains("width=\"6\""))
    }

    @Test("no data: a message instead of marks")
    func empty() {
        let chart = SVGChart(title: "empty", xLabel: "x", yLabel: "y",
                             series: [SVGChart.Series(label: nil, xs: [], ys: [], color: "#000")])
        let svg = chart.render()
        #expect(svg.contains(">no data<") && !svg.contains("<polyline"))
    }

    /// How often `needle` occurs in `text` (without overlaps).
    static func occurrences(_ needle: String, in text: String) -> Int { text.ranges(of: needle).count }

    /// The most digits after a decimal point in any number of `text`.
    static func maxDecimals(_ text: String) -> Int {
        var most = 0, current = -1
        var previousWasDigit = false
        for ch in text {
            if ch.isASCII && ch.isNumber {
                if current >= 0 { current += 1; most = max(most, current) }
                previousWasDigit = true
            } else {
                current = ch == "." && previousWasDigit ? 0 : -1
                previousWasDigit = false
            }
        }
        return most
    }
}
