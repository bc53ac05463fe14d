import Foundation
import Testing
@testable import Generators

@Suite struct ECGSynTests {
    static let normal = [ECGSyn.Event(theta: -70 * .pi / 180, a: 1.2, b: 0.25), ECGSyn.Event(theta: -15 * .pi / 180, a: -5, b: 0.1),
                         ECGSyn.Event(theta: 0, a: 30, b: 0.1), ECGSyn.Event(theta: 15 * .pi / 180, a: -7.5, b: 0.1),
                         ECGSyn.Event(theta: 100 * .pi / 180, a: 0.75, b: 0.4)]
    static let still = ECGSyn.Wander(amplitude: 0, frequency: 0, phase: 0)

    /// One cycle of one second from −π: the R peak at the middle (θ = 0), the waves in order and
    /// of the heights a·b²/ω, near the baseline at the end.
    @Test func aNormalCycleHasItsWavesWhereTheAnglesPutThem() {
        let omega = 2 * Double.pi
        let times = (0..<1000).map { Double($0) / 1000 }
        let z = ECGSyn.sample([.init(start: 0, omega: omega, events: Self.normal, resetPhase: -.pi)], wander: Self.still, at: times)
        let peak = z.indices.max { z[$0] < z[$1] }!
        #expect(abs(times[peak] - 0.5) < 0.003, "R at \(times[peak])")
        #expect(abs(z[peak] - 30 * 0.01 / omega) < 0.15 * 30 * 0.01 / omega, "R height \(z[peak])")
        func at(_ degrees: Double) -> Double { z[Int((0.5 + degrees / 360) * 1000)] }
        #expect(at(-70) > 0.5 * 1.2 * 0.0625 / omega)   // P up
        #expect(at(15) < 0)                             // S down
        #expect(at(100) > 0.5 * 0.75 * 0.16 / omega)     // T up
        // Near the baseline again (what the relaxation term took during the waves comes back at
        // rate 1/s: a few percent of the R height are left after one beat).
        #expect(abs(z[999]) < 0.1 * z[peak])
    }

    /// A parked point (ω = 0, no events) lets z relax to the baseline at rate 1: e^(−t).
    @Test func aPauseRelaxesToTheBaseline() {
        let pieces: [ECGSyn.Piece] = [.init(start: 0, omega: 2 * .pi, events: [ECGSyn.Event(theta: 0, a: 30, b: 0.1)], resetPhase: -0.3),
                                      .init(start: 0.05, omega: 0, events: [], resetPhase: .pi)]
        let z = ECGSyn.sample(pieces, wander: Self.still, at: [0.05, 1.05])
        #expect(z[0] > 0)
        #expect(abs(z[1] / z[0] - exp(-1)) < 1e-4)
    }

    /// Steps ten times shorter give the same curve to 0.2% of its peak: RK4 at steps of at most
    /// 1/256 s is far finer than the measurement noise (5% of the R height by default).
    @Test func theFixedStepIsFineEnough() {
        let times = (0..<200).map { Double($0) / 200 }
        let piece = ECGSyn.Piece(start: 0, omega: 2 * .pi * 1.5, events: Self.normal, resetPhase: -.pi)
        let coarse = ECGSyn.sample([piece], wander: Self.still, at: times)
        // The same instants with 10 extra stops between each pair: steps 10 times shorter.
        let fine = ECGSyn.sample([piece], wander: Self.still, at: times.flatMap { t in (0..<10).map { t + Double($0) / 2000 } })
        let peak = coarse.map(abs).max()!
        let error = coarse.indices.map { abs(coarse[$0] - fine[$0 * 10]) }.max()!
        #expect(error < 2e-3 * peak, "\(error / peak)")
    }
}
