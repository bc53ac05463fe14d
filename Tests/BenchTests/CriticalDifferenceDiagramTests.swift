import Foundation
import Testing
@testable import Bench

/// Issue 19: the "CD = 3.32" label was drawn outside the 760-px drawing and the CD bar ran past
/// the axis. Every text and line must stay inside the SVG's width (text width estimated at 7.5 px
/// a character for the 13-px font).
@Suite struct CriticalDifferenceDiagramTests {
    static func attribute(_ name: String, in element: Substring) -> Double? {
        guard let range = element.range(of: name + "=\"") else { return nil }
        return Double(element[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test(arguments: [2, 3, 5, 9])
    func everythingStaysInsideTheDrawing(detectors: Int) throws {
        // Few recipes make a CD longer than the axis; long names test the labels at both ends.
        let names = (0..<detectors).map { "a-detector-with-a-long-name-\($0)" }
        let scores = (0..<2).map { recipe in (0..<detectors).map { Double(($0 * 7 + recipe * 3) % detectors) } }
        let svg = CriticalDifferenceDiagram.svg(Ranking(detectors: names, scores: scores))
        let width = try #require(Self.attribute("width", in: Substring(svg)))
        for element in svg.split(separator: "<").filter({ $0.hasPrefix("line ") }) {
            for key in ["x1", "x2"] {
                let x = try #require(Self.attribute(key, in: element))
                #expect(x >= 0 && x <= width, "\(element)")
            }
        }
        for element in svg.split(separator: "<").filter({ $0.hasPrefix("text ") }) {
            let x = try #require(Self.attribute("x", in: element))
            let text = element.split(separator: ">", maxSplits: 1).last ?? ""
            let extent = Double(text.count) * 7.5
            let (start, end) = element.contains("text-anchor=\"end\"") ? (x - extent, x)
                : element.contains("text-anchor=\"middle\"") ? (x - extent / 2, x + extent / 2) : (x, x + extent)
            #expect(start >= 0 && end <= width, "\(text) spans \(start)...\(end) of \(width)")
        }
    }
}
