/// A critical-difference diagram (Demšar 2006) as SVG: an axis of average ranks 1…k, each
/// detector marked at its rank and labelled, and a bar of length CD; detectors whose ranks lie
/// within one CD of each other are joined by a thick line (not significantly different).
public enum CriticalDifferenceDiagram {
    public static func svg(_ ranking: Ranking) -> String {
        let k = ranking.detectors.count
        guard k >= 2 else { return "<p>One detector: nothing to compare.</p>" }
        let width = 760.0, left = 60.0, right = 60.0, axisY = 70.0
        func x(_ rank: Double) -> Double { left + (rank - 1) / Double(k - 1) * (width - left - right) }
        let height = Int(axisY + 40 + Double(k) * 22)
        var out = "<svg width=\"\(Int(width))\" height=\"\(height)\" viewBox=\"0 0 \(Int(width)) \(height)\" role=\"img\" aria-label=\"critical difference diagram\" style=\"font:13px system-ui,sans-serif\">"
        out += line(x(1), axisY, x(Double(k)), axisY, "#333", 1.5)
        for r in 1...k {
            out += line(x(Double(r)), axisY - 6, x(Double(r)), axisY, "#333", 1)
            out += "<text x=\"\(f(x(Double(r))))\" y=\"\(f(axisY - 10))\" text-anchor=\"middle\">\(r)</text>"
        }
        if let cd = ranking.criticalDifference {
            // The bar stays on the axis (a CD longer than the axis means no two ranks differ)
            // and its label sits above its left end, inside the drawing.
            let end = min(1 + cd, Double(k))
            out += line(x(1), 26, x(end), 26, "#D55E00", 3)
            let note = 1 + cd > Double(k) ? " (longer than the axis: no two detectors differ)" : ""
            out += "<text x=\"\(f(x(1)))\" y=\"16\">CD = \(String(format: "%.2f", cd))\(note)</text>"
        }
        let order = ranking.detectors.indices.sorted { ranking.averageRanks[$0] < ranking.averageRanks[$1] }
        for (row, j) in order.enumerated() {
            let rank = ranking.averageRanks[j], y = axisY + 24 + Double(row) * 22
            out += line(x(rank), axisY, x(rank), y - 4, "#0072B2", 1)
            out += "<circle cx=\"\(f(x(rank)))\" cy=\"\(f(axisY))\" r=\"3.5\" fill=\"#0072B2\"/>"
            // Labels of the right half run leftwards, so none leaves the drawing.
            let rightHalf = rank > (1 + Double(k)) / 2
            out += "<text x=\"\(f(rightHalf ? x(rank) - 6 : x(rank) + 6))\" y=\"\(f(y))\"\(rightHalf ? " text-anchor=\"end\"" : "")>"
                + "\(escape(ranking.detectors[j])) (\(String(format: "%.2f", rank)))</text>"
        }
        if let cd = ranking.criticalDifference {
            // Cliques: maximal runs of consecutive detectors within one CD.
            var level = 0.0
            var start = 0
            while start < order.count {
                var end = start
                while end + 1 < order.count && ranking.averageRanks[order[end + 1]] - ranking.averageRanks[order[start]] <= cd { end += 1 }
                if end > start {
                    out += line(x(ranking.averageRanks[order[start]]) - 3, axisY + 10 + level, x(ranking.averageRanks[order[end]]) + 3, axisY + 10 + level, "#333", 4)
                    level += 6
                }
                start = end + 1
            }
        }
        return out + "</svg>"
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String, _ width: Double) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(color)\" stroke-width=\"\(width)\"/>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
