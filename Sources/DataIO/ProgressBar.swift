#if canImport(Glibc)
import Glibc
#endif

/// Progress of a long operation on stderr, with count, rate and ETA.
///
/// On a terminal it is one line redrawn at most ten times a second, fitted to the terminal's
/// width (so an 80-column terminal does not wrap and stack it). When stderr is not a terminal
/// (a CI log, a file) it prints a plain line every ``plainInterval`` seconds instead, and a last
/// one at the end if it printed any, so operations shorter than that stay silent there. `--quiet`
/// silences both. Results never go to stderr, so progress cannot mix with them.
public final class ProgressBar {
    private let label: String
    private let total: Int?
    private let unit: String
    private let mode: Mode
    private let start: Double
    private var lastDraw: Double = 0
    private var printedPlain = false
    /// The count of the last plain line, so that `finish` does not print the same line again.
    private var lastPlainCompleted: Int?
    /// Where the text goes (stderr; a test's collector), and the seconds between plain lines.
    private let output: (String) -> Void
    private let interval: Double

    enum Mode { case silent, terminal, plain }

    /// Seconds between plain progress lines when stderr is not a terminal.
    public static let plainInterval = 5.0

    /// - Parameters:
    ///   - total: the expected count, or nil when unknown (then no percentage or ETA).
    ///   - quiet: never draw.
    public convenience init(_ label: String, total: Int?, unit: String = "rows", quiet: Bool) {
        self.init(label, total: total, unit: unit, mode: quiet ? .silent : isatty(STDERR_FILENO) == 1 ? .terminal : .plain,
                  output: StandardError.write)
    }

    init(_ label: String, total: Int?, unit: String, mode: Mode, interval: Double = ProgressBar.plainInterval,
         output: @escaping (String) -> Void) {
        self.label = label
        self.total = total
        self.unit = unit
        self.mode = mode
        self.output = output
        self.interval = interval
        self.start = ProgressBar.now()
        self.lastDraw = start
    }

    /// Reports that `completed` units are done (cheap between draws).
    @inline(__always)
    public func update(_ completed: Int) {
        guard mode != .silent else { return }
        let t = ProgressBar.now()
        if t - lastDraw < (mode == .terminal ? 0.1 : interval) { return }
        lastDraw = t
        draw(completed, elapsed: t - start)
    }

    /// Draws the final state and ends the line.
    public func finish(_ completed: Int) {
        switch mode {
        case .silent: return
        case .terminal:
            draw(completed, elapsed: ProgressBar.now() - start)
            output("\n")
        case .plain:
            if printedPlain && lastPlainCompleted != completed { draw(completed, elapsed: ProgressBar.now() - start) }
        }
    }

    /// Writes `line` on a line of its own (a message during the operation): on a terminal it
    /// replaces the bar, which is drawn again at the next update.
    public func note(_ line: String) {
        switch mode {
        case .silent: return
        case .terminal:
            output("\r\u{1B}[2K" + line + "\n")
            lastDraw = 0
        case .plain:
            output(line + "\n")
        }
    }

    private func draw(_ completed: Int, elapsed: Double) {
        switch mode {
        case .silent: return
        case .terminal:
            output("\r\u{1B}[2K" + Self.line(label: label, completed: completed, total: total, unit: unit,
                                              elapsed: elapsed, columns: Self.terminalColumns()))
        case .plain:
            output(Self.line(label: label, completed: completed, total: total, unit: unit, elapsed: elapsed, columns: nil) + "\n")
            printedPlain = true
            lastPlainCompleted = completed
        }
    }

    /// The progress text; with `columns`, a bar is drawn and the whole fits in `columns − 1`
    /// characters (the bar shrinks first, then the text is cut).
    static func line(label: String, completed: Int, total: Int?, unit: String, elapsed: Double, columns: Int?) -> String {
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        var figures = ""
        var fraction: Double?
        if let total, total > 0 {
            let f = min(1, Double(completed) / Double(total))
            fraction = f
            figures = "\(Int(f * 100))% \(compact(completed))/\(compact(total)) \(unit) \(speed(rate, unit: unit))"
            if rate > 0 && completed < total { figures += " ETA \(clock(Double(total - completed) / rate))" }
        } else {
            figures = "\(compact(completed)) \(unit) \(speed(rate, unit: unit))"
        }
        guard let columns else { return label + " " + figures }
        let room = columns - 1
        var bar = ""
        if let fraction {
            let width = min(30, room - label.count - figures.count - 4)
            if width >= 5 {
                let filled = Int(fraction * Double(width))
                bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            }
        }
        let text = label + " " + bar + figures
        return text.count <= room ? text : String(text.prefix(max(room, 1)))
    }

    /// The terminal's width (80 when unknown).
    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// The rate: `25k/s`, `3.5/s`, or for slow units the time each takes (`1.4 s/step`:
    /// an epoch of a long training run printed `0/s`).
    static func speed(_ rate: Double, unit: String) -> String {
        if rate >= 10 { return "\(compact(Int(rate)))/s" }
        if rate >= 1 { return "\((rate * 10).rounded() / 10)/s" }
        guard rate > 0 else { return "0/s" }
        let one = unit.hasSuffix("s") ? String(unit.dropLast()) : unit
        return "\((10 / rate).rounded() / 10) s/\(one)"
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
