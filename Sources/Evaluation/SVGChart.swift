#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small inline-SVG chart: a titled plot area with grid, ticked and labelled axes, a legend below the plot,
/// polylines (straight or step-after), histogram bars, labelled marker dots and labelled vertical lines.
///
/// Pure string building: no I/O, no scripts, no external references (not even an `xmlns`, which inline SVG
/// in HTML5 does not need). All text is escaped; coordinates are written with at most 2 decimals.
struct SVGChart: Sendable {
    enum Interpolation: Sendable { case linear, stepAfter }
    enum TickStyle: Sendable { case plain, count }

    struct Series: Sendable {
        var label: String?
        var xs: [Double]
        var ys: [Double]
        var color: String
        var width: Double = 2
        var dash: String? = nil
        var interpolation: Interpolation = .linear
    }

    /// Bars from `lowerEdges[i]` to the next edge (the last one to `upper`), `counts[i]` high.
    struct Bars: Sendable {
        var label: String?
        var lowerEdges: [Double]
        var upper: Double
        var counts: [Int]
        var color: String
        var opacity: Double = 0.55
    }

    struct Marker: Sendable {
        var label: String
        var x: Double
        var y: Double
        var color: String
        /// A darker shade for the label text, when `color` is too light to read as text.
        var labelColor: String? = nil
    }

    struct VerticalLine: Sendable {
        var label: String
        var x: Double
        var color: String
        var labelColor: String? = nil
        var dash: String? = "5 3"
    }

    var title: String
    var xLabel: String
    var yLabel: String
    /// Fixed axis domains; nil takes the data's range (y from 0 when there are bars).
    var xDomain: (Double, Double)? = nil
    var yDomain: (Double, Double)? = nil
    var xTicks: TickStyle = .plain
    var yTicks: TickStyle = .plain
    /// With bars and no fixed y domain: the tallest bar reaches 1 / `barHeadroom` of the plot height.
    var barHeadroom: Double = 1.08
    var width: Double = 380
    var plotHeight: Double = 250
    var series: [Series] = []
    var bars: [Bars] = []
    var markers: [Marker] = []
    var verticalLines: [VerticalLine] = []
    var emptyMessage = "no data"

    static let fontFamily = "system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif"
    static let tickFontSize = 11.0
    static let labelFontSize = 12.0
    static let titleFontSize = 13.0

    // MARK: Rendering

    func render() -> String {
        let (x0, x1) = Self.padded(xDomain ?? dataXDomain())
        let (y0, y1) = Self.padded(yDomain ?? dataYDomain())
        let xTickValues = Self.niceTicks(x0, x1)
        let yTickValues = Self.niceTicks(y0, y1)
        let xTickLabels = Self.tickLabels(xTickValues, style: xTicks)
        let yTickLabels = Self.tickLabels(yTickValues, style: yTicks)

        let widestY = yTickLabels.map { Self.textWidth($0, Self.tickFontSize) }.max() ?? 0
        let left = (widestY + 30).rounded(.up)
        let lastXLabel = xTickLabels.last.map { Self.textWidth($0, Self.tickFontSize) / 2 } ?? 0
        let right = max(12, (lastXLabel + 4).rounded(.up))
        let top = 30.0
        let plot = Box(x0: left, y0: top, x1: width - right, y1: top + plotHeight)
        let scale = Scale(x0: x0, x1: x1, y0: y0, y1: y1, plot: plot)

        let legend = legendLayout(plot: plot)
        let legendTop = plot.y1 + 44
        let height = (legendTop + Double(legend.rows) * 17 + 4).rounded(.up)

        var svg = ""
        svg.reserveCapacity(4096 + 16 * series.reduce(0) { $0 + $1.xs.count })
        svg += "<svg class=\"chart\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" "
        svg += "height=\"\(Self.n(height))\" role=\"img\" aria-label=\"\(Self.escape(title))\" "
        svg += "font-family=\"\(Self.fontFamily)\">\n"
        svg += "<title>\(Self.escape(title))</title>\n"
        svg += "<text x=\"\(Self.n(plot.x0))\" y=\"18\" font-size=\"\(Self.n(Self.titleFontSize))\" "
        svg += "font-weight=\"600\" fill=\"#222\">\(Self.escape(title))</text>\n"

        // Plot background, grid, frame.
        svg += "<rect x=\"\(Self.n(plot.x0))\" y=\"\(Self.n(plot.y0))\" width=\"\(Self.n(plot.width))\" "
        svg += "height=\"\(Self.n(plot.height))\" fill=\"#fcfcfc\"/>\n"
        svg += "<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n"
        for x in xTickValues {
            let px = Self.n(scale.x(x))
            svg += "<line x1=\"\(px)\" y1=\"\(Self.n(plot.y0))\" x2=\"\(px)\" y2=\"\(Self.n(plot.y1))\"/>\n"
        }
        for y in yTickValues {
            let py = Self.n(scale.y(y))
            svg += "<line x1=\"\(Self.n(plot.x0))\" y1=\"\(py)\" x2=\"\(Self.n(plot.x1))\" y2=\"\(py)\"/>\n"
        }
        svg += "</g>\n"

        // Data.
        let hasData = !bars.allSatisfy { $0.counts.isEmpty }
            || series.contains { s in zip(s.xs, s.ys).contains { $0.isFinite && $1.isFinite } }
        for bar in bars { svg += renderBars(bar, scale) }
        var curvePoints: [(Double, Double)] = []
        for s in series {
            let points = pixelPoints(s, scale)
            svg += renderPolyline(s, points)
            curvePoints += Self.densified(points, spacing: 4)
        }
        if !hasData {
            svg += "<text x=\"\(Self.n((plot.x0 + plot.x1) / 2))\" y=\"\(Self.n((plot.y0 + plot.y1) / 2))\" "
            svg += "text-anchor=\"middle\" font-size=\"\(Self.n(Self.labelFontSize))\" fill=\"#888\">"
            svg += "\(Self.escape(emptyMessage))</text>\n"
        }

        // Frame and axes.
        svg += "<rect x=\"\(Self.n(plot.x0))\" y=\"\(Self.n(plot.y0))\" width=\"\(Self.n(plot.width))\" "
        svg += "height=\"\(Self.n(plot.height))\" fill=\"none\" stroke=\"#9a9a9a\" stroke-width=\"1\"/>\n"
        svg += "<g font-size=\"\(Self.n(Self.tickFontSize))\" fill=\"#444\">\n"
        for (x, label) in zip(xTickValues, xTickLabels) {
            let px = Self.n(scale.x(x))
            svg += "<line x1=\"\(px)\" y1=\"\(Self.n(plot.y1))\" x2=\"\(px)\" y2=\"\(Self.n(plot.y1 + 4))\" stroke=\"#9a9a9a\"/>"
            svg += "<text x=\"\(px)\" y=\"\(Self.n(plot.y1 + 16))\" text-anchor=\"middle\">\(Self.escape(label))</text>\n"
        }
        for (y, label) in zip(yTickValues, yTickLabels) {
            let py = Self.n(scale.y(y))
            svg += "<line x1=\"\(Self.n(plot.x0 - 4))\" y1=\"\(py)\" x2=\"\(Self.n(plot.x0))\" y2=\"\(py)\" stroke=\"#9a9a9a\"/>"
            svg += "<text x=\"\(Self.n(plot.x0 - 7))\" y=\"\(Self.n(scale.y(y) + 3.8))\" text-anchor=\"end\">"
            svg += "\(Self.escape(label))</text>\n"
        }
        svg += "</g>\n"
        svg += "<g font-size=\"\(Self.n(Self.labelFontSize))\" fill=\"#222\">\n"
        svg += "<text x=\"\(Self.n((plot.x0 + plot.x1) / 2))\" y=\"\(Self.n(plot.y1 + 34))\" text-anchor=\"middle\">"
        svg += "\(Self.escape(xLabel))</text>\n"
        let yMid = Self.n((plot.y0 + plot.y1) / 2)
        svg += "<text x=\"14\" y=\"\(yMid)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(yMid))\">"
        svg += "\(Self.escape(yLabel))</text>\n"
        svg += "</g>\n"

        // Annotations on top: vertical lines, then marker dots, then their labels (placed to avoid overlaps).
        var placed: [Box] = []
        svg += renderVerticalLines(scale, &placed)
        svg += renderMarkers(scale, curvePoints: curvePoints, &placed)
        svg += renderLegend(legend, top: legendTop)
        svg += "</svg>"
        return svg
    }

    // MARK: Domains

    private func dataXDomain() -> (Double, Double) {
        var low = Double.infinity, high = -Double.infinity
        func take(_ v: Double) { if v.isFinite { low = min(low, v); high = max(high, v) } }
        for bar in bars where !bar.counts.isEmpty {
            bar.lowerEdges.forEach(take)
            take(bar.upper)
        }
        for s in series { for (x, y) in zip(s.xs, s.ys) where y.isFinite { take(x) } }
        for m in markers where m.y.isFinite { take(m.x) }
        for line in verticalLines { take(line.x) }
        return low <= high ? (low, high) : (0, 1)
    }

    private func dataYDomain() -> (Double, Double) {
        var low = Double.infinity, high = -Double.infinity
        func take(_ v: Double) { if v.isFinite { low = min(low, v); high = max(high, v) } }
        let tallest = bars.flatMap(\.counts).max()
        if let tallest {
            take(0)
            take(Double(tallest) * barHeadroom)
        }
        for s in series { for (x, y) in zip(s.xs, s.ys) where x.isFinite { take(y) } }
        for m in markers where m.x.isFinite { take(m.y) }
        return low <= high ? (low, high) : (0, 1)
    }

    /// Widens an empty domain (one value) so that it has a width, without overflowing.
    static func padded(_ domain: (Double, Double)) -> (Double, Double) {
        var (low, high) = domain
        guard low.isFinite, high.isFinite else { return (0, 1) }
        if high < low { swap(&low, &high) }
        if low == high {
            let pad = max(abs(low) * 0.05, 0.5)
            low = max(low - pad, -Double.greatestFiniteMagnitude)
            high = min(high + pad, Double.greatestFiniteMagnitude)
        }
        return (low, high)
    }

    // MARK: Scale

    struct Box: Sendable {
        var x0: Double, y0: Double, x1: Double, y1: Double
        var width: Double { x1 - x0 }
        var height: Double { y1 - y0 }

        func overlap(_ other: Box) -> Double {
            let w = min(x1, other.x1) - max(x0, other.x0)
            let h = min(y1, other.y1) - max(y0, other.y0)
            return w > 0 && h > 0 ? w * h : 0
        }

        func contains(_ x: Double, _ y: Double) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }
    }

    /// Data to pixels; computed from halves, so domains as wide as ±1e308 do not overflow.
    struct Scale: Sendable {
        var x0: Double, x1: Double, y0: Double, y1: Double
        var plot: Box

        func x(_ v: Double) -> Double {
            let t = (v / 2 - x0 / 2) / (x1 / 2 - x0 / 2)
            return clamp(plot.x0 + t * plot.width, plot.x0 - 2, plot.x1 + 2)
        }

        func y(_ v: Double) -> Double {
            let t = (v / 2 - y0 / 2) / (y1 / 2 - y0 / 2)
            return clamp(plot.y1 - t * plot.height, plot.y0 - 2, plot.y1 + 2)
        }

        private func clamp(_ v: Double, _ low: Double, _ high: Double) -> Double {
            v.isNaN ? low : min(max(v, low), high)
        }
    }

    // MARK: Series and bars

    private func pixelPoints(_ s: Series, _ scale: Scale) -> [(Double, Double)] {
        var points: [(Double, Double)] = []
        points.reserveCapacity(s.interpolation == .stepAfter ? 2 * s.xs.count : s.xs.count)
        var previous: (Double, Double)? = nil
        for (x, y) in zip(s.xs, s.ys) where x.isFinite && y.isFinite {
            let p = (scale.x(x), scale.y(y))
            if s.interpolation == .stepAfter, let previous { points.append((p.0, previous.1)) }
            points.append(p)
            previous = p
        }
        return points
    }

    /// The points plus points every `spacing` px along each segment (obstacles for label placement).
    static func densified(_ points: [(Double, Double)], spacing: Double) -> [(Double, Double)] {
        guard var previous = points.first else { return [] }
        var out = [previous]
        for p in points.dropFirst() {
            let length = ((p.0 - previous.0) * (p.0 - previous.0) + (p.1 - previous.1) * (p.1 - previous.1)).squareRoot()
            let steps = min(Int(length / spacing), 1000)
            if steps > 1 {
                for k in 1..<steps {
                    let t = Double(k) / Double(steps)
                    out.append((previous.0 + t * (p.0 - previous.0), previous.1 + t * (p.1 - previous.1)))
                }
            }
            out.append(p)
            previous = p
        }
        return out
    }

    private func renderPolyline(_ s: Series, _ points: [(Double, Double)]) -> String {
        guard !points.isEmpty else { return "" }
        var text = "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"\(Self.n(s.width))\" "
        text += "stroke-linejoin=\"round\""
        if let dash = s.dash { text += " stroke-dasharray=\"\(dash)\"" }
        text += " points=\""
        var last = ""
        var first = true
        for (x, y) in points {
            let pair = Self.n(x) + "," + Self.n(y)
            if pair == last { continue }   // consecutive duplicates after rounding add nothing
            if !first { text += " " }
            text += pair
            last = pair
            first = false
        }
        if points.count == 1 { text += " " + last }
        text += "\"/>\n"
        return text
    }

    private func renderBars(_ bar: Bars, _ scale: Scale) -> String {
        guard !bar.counts.isEmpty else { return "" }
        var text = "<g fill=\"\(bar.color)\" fill-opacity=\"\(Self.n(bar.opacity))\">\n"
        for (i, count) in bar.counts.enumerated() where count > 0 && i < bar.lowerEdges.count {
            let upper = i + 1 < bar.lowerEdges.count ? bar.lowerEdges[i + 1] : bar.upper
            var left = scale.x(bar.lowerEdges[i])
            var right = scale.x(upper)
            if right - left < 3 {   // zero-width (single-value) bins still show
                let mid = (left + right) / 2
                left = mid - 3
                right = mid + 3
            }
            let top = scale.y(Double(count))
            let height = max(scale.plot.y1 - top, 0.5)
            text += "<rect x=\"\(Self.n(left))\" y=\"\(Self.n(scale.plot.y1 - height))\" "
            text += "width=\"\(Self.n(right - left))\" height=\"\(Self.n(height))\"/>\n"
        }
        text += "</g>\n"
        return text
    }

    // MARK: Annotations

    private static let haloAttributes =
        "stroke=\"#ffffff\" stroke-width=\"3.5\" stroke-linejoin=\"round\" paint-order=\"stroke\""

    private func renderVerticalLines(_ scale: Scale, _ placed: inout [Box]) -> String {
        guard !verticalLines.isEmpty else { return "" }
        let plot = scale.plot
        var lines = "<g stroke-width=\"1.5\">\n"
        var labels = "<g font-size=\"\(Self.n(Self.tickFontSize))\" \(Self.haloAttributes)>\n"
        // Labels should not hide the other lines: points down each line are obstacles.
        let linePoints = verticalLines.filter(\.x.isFinite).flatMap { line in
            Swift.stride(from: plot.y0, through: plot.y0 + 120, by: 4).map { (scale.x(line.x), $0) }
        }
        for line in verticalLines where line.x.isFinite {
            let px = scale.x(line.x)
            lines += "<line x1=\"\(Self.n(px))\" y1=\"\(Self.n(plot.y0))\" x2=\"\(Self.n(px))\" y2=\"\(Self.n(plot.y1))\" "
            lines += "stroke=\"\(line.color)\""
            if let dash = line.dash { lines += " stroke-dasharray=\"\(dash)\"" }
            lines += "/>\n"
            var candidates: [Candidate] = []
            for row in 0..<8 {
                let y = plot.y0 + 13 + 13 * Double(row)
                candidates.append(Candidate(x: px + 4, y: y, anchorEnd: false))
                candidates.append(Candidate(x: px - 4, y: y, anchorEnd: true))
            }
            let (chosen, box) = Self.place(line.label, candidates, within: plot, avoiding: placed, points: linePoints,
                                           pointCost: 2)
            placed.append(box)
            labels += "<text x=\"\(Self.n(chosen.x))\" y=\"\(Self.n(chosen.y))\" fill=\"\(line.labelColor ?? line.color)\""
            if chosen.anchorEnd { labels += " text-anchor=\"end\"" }
            labels += ">\(Self.escape(line.label))</text>\n"
        }
        return lines + "</g>\n" + labels + "</g>\n"
    }

    private func renderMarkers(_ scale: Scale, curvePoints: [(Double, Double)], _ placed: inout [Box]) -> String {
        let visible = markers.filter { $0.x.isFinite && $0.y.isFinite }
        guard !visible.isEmpty else { return "" }
        let dots = visible.map { (scale.x($0.x), scale.y($0.y)) }
        var text = "<g stroke=\"#ffffff\" stroke-width=\"1.5\">\n"
        for (marker, dot) in zip(visible, dots) {
            text += "<circle cx=\"\(Self.n(dot.0))\" cy=\"\(Self.n(dot.1))\" r=\"4.5\" fill=\"\(marker.color)\"/>\n"
        }
        text += "</g>\n"
        for dot in dots { placed.append(Box(x0: dot.0 - 5, y0: dot.1 - 5, x1: dot.0 + 5, y1: dot.1 + 5)) }
        var leaders = ""
        var labels = "<g font-size=\"\(Self.n(Self.tickFontSize))\" \(Self.haloAttributes)>\n"
        for (marker, dot) in zip(visible, dots) {
            let (px, py) = dot
            var candidates = [
                Candidate(x: px + 8, y: py + 4, anchorEnd: false),
                Candidate(x: px - 8, y: py + 4, anchorEnd: true),
                Candidate(x: px + 6, y: py - 8, anchorEnd: false),
                Candidate(x: px + 6, y: py + 16, anchorEnd: false),
                Candidate(x: px - 6, y: py - 8, anchorEnd: true),
                Candidate(x: px - 6, y: py + 16, anchorEnd: true),
            ]
            for step in 1...4 {
                let dy = 13 * Double(step) + 8
                candidates.append(Candidate(x: px + 12, y: py + dy + 4, anchorEnd: false, leader: true))
                candidates.append(Candidate(x: px + 12, y: py - dy + 4, anchorEnd: false, leader: true))
                candidates.append(Candidate(x: px - 12, y: py + dy + 4, anchorEnd: true, leader: true))
                candidates.append(Candidate(x: px - 12, y: py - dy + 4, anchorEnd: true, leader: true))
            }
            let (chosen, box) = Self.place(marker.label, candidates, within: scale.plot, avoiding: placed,
                                           points: curvePoints)
            placed.append(box)
            if chosen.leader {
                leaders += "<line x1=\"\(Self.n(px))\" y1=\"\(Self.n(py))\" x2=\"\(Self.n(chosen.x))\" "
                leaders += "y2=\"\(Self.n(chosen.y - 4))\" stroke=\"\(marker.color)\" stroke-width=\"0.8\"/>\n"
            }
            labels += "<text x=\"\(Self.n(chosen.x))\" y=\"\(Self.n(chosen.y))\" fill=\"\(marker.labelColor ?? marker.color)\""
            if chosen.anchorEnd { labels += " text-anchor=\"end\"" }
            labels += ">\(Self.escape(marker.label))</text>\n"
        }
        return text + leaders + labels + "</g>\n"
    }

    struct Candidate: Sendable {
        var x: Double
        var y: Double          // text baseline
        var anchorEnd: Bool
        var leader = false
    }

    /// The candidate whose text box overlaps least with placed boxes, curve points and the outside of the plot;
    /// earlier candidates win ties (and small overlaps).
    static func place(_ label: String, _ candidates: [Candidate], within bounds: Box, avoiding placed: [Box],
                      points: [(Double, Double)], pointCost: Double = 12) -> (Candidate, Box) {
        let width = textWidth(label, tickFontSize)
        var best: (Candidate, Box)? = nil
        var bestCost = Double.infinity
        for (index, candidate) in candidates.enumerated() {
            let x0 = candidate.anchorEnd ? candidate.x - width : candidate.x
            let box = Box(x0: x0 - 1, y0: candidate.y - tickFontSize * 0.8, x1: x0 + width + 1,
                          y1: candidate.y + tickFontSize * 0.25)
            let area = box.width * box.height
            let outside = area - box.overlap(bounds)
            var cost = Double(index) * 1.5 + outside * 20
            for other in placed { cost += box.overlap(other) * 10 }
            for (x, y) in points where box.contains(x, y) { cost += pointCost }
            if cost < bestCost {
                bestCost = cost
                best = (candidate, box)
            }
        }
        guard let best else { preconditionFailure("SVGChart.place: no candidate position for '\(label)'") }
        return best
    }

    // MARK: Legend

    private struct LegendEntry {
        var label: String
        var color: String
        var dash: String?
        var isBar: Bool
        var opacity: Double
        var x: Double = 0
        var row: Int = 0
    }

    private func legendLayout(plot: Box) -> (entries: [LegendEntry], rows: Int) {
        var entries: [LegendEntry] = []
        for bar in bars { if let label = bar.label {
            entries.append(LegendEntry(label: label, color: bar.color, dash: nil, isBar: true, opacity: bar.opacity))
        } }
        // Data first, dashed reference lines after.
        for s in series.sorted(by: { ($0.dash == nil ? 0 : 1) < ($1.dash == nil ? 0 : 1) }) { if let label = s.label {
            entries.append(LegendEntry(label: label, color: s.color, dash: s.dash, isBar: false, opacity: 1))
        } }
        var x = plot.x0, row = 0
        for i in entries.indices {
            let w = 24 + Self.textWidth(entries[i].label, Self.tickFontSize)
            if x > plot.x0 && x + w > width - 4 {
                row += 1
                x = plot.x0
            }
            entries[i].x = x
            entries[i].row = row
            x += w + 14
        }
        return (entries, entries.isEmpty ? 0 : row + 1)
    }

    private func renderLegend(_ legend: (entries: [LegendEntry], rows: Int), top: Double) -> String {
        guard !legend.entries.isEmpty else { return "" }
        var text = "<g font-size=\"\(Self.n(Self.tickFontSize))\" fill=\"#333\">\n"
        for entry in legend.entries {
            let y = top + 17 * Double(entry.row)
            if entry.isBar {
                text += "<rect x=\"\(Self.n(entry.x))\" y=\"\(Self.n(y - 5))\" width=\"18\" height=\"10\" "
                text += "fill=\"\(entry.color)\" fill-opacity=\"\(Self.n(entry.opacity))\"/>"
            } else {
                text += "<line x1=\"\(Self.n(entry.x))\" y1=\"\(Self.n(y))\" x2=\"\(Self.n(entry.x + 18))\" "
                text += "y2=\"\(Self.n(y))\" stroke=\"\(entry.color)\" stroke-width=\"2\""
                if let dash = entry.dash { text += " stroke-dasharray=\"\(dash)\"" }
                text += "/>"
            }
            text += "<text x=\"\(Self.n(entry.x + 24))\" y=\"\(Self.n(y + 4))\">\(Self.escape(entry.label))</text>\n"
        }
        return text + "</g>\n"
    }

    // MARK: Ticks

    /// About `target` round values (1, 2 or 5 times a power of ten) inside [low, high]; never overflows.
    static func niceTicks(_ low: Double, _ high: Double, target: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, low < high else { return low.isFinite ? [low] : [] }
        let raw = (high / 2 - low / 2) / Double(target) * 2
        let exponent = log10(raw).rounded(.down)
        let fraction = raw / pow10(exponent)
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        let step = nice * pow10(exponent)
        guard step.isFinite, step > 0 else { return [low, high] }
        let first = (low / step).rounded(.up), last = (high / step).rounded(.down)
        guard first <= last, last - first <= 50 else { return [low, high] }
        var ticks: [Double] = []
        for j in 0...Int(last - first) {
            let value = (first + Double(j)) * step   // beyond 2^53 neighbours may coincide: keep increasing ones
            if value.isFinite && value >= low && value <= high && (ticks.last.map { value > $0 } ?? true) {
                ticks.append(value == 0 ? 0 : value)
            }
        }
        return ticks.isEmpty ? [low, high] : ticks
    }

    /// Labels for evenly spaced tick values: as few decimals as the spacing needs; "k"/"M" for counts;
    /// exponent notation for very large or very small values.
    static func tickLabels(_ ticks: [Double], style: TickStyle) -> [String] {
        guard ticks.count >= 2 else { return ticks.map { significant($0, 4) } }
        let step = abs(ticks[1] / 2 - ticks[0] / 2) * 2
        let largest = ticks.map(abs).max() ?? 0
        if style == .count && largest >= 1e4 && largest < 1e15 {
            let (unit, suffix) = largest >= 1e6 ? (1e6, "M") : (1e3, "k")
            let decimals = max(0, Int(-log10(step / unit).rounded(.down)))
            return ticks.map { $0 == 0 ? "0" : fixed($0 / unit, decimals, trim: false) + suffix }
        }
        if largest < 1e6 && step >= 1e-6 {
            let decimals = max(0, Int(-log10(step).rounded(.down)))
            return ticks.map { fixed($0, decimals, trim: false) }
        }
        let digits = max(1, min(6, Int((log10(largest) - log10(step)).rounded(.down)) + 1))
        return ticks.map { significant($0, digits) }
    }

    // MARK: Text and numbers

    /// Escapes text for HTML/SVG content and attribute values.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Rough rendered width of `text` in a sans-serif font of `size` px.
    static func textWidth(_ text: String, _ size: Double) -> Double {
        Double(text.count) * size * 0.58
    }

    /// A pixel coordinate: at most 2 decimals, no trailing zeros.
    static func n(_ value: Double) -> String { fixed(value, 2, trim: true) }

    /// `value` with `decimals` decimals (0...15) without exponent when it fits, else `significant(value, 6)`;
    /// "n/a" for NaN, "∞"/"-∞" for infinities; never "-0".
    static func fixed(_ value: Double, _ decimals: Int, trim: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value < 0 ? "-∞" : "∞") }
        let decimals = max(0, min(decimals, 15))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return scientific(value, 6) }
        let units = Int(scaled)
        let divisor = Int(scale)
        var text = units != 0 && value < 0 ? "-" : ""
        text += String(units / divisor)
        guard decimals > 0 else { return text }
        var fraction = String(units % divisor)
        if fraction.count < decimals { fraction = String(repeating: "0", count: decimals - fraction.count) + fraction }
        if trim {
            while fraction.last == "0" { fraction.removeLast() }
            if fraction.isEmpty { return text }
        }
        return text + "." + fraction
    }

    /// `value` with `digits` significant digits (trailing zeros dropped), in exponent notation outside [1e-4, 1e6).
    static func significant(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : fixed(value, 0) }
        let digits = max(1, min(digits, 15))
        let exponent = Int(log10(abs(value)).rounded(.down))
        if exponent >= -4 && exponent < 6 {
            let text = fixed(value, digits - 1 - exponent, trim: true)
            if text != "0" && text != "-0" { return text }
        }
        return scientific(value, digits)
    }

    /// Exponent notation with `digits` significant digits, e.g. "1.5e+308", "-2e-7".
    static func scientific(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : fixed(value, 0) }
        var exponent = Int(log10(abs(value)).rounded(.down))
        func mantissa(_ e: Int) -> Double {
            e >= -300 ? value / pow10(Double(e)) : value * 1e300 / pow10(Double(e + 300))
        }
        var m = (mantissa(exponent) * pow10(Double(digits - 1))).rounded() / pow10(Double(digits - 1))
        if abs(m) >= 10 {
            exponent += 1
            m = (mantissa(exponent) * pow10(Double(digits - 1))).rounded() / pow10(Double(digits - 1))
        }
        let sign = exponent < 0 ? "-" : "+"
        return fixed(m, digits - 1, trim: true) + "e" + sign + String(abs(exponent))
    }

    private static func pow10(_ exponent: Double) -> Double { pow(10, exponent) }
}
