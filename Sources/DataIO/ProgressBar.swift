#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on stderr with count, rate and ETA, redrawn at most ten times a second.
///
/// It draws only when stderr is a terminal and it is not silenced (`--quiet`), so piped and CI
/// output stays clean. Results never go to stderr, so the bar cannot mix with them.
public final class ProgressBar {
    private let label: String
    private let total: Int?
    private let unit: String
    private let enabled: Bool
    private let start: Double
    private var lastDraw: Double = 0
    private var drewSomething = false

    /// - Parameters:
    ///   - total: the expected count, or nil when unknown (then no percentage or ETA).
    ///   - quiet: never draw.
    public init(_ label: String, total: Int?, unit: String = "rows", quiet: Bool) {
        self.label = label
        self.total = total
        self.unit = unit
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
        self.start = ProgressBar.now()
    }

    /// Reports that `completed` units are done (cheap when not drawing).
    @inline(__always)
    public func update(_ completed: Int) {
        guard enabled else { return }
        let t = ProgressBar.now()
        if t - lastDraw < 0.1 { return }
        lastDraw = t
        draw(completed, elapsed: t - start)
    }

    /// Draws the final state and ends the line.
    public func finish(_ completed: Int) {
        guard enabled else { return }
        draw(completed, elapsed: ProgressBar.now() - start)
        StandardError.write("\n")
    }

    private func draw(_ completed: Int, elapsed: Double) {
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        var line = "\(label) "
        if let total, total > 0 {
            let fraction = min(1, Double(completed) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += "\(Int(fraction * 100))% \(ProgressBar.compact(completed))/\(ProgressBar.compact(total)) \(unit)"
            line += " \(ProgressBar.compact(Int(rate)))/s"
            if rate > 0 && completed < total {
                line += " ETA \(ProgressBar.clock(Double(total - completed) / rate))"
            }
        } else {
            line += "\(ProgressBar.compact(completed)) \(unit) \(ProgressBar.compact(Int(rate)))/s"
        }
        StandardError.write("\r\u{1B}[2K" + line)
        drewSomething = true
    }

    static func compact(_ n: Int) -> String {
        switch n {
        case ..<10_000: return "\(n)"
        case ..<10_000_000: return "\(n / 1000)k"
        default: return "\(n / 1_000_000)M"
        }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        let (h, m, r) = (s / 3600, (s / 60) % 60, s % 60)
        let mm = m < 10 ? "0\(m)" : "\(m)", rr = r < 10 ? "0\(r)" : "\(r)"
        return h > 0 ? "\(h):\(mm):\(rr)" : "\(m):\(rr)"
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
