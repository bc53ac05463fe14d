import Metrics

/// The HTML report's pictures of a series (inline SVG, same conventions as ``SVGChart``: no
/// scripts, no external references, escaped text):
///
/// - ``overview(_:)``: the series' values (when the dataset has them) and the detector's score
///   over time, labelled anomaly ranges shaded, the cut-off's threshold as a dashed line and the
///   flagged runs as marks under the score;
/// - ``zoom(_:range:)``: the same around one anomaly range (one panel per range);
/// - ``surface(_:window:)``: the VUS surface as a heat map, buffer length w (rows) × grid
///   threshold k (columns, highest threshold left), each cell the TPR_k of buffer length w.
///
/// Long series are drawn with min/max per pixel column, so a spike is never lost.
enum SeriesFigure {
    struct Input {
        var title: String
        var scores: [Double]
        var labels: [UInt8]
        var values: [Double]?
        var valuesName: String?
        var threshold: Double
        var thresholdName: String
    }

    static let width = 760.0
    static let left = 56.0, right = 12.0
    static let shade = "#f4c7c3", scoreColor = "#1f77b4", valueColor = "#555", flagColor = "#e6550d"

    static func overview(_ input: Input) -> String {
        render(input, from: 0, to: input.scores.count - 1, title: input.title)
    }

    /// Rows [a − pad, b + pad] around anomaly range `range`, pad = max(10, its length).
    static func zoom(_ input: Input, range: ClosedRange<Int>) -> String {
        let pad = max(10, range.count)
        let from = max(0, range.lowerBound - pad), to = min(input.scores.count - 1, range.upperBound + pad)
        return render(input, from: from, to: to, title: "\(input.title): rows \(range.lowerBound)–\(range.upperBound)", dots: true)
    }

    private static func render(_ input: Input, from: Int, to: Int, title: String, dots: Bool = false) -> String {
        let panelHeight = 120.0, gap = 26.0, top = 28.0
        var panels: [(name: String, data: [Double], color: String)] = []
        if let values = input.values { panels.append((input.valuesName ?? "value", values, valueColor)) }
        panels.append(("score", input.scores, scoreColor))
        let height = top + Double(panels.count) * (panelHeight + gap) + 34
        let plotWidth = width - left - right
        let span = Double(max(1, to - from))
        func px(_ i: Double) -> Double { left + (i - Double(from)) / span * plotWidth }
        var svg = "<svg class=\"chart series\" viewBox=\"0 0 \(SVGChart.n(width)) \(SVGChart.n(height))\" width=\"\(SVGChart.n(width))\" height=\"\(SVGChart.n(height))\" role=\"img\" aria-label=\"\(SVGChart.escape(title))\" font-family=\"\(SVGChart.fontFamily)\">\n"
        svg += "<title>\(SVGChart.escape(title))</title>\n"
        svg += "<text x=\"\(SVGChart.n(left))\" y=\"18\" font-size=\"13\" font-weight=\"600\" fill=\"#222\">\(SVGChart.escape(title))</text>\n"
        let ranges = SeriesLabels.runs(of: input.labels).filter { $0.upperBound >= from && $0.lowerBound <= to }
        let flagged = SeriesPrediction(scores: input.scores, threshold: input.threshold).ranges.filter { $0.upperBound >= from && $0.lowerBound <= to }
        for (p, panel) in panels.enumerated() {
            let y0 = top + Double(p) * (panelHeight + gap), y1 = y0 + panelHeight
            let slice = panel.data[from...to]
            var (low, high) = (slice.min() ?? 0, slice.max() ?? 1)
            if panel.name == "score" { low = min(low, input.threshold); high = max(high, input.threshold) }
            (low, high) = SVGChart.padded((low, high))
            func py(_ v: Double) -> Double { y1 - (v - low) / (high - low) * panelHeight }
            svg += "<rect x=\"\(SVGChart.n(left))\" y=\"\(SVGChart.n(y0))\" width=\"\(SVGChart.n(plotWidth))\" height=\"\(SVGChart.n(panelHeight))\" fill=\"#fcfcfc\"/>\n"
            for r in ranges {
                let a = px(Double(max(r.lowerBound, from)) - 0.5), b = px(Double(min(r.upperBound, to)) + 0.5)
                svg += "<rect x=\"\(SVGChart.n(max(left, a)))\" y=\"\(SVGChart.n(y0))\" width=\"\(SVGChart.n(max(1, min(left + plotWidth, b) - max(left, a))))\" height=\"\(SVGChart.n(panelHeight))\" fill=\"\(shade)\"><title>anomaly rows \(r.lowerBound)–\(r.upperBound)</title></rect>\n"
            }
            // Min/max per pixel column.
            let columns = Int(plotWidth)
            var points: [(Double, Double)] = []
            if to - from + 1 <= columns * 2 {
                for i in from...to { points.append((px(Double(i)), py(panel.data[i]))) }
            } else {
                for c in 0..<columns {
                    let a = from + c * (to - from + 1) / columns, b = from + (c + 1) * (to - from + 1) / columns - 1
                    guard b >= a else { continue }
                    var lo = panel.data[a], hi = lo, loAt = a, hiAt = a
                    for i in a...b { if panel.data[i] < lo { lo = panel.data[i]; loAt = i }; if panel.data[i] > hi { hi = panel.data[i]; hiAt = i } }
                    for (i, v) in [(loAt, lo), (hiAt, hi)].sorted(by: { $0.0 < $1.0 }) { points.append((px(Double(i)), py(v))) }
                }
            }
            svg += "<polyline fill=\"none\" stroke=\"\(panel.color)\" stroke-width=\"1.2\" points=\"\(points.map { "\(SVGChart.n($0.0)),\(SVGChart.n($0.1))" }.joined(separator: " "))\"/>\n"
            if panel.name == "score" {
                let t = py(input.threshold)
                svg += "<line x1=\"\(SVGChart.n(left))\" y1=\"\(SVGChart.n(t))\" x2=\"\(SVGChart.n(left + plotWidth))\" y2=\"\(SVGChart.n(t))\" stroke=\"\(flagColor)\" stroke-dasharray=\"5 3\"/>\n"
                svg += "<text x=\"\(SVGChart.n(left + plotWidth - 4))\" y=\"\(SVGChart.n(t - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#a63603\">\(SVGChart.escape(input.thresholdName)) threshold</text>\n"
                for r in flagged {
                    let a = px(Double(max(r.lowerBound, from)) - 0.5), b = px(Double(min(r.upperBound, to)) + 0.5)
                    svg += "<rect x=\"\(SVGChart.n(max(left, a)))\" y=\"\(SVGChart.n(y1 + 2))\" width=\"\(SVGChart.n(max(1, min(left + plotWidth, b) - max(left, a))))\" height=\"5\" fill=\"\(flagColor)\"/>\n"
                }
                if dots {
                    for i in from...to where input.scores[i] >= input.threshold {
                        svg += "<circle cx=\"\(SVGChart.n(px(Double(i))))\" cy=\"\(SVGChart.n(py(input.scores[i])))\" r=\"2.2\" fill=\"\(flagColor)\"/>\n"
                    }
                }
            }
            svg += "<rect x=\"\(SVGChart.n(left))\" y=\"\(SVGChart.n(y0))\" width=\"\(SVGChart.n(plotWidth))\" height=\"\(SVGChart.n(panelHeight))\" fill=\"none\" stroke=\"#9a9a9a\"/>\n"
            let ticks = SVGChart.niceTicks(low, high, target: 3)
            svg += "<g font-size=\"11\" fill=\"#444\">"
            for (v, label) in zip(ticks, SVGChart.tickLabels(ticks, style: .plain)) where v >= low && v <= high {
                svg += "<text x=\"\(SVGChart.n(left - 6))\" y=\"\(SVGChart.n(py(v) + 3.8))\" text-anchor=\"end\">\(SVGChart.escape(label))</text>"
            }
            svg += "</g>\n"
            let mid = SVGChart.n((y0 + y1) / 2)
            svg += "<text x=\"12\" y=\"\(mid)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\" transform=\"rotate(-90 12 \(mid))\">\(SVGChart.escape(panel.name))</text>\n"
        }
        let xTicks = SVGChart.niceTicks(Double(from), Double(to), target: 6)
        let axisY = top + Double(panels.count) * (panelHeight + gap) - gap + 22
        svg += "<g font-size=\"11\" fill=\"#444\">"
        for (v, label) in zip(xTicks, SVGChart.tickLabels(xTicks, style: .count)) where v >= Double(from) && v <= Double(to) {
            svg += "<text x=\"\(SVGChart.n(px(v)))\" y=\"\(SVGChart.n(axisY))\" text-anchor=\"middle\">\(SVGChart.escape(label))</text>"
        }
        svg += "</g>\n"
        svg += "<text x=\"\(SVGChart.n(left))\" y=\"\(SVGChart.n(height - 4))\" font-size=\"11\" fill=\"#444\">row (time order); shaded: labelled anomaly; orange marks: flagged (score ≥ threshold)</text>\n"
        svg += "</svg>"
        return svg
    }

    /// The heat map of TPR over buffer length w = 0…W and grid threshold k (at most 25 rows and
    /// 50 columns shown, evenly spaced).
    static func surface(_ curves: [RangeCurvePoints], window: Int, title: String) -> String {
        guard let first = curves.first else { return "" }
        let rows = Array(stride(from: 0, to: curves.count, by: max(1, (curves.count + 24) / 25)))
        let columns = Array(stride(from: 0, to: first.tpr.count, by: max(1, (first.tpr.count + 49) / 50)))
        let cell = 10.0, top = 30.0
        let plotWidth = Double(columns.count) * cell, plotHeight = Double(rows.count) * cell
        let w = left + plotWidth + 150, h = top + plotHeight + 44
        var svg = "<svg class=\"chart surface\" viewBox=\"0 0 \(SVGChart.n(w)) \(SVGChart.n(h))\" width=\"\(SVGChart.n(w))\" height=\"\(SVGChart.n(h))\" role=\"img\" aria-label=\"\(SVGChart.escape(title))\" font-family=\"\(SVGChart.fontFamily)\">\n"
        svg += "<title>\(SVGChart.escape(title))</title>\n"
        svg += "<text x=\"\(SVGChart.n(left))\" y=\"18\" font-size=\"13\" font-weight=\"600\" fill=\"#222\">\(SVGChart.escape(title))</text>\n"
        func color(_ v: Double) -> String {
            let t = max(0, min(1, v.isFinite ? v : 0))
            let r = Int(247 - t * (247 - 8)), g = Int(251 - t * (251 - 69)), b = Int(255 - t * (255 - 148))
            return "rgb(\(r),\(g),\(b))"
        }
        for (ri, wIndex) in rows.enumerated() {
            for (ci, k) in columns.enumerated() {
                let v = curves[wIndex].tpr[k]
                svg += "<rect x=\"\(SVGChart.n(left + Double(ci) * cell))\" y=\"\(SVGChart.n(top + Double(ri) * cell))\" width=\"\(SVGChart.n(cell))\" height=\"\(SVGChart.n(cell))\" fill=\"\(color(v))\"><title>w = \(wIndex), k = \(k): TPR \(SVGChart.fixed(v, 3))</title></rect>"
            }
            svg += "\n"
        }
        svg += "<g font-size=\"11\" fill=\"#444\">"
        for (ri, wIndex) in rows.enumerated() where ri % max(1, rows.count / 5) == 0 || ri == rows.count - 1 {
            svg += "<text x=\"\(SVGChart.n(left - 6))\" y=\"\(SVGChart.n(top + Double(ri) * cell + 8))\" text-anchor=\"end\">\(wIndex)</text>"
        }
        svg += "<text x=\"\(SVGChart.n(left))\" y=\"\(SVGChart.n(top + plotHeight + 14))\">k = 0 (highest threshold)</text>"
        svg += "<text x=\"\(SVGChart.n(left + plotWidth))\" y=\"\(SVGChart.n(top + plotHeight + 14))\" text-anchor=\"end\">k = \(first.tpr.count - 1)</text>"
        svg += "<text x=\"\(SVGChart.n(left + plotWidth / 2))\" y=\"\(SVGChart.n(top + plotHeight + 32))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">grid threshold k (of \(first.tpr.count))</text>"
        let mid = SVGChart.n(top + plotHeight / 2)
        svg += "<text x=\"14\" y=\"\(mid)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\" transform=\"rotate(-90 14 \(mid))\">buffer w (0…\(window))</text>"
        // Legend: the colour scale.
        let lx = left + plotWidth + 24
        for i in 0...10 {
            svg += "<rect x=\"\(SVGChart.n(lx))\" y=\"\(SVGChart.n(top + Double(10 - i) * 10))\" width=\"14\" height=\"10\" fill=\"\(color(Double(i) / 10))\"/>"
        }
        svg += "<text x=\"\(SVGChart.n(lx + 20))\" y=\"\(SVGChart.n(top + 9))\">TPR 1</text><text x=\"\(SVGChart.n(lx + 20))\" y=\"\(SVGChart.n(top + 109))\">0</text>"
        svg += "</g>\n</svg>"
        return svg
    }
}
