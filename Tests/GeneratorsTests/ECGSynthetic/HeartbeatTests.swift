import Foundation
import Randomness
import Recipe
import Testing
@testable import Generators

@Suite struct HeartbeatTests {
    static let spec = ECGSyntheticSpec.ecg5000

    /// `count` beats of a class, each from its own counter stream (as the generator draws them).
    static func beats(_ beatClass: Int, count: Int = 60) -> [[Double]] {
        let stream = GenerationContext(seed: 11).counterStream("beats-\(beatClass)")
        return (0..<count).map { i in
            var g = stream.generator(at: i)
            return Heartbeat.values(class: beatClass, spec: spec, generator: &g)
        }
    }
    static let byClass: [Int: [[Double]]] = Dictionary(uniqueKeysWithValues: (1...5).map { ($0, beats($0)) })

    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
    /// The mean over beats of the mean of samples `range`.
    static func level(_ c: Int, _ range: Range<Int>) -> Double { mean(byClass[c]!.map { mean(Array($0[range])) }) }
    /// Width of the tallest wave: consecutive samples around the maximum above half of it.
    static func width(_ x: [Double]) -> Int {
        let m = x.indices.max { x[$0] < x[$1] }!
        var (a, b) = (m, m)
        while a > 0 && x[a - 1] > x[m] / 2 { a -= 1 }
        while b < x.count - 1 && x[b + 1] > x[m] / 2 { b += 1 }
        return b - a + 1
    }
    static func meanWidth(_ c: Int) -> Double { mean(byClass[c]!.map { Double(width($0)) }) }

    @Test func everyBeatIs140ZNormalisedSamples() {
        for (_, beats) in Self.byClass {
            for x in beats {
                #expect(x.count == 140)
                let m = Self.mean(x)
                let sd = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 140).squareRoot()
                #expect(abs(m) < 1e-5 && abs(sd - 1) < 1e-5)
            }
        }
    }

    @Test func aNormalBeatHasItsRPeakAt35PercentOfTheWindow() {
        let peaks = Self.byClass[1]!.map { x in x.indices.max { x[$0] < x[$1] }! }
        #expect(peaks.allSatisfy { (47...51).contains($0) }, "\(peaks)")
    }

    /// Classes 2 and 3 (PVC): a wide QRS and an inverted T.
    @Test func ventricularBeatsAreWideWithAnInvertedT() {
        for c in [2, 3] {
            #expect(Self.meanWidth(c) > 1.6 * Self.meanWidth(1), "class \(c): width \(Self.meanWidth(c)) vs \(Self.meanWidth(1))")
            #expect(Self.level(c, 75..<110) < 0 && Self.level(1, 75..<110) > 0)
        }
        // R on T: the window opens on the previous beat's raised T wave.
        #expect(Self.level(2, 0..<5) > Self.level(1, 0..<5) + 0.5)
    }

    /// Class 4: a narrow QRS but an ectopic (inverted or small) P wave.
    @Test func supraventricularBeatsHaveANarrowQRSAndAnAbnormalP() {
        #expect(Self.meanWidth(4) < 1.5 * Self.meanWidth(1))
        #expect(Self.level(4, 10..<30) < Self.level(1, 10..<30) - 0.3)
    }

    /// Class 5: a notched, widened QRS and a flattened or inverted T.
    @Test func unclassifiedBeatsAreAberrant() {
        #expect(Self.meanWidth(5) > 1.2 * Self.meanWidth(1))
        #expect(Self.level(5, 75..<110) < Self.level(1, 75..<110) - 0.4)
    }

    /// The rhythm: premature beats come at their coupling intervals; a PVC is followed by a
    /// full compensatory pause, a supraventricular beat is not; R on T fires during the T wave.
    @Test func prematureBeatsFollowTheirTiming() {
        let stream = GenerationContext(seed: 3).counterStream("plans")
        for i in 0..<40 {
            for c in [2, 3, 4] {
                var g = stream.generator(at: i * 10 + c)
                let plan = Heartbeat.plan(class: c, spec: Self.spec, generator: &g)
                let rr = plan.meanRR, p = plan.peaks
                let coupling = (p.beat - p.previous) / rr
                let range: ClosedRange<Double> = c == 2 ? 0.30...0.42 : c == 3 ? 0.55...0.75 : 0.60...0.80
                #expect(range.contains(coupling), "class \(c) coupling \(coupling)")
                if c == 4 {
                    #expect((0.9...1.22).contains((p.next - p.beat) / rr))
                } else {
                    #expect(abs((p.next - p.previous) / rr - 2) < 0.12)
                }
                if c == 2 {
                    // The previous cycle's phase when the ectopic focus fires: on its T wave.
                    let reset = plan.pieces.first { $0.resetPhase == Heartbeat.radians(-40) }!
                    let phase = (reset.start * plan.pieces[0].omega - .pi) * 180 / .pi
                    #expect((55...140).contains(phase), "R on T at \(phase)°")
                }
            }
        }
    }
}
