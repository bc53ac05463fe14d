import Foundation
import Randomness
import Recipe

/// One simulated heartbeat of ECG5000's five classes: a short rhythm strip (the beat before, the
/// beat, the beat after) simulated with ``ECGSyn`` and cut into a window of 140 samples.
///
/// **Events.** A normal beat uses ECGSYN's defaults (`ecgsyn.m`): P, Q, R, S, T at θ = −70°, −15°,
/// 0°, 15°, 100° with a = 1.2, −5, 30, −7.5, 0.75 and b = 0.25, 0.1, 0.1, 0.1, 0.4 rad, adapted to
/// the heart rate as ECGSYN does (with f = √(hr/60): widths × f, angles × (√f, f, 1, f, √f)).
///
/// **Window** (one beat per row, as the UCR file has it): from 35% of W before the beat's R peak to
/// 65% of W after it, W the mean of the R-R intervals before and after the beat, sampled at 140
/// evenly spaced instants (so, as in ECG5000, a beat's length in time varies and is interpolated
/// away). A normal beat's P, QRS, T and diastole fit, its R at sample 49; so does every class's R
/// (a PVC's compensatory pause keeps W near the mean R-R interval).
///
/// **Strip**: the previous cycle from 54° (after its QRS, before its T; z starts there on the
/// quasi-static curve, see ``ECGSyn``), the beat's cycle, the next cycle.
///
/// **Variability per beat** (the spreads times `jitter`; "±" is a standard deviation, factors are
/// kept within 0.5-1.5): heart rate uniform in `heart_rate.min...max`; each cycle's length ±4%;
/// event angles ±5°, ±1.5°, 0, ±1.5°, ±7° (P, Q, R, S, T), amplitudes ±15%, ±15%, ±10%, ±15%, ±25%,
/// widths ±10%; baseline wander (ECGSYN's z₀: a 0.15-0.4 Hz sine of amplitude `wander` × the
/// normal R height, which z follows through its unit relaxation rate) and Gaussian measurement
/// noise (`noise` × the normal R height).
///
/// **Classes** (what changes from normal; a premature beat is a phase reset: its cycle starts
/// early at angle θ_r, cutting the cycle before it short; "coupling" is the time from the previous
/// R in mean R-R intervals):
/// 1. normal: three normal cycles.
/// 2. R-on-T premature ventricular contraction: the PVC of class 3 with a coupling of 0.30-0.42,
///    so the reset falls on the previous beat's T wave (the T is cut and the PVC rides on it; the
///    window opens on the raised T).
/// 3. Premature ventricular contraction: coupling 0.55-0.75. The ectopic ventricular beat, its
///    shape drawn per beat (multiform): reset at −40° (no P wave, no Q); a tall wide R (a = 12 ×
///    uniform(0.55, 1.25), b = 0.2 × uniform(0.75, 1.25): about twice a normal R's width); a wide
///    S (40°, a = −5 × uniform(0.5, 1.5), b = 0.25); a large inverted T (105°, a = −1.6 ×
///    uniform(0.3, 1.2), b = 0.5); a full compensatory pause (the next R two mean R-R intervals
///    after the previous one; the point waits at π).
/// 4. Supraventricular premature beat: coupling 0.60-0.80, reset at −85°, an ectopic atrial P
///    (at −45°, closer to the QRS: a short PR; b = 0.2; a = 1.2 × uniform(−1, 0.35): inverted or
///    small), a normal narrow QRS and T; no compensatory pause (the next R 1.00-1.12 mean R-R
///    intervals later: the sinus node is reset).
/// 5. Unclassified: normal timing (cycle spread ±6%) with aberrant conduction: a notched, widened
///    QRS (Q × 0.6 in height and × 1.4 in width, R × 0.8 and × 1.25, a second R′ at +22° with
///    a = 30 × uniform(0.25, 0.6), b = 0.12; S moved to +32° and widened × 1.4), a depressed ST
///    segment (55°, a = −0.6 × uniform(0.5, 1.5), b = 0.3) and a flattened or inverted T (a =
///    0.75 × uniform(−0.6, 0.5)).
///
/// **Output**: the 140 values z-normalised per beat (mean 0, population standard deviation 1; the
/// UCR archive ships ECG5000 z-normalised), rounded to 6 decimals.
enum Heartbeat {
    static let length = 140
    /// Where the R peak sits in the window: this fraction of the preceding R-R interval is before it.
    static let beforeR = 0.35

    /// A beat's simulation: the strip, the baseline, the sampling instants, and the figures the
    /// tests check.
    struct Plan {
        var pieces: [ECGSyn.Piece]
        var wander: ECGSyn.Wander
        var times: [Double]
        /// The noise's standard deviation (model units).
        var noise: Double
        /// R peaks of the previous beat, the beat, the next beat (seconds).
        var peaks: (previous: Double, beat: Double, next: Double)
        var meanRR: Double
    }

    /// The beat's 140 values, z-normalised and rounded. `generator` is the beat's own stream.
    static func values(class beatClass: Int, spec: ECGSyntheticSpec, generator: inout Xoshiro256StarStar) -> [Double] {
        let plan = plan(class: beatClass, spec: spec, generator: &generator)
        var z = ECGSyn.sample(plan.pieces, wander: plan.wander, at: plan.times)
        for i in z.indices { z[i] += plan.noise * generator.standardNormal() }
        return normalized(z)
    }

    /// Mean 0, population standard deviation 1, rounded to 6 decimals.
    static func normalized(_ z: [Double]) -> [Double] {
        let n = Double(z.count)
        let mean = z.reduce(0, +) / n
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let scale = variance > 0 ? 1 / variance.squareRoot() : 0
        return z.map { (($0 - mean) * scale * 1e6).rounded() / 1e6 }
    }

    static func radians(_ degrees: Double) -> Double { degrees * Double.pi / 180 }

    static func plan(class beatClass: Int, spec: ECGSyntheticSpec, generator g: inout Xoshiro256StarStar) -> Plan {
        let j = spec.jitter
        let heartRate = spec.heartRate.min + (spec.heartRate.max - spec.heartRate.min) * g.uniformUnit()
        let rr = 60 / heartRate
        let f = (heartRate / 60).squareRoot(), f2 = f.squareRoot()
        let omega = 2 * Double.pi / rr
        // The normal R wave's height (a·b²/ω), the unit of noise and wander.
        let height = 30 * (0.1 * f) * (0.1 * f) / omega
        let wander = ECGSyn.Wander(amplitude: spec.wander * height, frequency: 0.15 + 0.25 * g.uniformUnit(),
                                   phase: 2 * Double.pi * g.uniformUnit())

        /// 1 + spread·j·N(0,1), kept within [0.5, 1.5].
        func factor(_ spread: Double) -> Double { min(1.5, max(0.5, 1 + spread * j * g.standardNormal())) }
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * g.uniformUnit() }

        func normalEvents() -> [ECGSyn.Event] {
            let angles: [Double] = [-70, -15, 0, 15, 100], scales = [f2, f, 1, f, f2], spreads: [Double] = [5, 1.5, 0, 1.5, 7]
            let amplitudes: [Double] = [1.2, -5, 30, -7.5, 0.75], widths: [Double] = [0.25, 0.1, 0.1, 0.1, 0.4]
            return (0..<5).map { i in
                ECGSyn.Event(theta: radians(angles[i] * scales[i] + spreads[i] * j * g.standardNormal()),
                             a: amplitudes[i] * factor([0.15, 0.15, 0.1, 0.15, 0.25][i]), b: widths[i] * f * factor(0.1))
            }
        }
        func ventricularEvents() -> [ECGSyn.Event] {
            // Multiform: each focus its own QRS height and width and T depth.
            [ECGSyn.Event(theta: radians(1.5 * j * g.standardNormal()), a: 12 * uniform(0.55, 1.25), b: 0.2 * f * uniform(0.75, 1.25)),
             ECGSyn.Event(theta: radians(40 * f + 3 * j * g.standardNormal()), a: -5 * uniform(0.5, 1.5), b: 0.25 * f * factor(0.1)),
             ECGSyn.Event(theta: radians(105 * f2 + 7 * j * g.standardNormal()), a: -1.6 * uniform(0.3, 1.2), b: 0.5 * f * factor(0.1))]
        }
        func supraventricularEvents() -> [ECGSyn.Event] {
            var events = normalEvents()
            events[0] = ECGSyn.Event(theta: radians(-45 * f2 + 3 * j * g.standardNormal()), a: 1.2 * uniform(-1, 0.35),
                                     b: 0.2 * f * factor(0.08))
            return events
        }
        func aberrantEvents() -> [ECGSyn.Event] {
            var e = normalEvents()
            e[1].a *= 0.6; e[1].b *= 1.4
            e[2].a *= 0.8; e[2].b *= 1.25
            e[3].theta = radians(32 * f + 2 * j * g.standardNormal()); e[3].a *= 0.8; e[3].b *= 1.4
            e[4].a = 0.75 * uniform(-0.6, 0.5)
            let rPrime = ECGSyn.Event(theta: radians(22 * f + 2 * j * g.standardNormal()), a: 30 * uniform(0.25, 0.6), b: 0.12 * f * factor(0.1))
            let st = ECGSyn.Event(theta: radians(55 * f2 + 3 * j * g.standardNormal()), a: -0.6 * uniform(0.5, 1.5), b: 0.3 * f * factor(0.1))
            return e + [rPrime, st]
        }

        var pieces: [ECGSyn.Piece] = []
        // The strip starts in the previous cycle at 54° (after its QRS, before its T wave): its
        // P and QRS never reach the window, and z starts on the quasi-static curve there.
        let previous = rr * factor(0.04)
        pieces.append(.init(start: 0.65 * previous, omega: 2 * Double.pi / previous, events: normalEvents(), resetPhase: 0.3 * Double.pi))
        let previousR = previous / 2
        var beatR: Double, nextR: Double
        switch beatClass {
        case 1, 5:
            let spread = beatClass == 5 ? 0.06 : 0.04
            let own = rr * factor(spread), next = rr * factor(spread)
            pieces.append(.init(start: previous, omega: 2 * Double.pi / own, events: beatClass == 5 ? aberrantEvents() : normalEvents(),
                                resetPhase: -Double.pi))
            pieces.append(.init(start: previous + own, omega: 2 * Double.pi / next, events: normalEvents(), resetPhase: -Double.pi))
            beatR = previous + own / 2
            nextR = previous + own + next / 2
        default:
            let coupling: Double, reset: Double, events: [ECGSyn.Event]
            switch beatClass {
            case 2: (coupling, reset, events) = (uniform(0.30, 0.42), radians(-40), ventricularEvents())
            case 3: (coupling, reset, events) = (uniform(0.55, 0.75), radians(-40), ventricularEvents())
            default: (coupling, reset, events) = (uniform(0.60, 0.80), radians(-85), supraventricularEvents())
            }
            let own = rr * factor(0.04), ownOmega = 2 * Double.pi / own
            beatR = previousR + coupling * rr
            let resetTime = beatR + reset / ownOmega  // reset < 0
            // If the previous cycle ended before the ectopic focus fires, the point waits at π.
            if resetTime > previous {
                pieces.append(.init(start: previous, omega: 0, events: [], resetPhase: Double.pi))
            }
            pieces.append(.init(start: resetTime, omega: ownOmega, events: events, resetPhase: reset))
            let cycleEnd = resetTime + (Double.pi - reset) / ownOmega
            let next = rr * factor(0.04)
            let wantedNextR = beatClass == 4 ? beatR + rr * (uniform(1.0, 1.12) + 0.02 * j * g.standardNormal())
                                             : previousR + 2 * rr * (1 + 0.02 * j * g.standardNormal())
            let pause = max(0, wantedNextR - next / 2 - cycleEnd)
            if pause > 0 { pieces.append(.init(start: cycleEnd, omega: 0, events: [], resetPhase: Double.pi)) }
            pieces.append(.init(start: cycleEnd + pause, omega: 2 * Double.pi / next, events: normalEvents(), resetPhase: -Double.pi))
            nextR = cycleEnd + pause + next / 2
        }
        let window = (nextR - previousR) / 2
        let start = beatR - beforeR * window
        let step = window / Double(length)
        return Plan(pieces: pieces, wander: wander, times: (0..<length).map { start + Double($0) * step },
                    noise: spec.noise * height, peaks: (previousR, beatR, nextR), meanRR: rr)
    }
}
