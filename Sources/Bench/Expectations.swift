import DataIO
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
///         expected: 0.57
///         tolerance: 0.02                # absolute, or
///         # tolerance_sd: 3              # in sample standard deviations over the runs
///         runs: 3                        # default: the recipe's evaluation.runs
///         seed: 1                        # first detector seed (runs use seed, seed+1, ...)
public struct Expectations: Sendable {
    public struct Case: Sendable, Equatable {
        public var recipe: String
        public var overrides: [String]
        public var detector: String
        public var parameters: [String]
        public var metric: String
        public var expected: Double
        public var tolerance: Double?
        public var toleranceSD: Double?
        public var runs: Int?
        public var seed: UInt64

        /// A short label for tables.
        public var label: String {
            ([recipe] + overrides).joined(separator: " ") + " / " + ([detector] + parameters).joined(separator: " ")
        }
    }

    public var path: String
    public var cases: [Case]

    public static func read(_ path: String) throws -> Expectations {
        let text = try FileSystem.readText(path)
        guard let root = try? Yams.load(yaml: text) as? [String: Any] else {
            throw DataError("bad_expectations", file: path, "expected a YAML mapping with 'version: 1' and 'cases'")
        }
        guard root["version"] as? Int == 1 else {
            throw DataError("bad_expectations", file: path, "version: expected 1")
        }
        guard let list = root["cases"] as? [[String: Any]], !list.isEmpty else {
            throw DataError("bad_expectations", file: path, "cases: expected a non-empty list of mappings")
        }
        let allowed: Set<String> = ["recipe", "set", "detector", "params", "metric", "expected", "tolerance", "tolerance_sd", "runs", "seed"]
        let cases = try list.enumerated().map { index, entry -> Case in
            func fail(_ key: String, _ message: String) -> DataError {
                DataError("bad_expectations", file: path, "cases[\(index)].\(key): \(message)")
            }
            if let unknown = entry.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw fail(unknown, "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
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
                if let double = value as? Double { return double }
                if let int = value as? Int { return Double(int) }
                throw fail(key, "expected a number")
            }
            guard let expected = try number("expected") else { throw fail("expected", "required") }
            let tolerance = try number("tolerance"), toleranceSD = try number("tolerance_sd")
            guard (tolerance == nil) != (toleranceSD == nil) else {
                throw fail("tolerance", "give exactly one of tolerance (absolute) or tolerance_sd")
            }
            if let t = tolerance ?? toleranceSD, t < 0 { throw fail(tolerance != nil ? "tolerance" : "tolerance_sd", "must be ≥ 0") }
            var runs: Int? = nil
            if let value = entry["runs"] {
                guard let r = value as? Int, r >= 1 else { throw fail("runs", "expected a positive integer") }
                runs = r
            }
            var seed: UInt64 = 1
            if let value = entry["seed"] {
                guard let s = value as? Int, s >= 0 else { throw fail("seed", "expected a non-negative integer") }
                seed = UInt64(s)
            }
            return Case(recipe: try string("recipe"), overrides: try strings("set"), detector: try string("detector"),
                        parameters: try strings("params"), metric: try string("metric"), expected: expected,
                        tolerance: tolerance, toleranceSD: toleranceSD, runs: runs, seed: seed)
        }
        return Expectations(path: path, cases: cases)
    }

    /// The file with each case's `expected` replaced (for `--update`); comments are not kept.
    public func rendered(expected values: [Double]) -> String {
        var out = "# toolkit check expectations (rewritten by `toolkit check --update`)\nversion: 1\ncases:\n"
        for (c, value) in zip(cases, values) {
            out += "  - recipe: \(c.recipe)\n"
            if !c.overrides.isEmpty { out += "    set: [\(c.overrides.map(Self.quoted).joined(separator: ", "))]\n" }
            out += "    detector: \(c.detector)\n"
            if !c.parameters.isEmpty { out += "    params: [\(c.parameters.map(Self.quoted).joined(separator: ", "))]\n" }
            out += "    metric: \(Self.quoted(c.metric))\n"
            out += "    expected: \(value)\n"
            if let t = c.tolerance { out += "    tolerance: \(t)\n" }
            if let t = c.toleranceSD { out += "    tolerance_sd: \(t)\n" }
            if let r = c.runs { out += "    runs: \(r)\n" }
            out += "    seed: \(c.seed)\n"
        }
        return out
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
