import Foundation
import Randomness
import Recipe

/// One day of a photovoltaic plant's output, 96 readings at 15-minute intervals (slot s covers
/// minutes 15s ..< 15s + 15; its reading is taken at the middle).
///
/// **Normal day** (day index d, day of the year y = (start_day_of_year + d) mod 365):
/// - season σ = sin(2π(y − 80)/365) (1 at the June solstice, −1 at the December one); the sun is
///   up for 12 + 4σ hours centred on noon (slot 48);
/// - clear-sky peak A = capacity · (0.55 + 0.45·(σ + 1)/2): lower sun and fewer hours in winter;
/// - shape: A · sin(π·x)^1.5 where x is the fraction of daylight elapsed: a bell peaked at noon,
///   exactly 0 from sunset to sunrise;
/// - weather: the day's clearness k = 1 − weather · (0.5 z_d + 0.3 z_{d−1} + 0.2 z_{d−2}), z_i
///   uniform from block i of the counter stream `weather` (overlapping, so weather persists for
///   days); passing clouds multiply each reading by 1 − weather · (1.2 − k) · c_t, where c_t in
///   [0, 1) is a smooth AR(1) within the day (c_t = 0.85 c_{t−1} + 0.15 u_t, block d of the counter
///   stream `days`);
/// - noise: Gaussian, standard deviation `noise` · capacity, added in daylight, the result
///   never below 0.
///
/// **Anomaly episodes** (on test days chosen in advance; details from block d of the counter
/// stream `anomaly-values`); the samples labelled are the ones the fault touches:
/// - `cloudy_day`: clearness 0.12-0.30 all day, with deeper passing clouds (every daylight sample);
/// - `snow_day`: panels covered: 0-3% of the normal output all day (every daylight sample);
/// - `spike`: one reading, at least an hour from sunrise and sunset, jumps to 1.5-3 × capacity
///   (a sensor glitch; that sample);
/// - `inverter_fault`: from a daylight slot, for 2-6 hours (cut at sunset), the output is 0
///   (a trip) or, with probability 1/2, clipped at 20-40% of the day's clear-sky peak (derating)
///   (those samples);
/// - `shading`: 2-4 consecutive daylight readings (30-60 minutes) drop to 20-50% (those samples).
struct SolarDay {
    static let slots = SolarPVSpec.samplesPerDay

    var power = [Double](repeating: 0, count: SolarDay.slots)
    /// The episode kind of each sample's fault, or nil.
    var kind = [SolarPVSpec.AnomalyKind?](repeating: nil, count: SolarDay.slots)

    /// Daylight of day-of-year y: (sunrise, sunset) in hours and the clear-sky peak factor.
    static func sun(dayOfYear y: Int) -> (rise: Double, set: Double, peak: Double) {
        let season = sin(2 * Double.pi * Double(y - 80) / 365)
        let hours = 12 + 4 * season
        return (12 - hours / 2, 12 + hours / 2, 0.55 + 0.45 * (season + 1) / 2)
    }

    static func daylight(_ slot: Int, _ sun: (rise: Double, set: Double, peak: Double)) -> Double? {
        let t = (Double(slot) + 0.5) / 4
        guard t > sun.rise && t < sun.set else { return nil }
        return (t - sun.rise) / (sun.set - sun.rise)
    }

    init(day d: Int, spec: SolarPVSpec, episode: SolarPVSpec.AnomalyKind?,
         weather: CounterStream, days: CounterStream, anomalyValues: CounterStream) {
        let y = (spec.startDayOfYear + d) % 365
        let sun = SolarDay.sun(dayOfYear: y)
        func z(_ i: Int) -> Double { i < 0 ? 0.5 : { var g = weather.generator(at: i); return g.uniformUnit() }() }
        var clearness = 1 - spec.weather * (0.5 * z(d) + 0.3 * z(d - 1) + 0.2 * z(d - 2))
        var a = anomalyValues.generator(at: d)
        var cloudDepth = spec.weather
        switch episode {
        case .cloudyDay?:
            clearness = 0.12 + 0.18 * a.uniformUnit()
            cloudDepth = 0.5
        default: break
        }
        var g = days.generator(at: d)
        var passing = g.uniformUnit()
        let amplitude = spec.capacity * sun.peak
        for s in 0..<SolarDay.slots {
            passing = 0.85 * passing + 0.15 * g.uniformUnit()
            let noise = g.standardNormal() * spec.noise * spec.capacity
            guard let x = SolarDay.daylight(s, sun) else { continue }
            let clear = amplitude * pow(sin(Double.pi * x), 1.5)
            let value = clear * clearness * (1 - cloudDepth * (1 - clearness + 0.2) * passing)
            power[s] = max(0, value + noise)
        }
        guard let episode else { return }
        let lit = (0..<SolarDay.slots).filter { SolarDay.daylight($0, sun) != nil }
        switch episode {
        case .cloudyDay:
            for s in lit { kind[s] = .cloudyDay }
        case .snowDay:
            let left = 0.03 * a.uniformUnit()
            for s in lit { power[s] *= left; kind[s] = .snowDay }
        case .spike:
            let inner = lit.dropFirst(4).dropLast(4)
            let s = inner.isEmpty ? lit[lit.count / 2] : inner[inner.startIndex + a.uniformInt(below: inner.count)]
            power[s] = spec.capacity * (1.5 + 1.5 * a.uniformUnit())
            kind[s] = .spike
        case .inverterFault:
            let length = 8 + a.uniformInt(below: 17)
            let first = lit[a.uniformInt(below: max(1, lit.count - 8))]
            let level = a.uniformUnit() < 0.5 ? 0 : amplitude * (0.2 + 0.2 * a.uniformUnit())
            for s in first..<min(first + length, (lit.last ?? first) + 1) {
                power[s] = min(power[s], level)
                kind[s] = .inverterFault
            }
        case .shading:
            let length = 2 + a.uniformInt(below: 3)
            let first = lit[a.uniformInt(below: max(1, lit.count - length))]
            let factor = 0.2 + 0.3 * a.uniformUnit()
            for s in first..<min(first + length, (lit.last ?? first) + 1) {
                power[s] *= factor
                kind[s] = .shading
            }
        }
    }
}
