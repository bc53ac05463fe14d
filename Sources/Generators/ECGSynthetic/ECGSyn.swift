import Foundation

/// McSharry, Clifford, Tarassenko and Smith's dynamical ECG model ("A dynamical model for
/// generating synthetic electrocardiogram signals", IEEE Trans. Biomed. Eng. 50(3), 2003; the
/// ECGSYN program), integrated with a fixed-step fourth-order Runge-Kutta method.
///
/// A point (x, y) circles the unit limit cycle at angular speed ω (one turn per heartbeat); its
/// angle θ = atan2(y, x) sweeps the beat. z, the ECG, is pushed up or down as θ passes the
/// angles θᵢ of Gaussian-shaped events (P, Q, R, S, T) and relaxes to the baseline z₀(t):
///
///     ẋ = αx − ωy,  ẏ = αy + ωx,  α = 1 − √(x² + y²)
///     ż = −Σᵢ aᵢ Δθᵢ exp(−Δθᵢ² / 2bᵢ²) − (z − z₀(t)),  Δθᵢ = (θ − θᵢ) wrapped to [−π, π)
///
/// An event of amplitude aᵢ and width bᵢ (radians) makes a wave of height about aᵢbᵢ²/ω.
///
/// The baseline wander z₀(t) = A sin(Ωt + φ) enters linearly, so z is the waves (integrated with
/// z₀ = 0) plus the exact solution of ż = −(z − z₀) for the sine, A/√(1 + Ω²) · sin(Ωt + φ −
/// atan Ω) (its steady state: the wander is taken to have been going on before the strip), added
/// at each sample: the same z, without a sine in every derivative evaluation.
///
/// Why no ODE library: the system has three states and a right-hand side of a few lines, and the
/// output must be byte-identical for a seed on every machine and toolchain. A fixed-step RK4
/// written here fixes every arithmetic operation (no adaptive step control whose choices could
/// change between library versions), costs no dependency, and is what ECGSYN itself does (a
/// fixed-step 4th-order Runge-Kutta at its internal rate `sfint`, 512 Hz by default). Steps here
/// are at most 1/256 s: finer than the 250 Hz at which ECG5000's source record (BIDMC CHF
/// `chf07`) was sampled, and half ECGSYN's cost (the 512 Hz curve differs from it by less than
/// 0.2% of the R height, far below the measurement noise; `ECGSynTests`).
///
/// The rhythm is a list of ``Piece``s: stretches of time with one angular speed and one set of
/// events, each starting where the previous one ends. A piece may put the point back on the
/// circle at a given angle when it starts (a new cycle at −π, or an ectopic focus firing early:
/// the phase reset of a premature beat); a piece with ω = 0 and no events parks the point while
/// z relaxes to the baseline (a pause).
enum ECGSyn {
    /// One Gaussian event: angle θᵢ and width bᵢ in radians, amplitude aᵢ.
    struct Event: Sendable, Equatable {
        var theta: Double
        var a: Double
        var b: Double
    }

    struct Piece: Sendable {
        /// Start time, seconds.
        var start: Double
        /// Angular speed, radians per second.
        var omega: Double
        var events: [Event]
        /// When set, the point is placed on the unit circle at this angle at `start`.
        var resetPhase: Double?
    }

    /// Baseline wander z₀(t) = amplitude · sin(2π · frequency · t + phase) (ECGSYN's respiratory
    /// baseline term).
    struct Wander: Sendable {
        var amplitude: Double
        var frequency: Double
        var phase: Double

        /// z's response to z₀ (steady state of ż = −(z − z₀)).
        func response(_ t: Double) -> Double {
            if amplitude == 0 { return 0 }
            let w = 2 * Double.pi * frequency
            return amplitude / (1 + w * w).squareRoot() * sin(w * t + phase - atan(w))
        }
    }

    /// No RK4 step is longer than this (seconds).
    static let maximumStep = 1.0 / 256

    /// z at each of `times` (ascending, at or after the first piece's start). The first piece
    /// must reset the phase; z starts on the first piece's quasi-static curve
    /// z₀ + Σᵢ (aᵢbᵢ²/ω) exp(−Δθᵢ²/2bᵢ²) (the waves without the relaxation term, which a strip
    /// started on the baseline would take a second to forget), so a strip can start mid-cycle.
    static func sample(_ pieces: [Piece], wander: Wander, at times: [Double]) -> [Double] {
        guard let phase = pieces.first?.resetPhase else { preconditionFailure("ECGSYN: the first piece must reset the phase") }
        var out: [Double] = []
        out.reserveCapacity(times.count)
        var t = pieces[0].start
        var (x, y) = (cos(phase), sin(phase))
        var z = 0.0
        if pieces[0].omega > 0 {
            for e in pieces[0].events {
                let d = wrapped(phase - e.theta)
                z += e.a * e.b * e.b / pieces[0].omega * exp(-0.5 * d * d / (e.b * e.b))
            }
        }
        var current = 0
        var next = 1  // the next piece to start
        var sample = 0
        while sample < times.count {
            // The next stop: a piece's start or a sample time, whichever comes first.
            let pieceStart = next < pieces.count ? pieces[next].start : Double.infinity
            let target = min(pieceStart, times[sample])
            if target > t {
                let steps = max(1, Int(((target - t) / maximumStep).rounded(.up)))
                let h = (target - t) / Double(steps)
                let piece = pieces[current]
                for s in 0..<steps {
                    let t0 = t + Double(s) * h
                    rungeKuttaStep(&x, &y, &z, t: t0, h: h, omega: piece.omega, events: piece.events)
                }
                t = target
            }
            if pieceStart <= times[sample] {
                current = next
                next += 1
                if let phase = pieces[current].resetPhase { (x, y) = (cos(phase), sin(phase)) }
            } else {
                out.append(z + wander.response(t))
                sample += 1
            }
        }
        return out
    }

    @inline(__always)
    static func rungeKuttaStep(_ x: inout Double, _ y: inout Double, _ z: inout Double, t: Double, h: Double,
                               omega: Double, events: [Event]) {
        // The right-hand side does not depend on t (the wander is added at the samples).
        let k1 = derivative(x, y, z, omega: omega, events: events)
        let k2 = derivative(x + h / 2 * k1.x, y + h / 2 * k1.y, z + h / 2 * k1.z, omega: omega, events: events)
        let k3 = derivative(x + h / 2 * k2.x, y + h / 2 * k2.y, z + h / 2 * k2.z, omega: omega, events: events)
        let k4 = derivative(x + h * k3.x, y + h * k3.y, z + h * k3.z, omega: omega, events: events)
        x += h / 6 * (k1.x + 2 * k2.x + 2 * k3.x + k4.x)
        y += h / 6 * (k1.y + 2 * k2.y + 2 * k3.y + k4.y)
        z += h / 6 * (k1.z + 2 * k2.z + 2 * k3.z + k4.z)
    }

    @inline(__always)
    static func derivative(_ x: Double, _ y: Double, _ z: Double, omega: Double, events: [Event]) -> (x: Double, y: Double, z: Double) {
        let alpha = 1 - (x * x + y * y).squareRoot()
        let theta = atan2(y, x)
        var forcing = 0.0
        for e in events {
            let d = wrapped(theta - e.theta)
            let u = d / e.b
            // Beyond 6 widths a term is below 2e-8 of its peak: skipped (exp is the cost).
            if u * u < 36 { forcing += e.a * d * exp(-0.5 * u * u) }
        }
        return (alpha * x - omega * y, alpha * y + omega * x, -forcing - z)
    }

    /// An angle difference wrapped to [−π, π).
    @inline(__always)
    static func wrapped(_ d: Double) -> Double {
        var d = d
        while d >= Double.pi { d -= 2 * Double.pi }
        while d < -Double.pi { d += 2 * Double.pi }
        return d
    }
}
