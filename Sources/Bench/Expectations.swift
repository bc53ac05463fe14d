import DataIO
import Detectors
import Foundation
import Recipe
import Yams

/// An expectations file for `toolkit check`: accuracy a detector must keep on a recipe.
///
///     version: 1
///     cases:
///       - recipe: zigzag                 # bundled name or recipe file
///         set: [generator.rows.train=2000]   # optional recipe overrides
///         detector: iforest
///         params: [trees=50]             # optional detector parameters
///         metric: auroc                  # a summary metric: auroc, average_precision, pr_auc,
///                                        # CUTOFF.f1 (e.g. top:0.2.f1), block.auroc, ...
///         expected: 0.57                 # the mean over the runs when it was set
///         spread: 0.012                  # their sample standard deviation (recorded by --update)
///         tolerance: 0.02                # exactly one gate: |mean − expected| ≤ tolerance, or
///         # tolerance_sd: 3              #   |mean − expected| ≤ 3 × spread (the runs' sd without one), or
///         # floor: 0.5                   #   mean ≥ floor
///         runs: 3                        # default: the recipe's evaluation.runs
///         seed: 1                        # first detector seed (runs use seed, seed+1, ...)
///         note: why the gate is what it is   # free text, kept by --update
///
/// **Machine-dependent detectors** (``Reproducibility/machineDependent``: the neural ones) give
/// different runs on different CPUs and BLAS thread counts, as another seed would, so one of
/// their cases must gate the mean of at least ``minimumMachineDependentRuns`` runs, record the
/// seed spread σ, and allow at least ``machineDependentAllowanceInSDs`` standard deviations of the
/// difference between two means of `runs` runs (`3 σ √(2 / runs)`): a false alarm on another
/// machine is then rarer than 3 in 1,000. ``read(_:mode:)`` refuses cases that break these rules.
public struct Expectations: Sendable {
    /// How a case decides pass or fail.
    public enum Gate: Sendable, Equatable {
        /// `|mean − expected| ≤ tolerance`.
        case absolute(Double)
        /// `|mean − expected| ≤ k × spread` (k × the measured runs' sd when no spread is recorded).
        case standardDeviations(Double)
        /// `mean ≥ floor` (one-sided: a regression crosses it, an improvement never fails).
        case floor(Double)
    }

    public struct Case: Sendable, Equatable {
        public var recipe: String
        public var overrides: [String]
        public var detector: String
        public var parameters: [String]
        public var metric: String
        public var expected: Double
        /// The metric's sample standard deviation over the runs when `expected` was set.
        public var spread: Double?
        public var gate: Gate
        public var runs: Int?
        public var seed: UInt64
        public var note: String?

        public init(recipe: String, overrides: [String] = [], detector: String, parameters: [String] = [],
                    metric: String, expected: Double, spread: Double? = nil, gate: Gate, runs: Int? = nil,
                    seed: UInt64 = 1, note: String? = nil) {
            self.recipe = recipe
            self.overrides = overrides
            self.detector = detector
            self.parameters = parameters
            self.metric = metric
            self.expected = expected
            self.spread = spread
            self.gate = gate
            self.runs = runs
            self.seed = seed
            self.note = note
        }

        /// A short label for tables.
        public var label: String {
            ([recipe] + overrides).joined(separator: " ") + " / " + ([detector] + parameters).joined(separator: " ")
        }

        /// The allowed absolute deviation from `expected` for a gate of tolerances, given the sample
        /// standard deviation of this check's runs (used by `tolerance_sd` without a recorded spread);
        /// `nil` for a floor.
        public func allowance(measuredSD: Double?) -> Double? {
            switch gate {
            case .absolute(let t): return t
            case .standardDeviations(let k): return k * (spread ?? measuredSD ?? 0)
            case .floor: return nil
            }
        }

        /// Whether `mean` passes the gate.
        public func passes(mean: Double, measuredSD: Double?) -> Bool {
            guard let allowance = allowance(measuredSD: measuredSD) else {
                if case .floor(let f) = gate { return mean >= f }
                return false  // never: only a floor has no allowance
            }
            return abs(mean - expected) <= allowance
        }
    }

    /// The smallest number of runs a machine-dependent detector's case may gate.
    public static let minimumMachineDependentRuns = 3
    /// A machine-dependent case must allow this many standard deviations of the difference of two
    /// means of `runs` runs (σ √(2 / runs), σ the recorded spread).
    public static let machineDependentAllowanceInSDs = 3.0

    /// How strictly ``read(_:mode:)`` checks the cases.
    public enum Mode: Sendable {
        /// For checking: every rule, including a recorded spread for machine-dependent detectors.
        case check
        /// For `--update`, before measuring: `expected` and `spread` may be missing (they are
        /// measured); the rules that need them are applied to the updated cases.
        case update
    }

    public var path: String
    public var cases: [Case]
    /// The comment lines at the top of the file (kept by ``rendered(_:)``).
    public var header: [String]

    public init(path: String, cases: [Case], header: [String] = []) {
        self.path = path
        self.cases = cases
        self.header = header
    }

    public static func read(_ path: String, mode: Mode = .check) throws -> Expectations {
        let text = try FileSystem.readText(path)
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch let error as YamlError {
            throw YAMLErrorText.dataError(error, code: .badExpectations, file: path)
        }
        guard let root = loaded as? [String: Any] else {
            throw DataError(.badExpectations, file: path, "expected a YAML mapping with 'version: 1' and 'cases'")
        }
        if let unknown = root.keys.sorted().first(where: { !["version", "cases"].contains($0) }) {
            throw DataError(.badExpectations, file: path, "\(unknown): unknown key; expected version, cases")
        }
        guard root["version"] as? Int == 1 else {
            throw DataError(.badExpectations, file: path, "version: expected 1")
        }
        guard let list = root["cases"] as? [[String: Any]], !list.isEmpty else {
            throw DataError(.badExpectations, file: path, "cases: expected a non-empty list of mappings")
        }
        let cases = try list.enumerated().map { index, entry in
            try parseCase(entry, index: index, path: path, mode: mode)
        }
        let header = text.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") || $0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map(String.init)
        return Expectations(path: path, cases: cases, header: header)
    }

    static let allowedKeys: Set<String> = ["recipe", "set", "detector", "params", "metric", "expected", "spread",
                                            "tolerance", "tolerance_sd", "floor", "runs", "seed", "note"]

    static func parseCase(_ entry: [String: Any], index: Int, path: String, mode: Mode) throws -> Case {
        func fail(_ key: String, _ message: String) -> DataError {
            DataError(.badExpectations, file: path, "cases[\(index)].\(key): \(message)")
        }
        if let unknown = entry.keys.sorted().first(where: { !allowedKeys.contains($0) }) {
            throw fail(unknown, "unknown key; expected one of: \(allowedKeys.sorted().joined(separator: ", "))")
        }
        func string(_ key: String) throws -> String {
            guard let value = entry[key] as? String, !value.isEmpty else { throw fail(key, "expected text") }
            return value
        }
        func strings(_ key: String) throws -> [String] {
            guard let value = entry[key] else { return [] }
            guard let list = value as? [String] else { throw fail(key, "expected a list of key=value texts") }
            return list
        }
        func number(_ key: String) throws -> Double? {
            guard let value = entry[key] else { return nil }
            let double: Double
            if let d = value as? Double { double = d } else if let i = value as? Int { double = Double(i) } else {
                throw fail(key, "expected a number")
            }
            guard double.isFinite else { throw fail(key, "expected a finite number") }
            return double
        }
        let detector = try string("detector")
        let info: DetectorInfo
        do { info = try DetectorRegistry.info(named: detector) } catch let error as DataError {
            throw fail("detector", error.message)
        }
        let expected = try number("expected")
        if expected == nil && mode == .check { throw fail("expected", "required (`toolkit check --update` measures it)") }
        let spread = try number("spread")
        if let s = spread, s < 0 { throw fail("spread", "must be ≥ 0") }
        let given = [("tolerance", try number("tolerance")), ("tolerance_sd", try number("tolerance_sd")),
                     ("floor", try number("floor"))].compactMap { key, value in value.map { (key, $0) } }
        guard given.count == 1, let (key, value) = given.first else {
            throw fail("tolerance", "give exactly one gate: tolerance (absolute), tolerance_sd (in standard deviations) or floor")
        }
        let gate: Gate
        switch key {
        case "tolerance": gate = .absolute(value)
        case "tolerance_sd": gate = .standardDeviations(value)
        default: gate = .floor(value)
        }
        if key != "floor", value < 0 { throw fail(key, "must be ≥ 0") }
        var runs: Int? = nil
        if let value = entry["runs"] {
            guard let r = value as? Int, (1...1000).contains(r) else { throw fail("runs", "expected an integer from 1 to 1000 (as a recipe's evaluation.runs)") }
            runs = r
        }
        var seed: UInt64 = 1
        if let value = entry["seed"] {
            guard let s = value as? Int, s >= 0 else { throw fail("seed", "expected a non-negative integer") }
            seed = UInt64(s)
        }
        var note: String? = nil
        if entry["note"] != nil { note = try string("note") }
        let parameters = try strings("params")
        do { _ = try DetectionRun.configured(detector: detector, parameters: parameters) } catch let error as DataError {
            throw fail("params", error.message)
        }
        let result = Case(recipe: try string("recipe"), overrides: try strings("set"), detector: detector,
                          parameters: parameters, metric: try string("metric"), expected: expected ?? 0,
                          spread: spread, gate: gate, runs: runs, seed: seed, note: note)
        if let (key, problem) = result.problem(reproducibility: info.reproducibility, requireSpread: mode == .check) {
            throw fail(key, problem)
        }
        return result
    }

    /// The file with each case replaced (for `--update`): the header comments and every case's
    /// note are kept; comments between cases are not.
    public func rendered(_ updated: [Case]) -> String {
        var out = header.isEmpty ? "# toolkit check expectations (rewritten by `toolkit check --update`)\n"
                                 : header.joined(separator: "\n") + "\n"
        out += "version: 1\ncases:\n"
        for c in updated {
            out += "  - recipe: \(Self.scalar(c.recipe))\n"
            if !c.overrides.isEmpty { out += "    set: [\(c.overrides.map(Self.scalar).joined(separator: ", "))]\n" }
            out += "    detector: \(Self.scalar(c.detector))\n"
            if !c.parameters.isEmpty { out += "    params: [\(c.parameters.map(Self.scalar).joined(separator: ", "))]\n" }
            out += "    metric: \(Self.scalar(c.metric))\n"
            out += "    expected: \(Self.number(c.expected))\n"
            if let s = c.spread { out += "    spread: \(Self.number(s))\n" }
            switch c.gate {
            case .absolute(let t): out += "    tolerance: \(Self.number(t))\n"
            case .standardDeviations(let k): out += "    tolerance_sd: \(Self.number(k))\n"
            case .floor(let f): out += "    floor: \(Self.number(f))\n"
            }
            if let r = c.runs { out += "    runs: \(r)\n" }
            out += "    seed: \(c.seed)\n"
            if let n = c.note { out += "    note: \(Self.scalar(n))\n" }
        }
        return out
    }

    /// A text as a YAML scalar: plain when it reads back as the same text and has nothing a flow
    /// list would split on (`zigzag`, `top:0.2.f1`, `epochs=3`), double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_.:/=+-".unicodeScalars.contains($0) }
        if plain, !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix(":"),
           (try? Yams.load(yaml: text)) as? String == text {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A number in its shortest round-trip form, without a trailing `.0` (`3`, `0.005`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}

extension Expectations.Case {
    /// The rule this case breaks, as (key, message), or `nil`. Machine-dependent detectors need the
    /// mean of several runs, a recorded spread (when `requireSpread`) and a gate at least
    /// `3 σ √(2 / runs)` wide; a floor must not exceed the expected value.
    public func problem(reproducibility: Reproducibility, requireSpread: Bool) -> (String, String)? {
        if case .floor(let f) = gate, f > expected, requireSpread || spread != nil {
            return ("floor", "\(f) is above the expected value \(expected)")
        }
        guard reproducibility == .machineDependent else { return nil }
        let why = "\(detector) trains in Float32 and its result changes with the CPU's BLAS kernels and thread count as it does with the seed"
        guard let runs, runs >= Expectations.minimumMachineDependentRuns else {
            return ("runs", "\(why), so gate the mean of at least \(Expectations.minimumMachineDependentRuns) runs (runs: \(Expectations.minimumMachineDependentRuns) or more), not one run")
        }
        guard let spread else {
            return requireSpread ? ("spread", "required for \(detector) (\(why)): the metric's standard deviation over seeds; `toolkit check --update` records it") : nil
        }
        let needed = Expectations.machineDependentAllowanceInSDs * spread * (2 / Double(runs)).squareRoot()
        let allowed: Double, key: String
        switch gate {
        case .absolute(let t): (allowed, key) = (t, "tolerance")
        case .standardDeviations(let k): (allowed, key) = (k * spread, "tolerance_sd")
        case .floor(let f): (allowed, key) = (expected - f, "floor")
        }
        if allowed < needed * (1 - 1e-9) {
            let n = Expectations.machineDependentAllowanceInSDs
            func g(_ x: Double) -> String { String(format: "%.4g", x) }
            return (key, "allows \(g(allowed)) but \(detector) needs at least \(g(n)) σ √(2/runs) = \(g(needed)) (σ = spread \(g(spread)), runs \(runs)): \(why), so a narrower gate fails on other machines by chance")
        }
        return nil
    }
}
