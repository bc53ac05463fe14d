import DataIO
import Detectors
import Foundation
import Testing
@testable import Bench
import TestSupport

@Suite struct ExpectationsTests {
    static func write(_ text: String) -> String {
        let path = temporaryPath(prefix: "toolkit-expect-", suffix: ".yaml")
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func readsCasesWithDefaults() throws {
        let path = Self.write("""
            # A header comment, kept by --update.

            version: 1
            cases:
              - {recipe: zigzag, detector: iforest, metric: auroc, expected: 0.57, tolerance: 0.02}
              - recipe: arrhythmia
                set: [generator.source.file=x.data]
                detector: ocsvm
                params: [nu=0.1]
                metric: top:0.15.f1
                expected: 1
                tolerance_sd: 3
                runs: 4
                seed: 9
              - {recipe: zigzag, detector: ae, metric: auroc, expected: 0.73, spread: 0.004, floor: 0.7, runs: 3,
                 note: "why: \\"quoted\\""}
            """)
        let e = try Expectations.read(path)
        #expect(e.cases.count == 3)
        #expect(e.cases[0].seed == 1 && e.cases[0].runs == nil && e.cases[0].gate == .absolute(0.02) && e.cases[0].spread == nil)
        #expect(e.cases[1].overrides == ["generator.source.file=x.data"] && e.cases[1].parameters == ["nu=0.1"])
        #expect(e.cases[1].expected == 1 && e.cases[1].gate == .standardDeviations(3) && e.cases[1].runs == 4 && e.cases[1].seed == 9)
        #expect(e.cases[2].gate == .floor(0.7) && e.cases[2].spread == 0.004 && e.cases[2].note == "why: \"quoted\"")
        #expect(e.header == ["# A header comment, kept by --update.", ""])
        // --update's rendering reads back to the same cases, header and notes included.
        var updated = e.cases
        updated[0].expected = 0.5
        updated[1].expected = 0.25
        updated[1].spread = 0.125
        let text = e.rendered(updated)
        #expect(text.hasPrefix("# A header comment, kept by --update.\n\nversion: 1\n"))
        let again = try Expectations.read(Self.write(text))
        #expect(again.cases == updated)
    }

    @Test func renderedScalarsArePlainWhenTheyReadBackTheSame() {
        #expect(Expectations.scalar("top:0.2.f1") == "top:0.2.f1")
        #expect(Expectations.scalar("generator.source.file=../data/x.gz") == "generator.source.file=../data/x.gz")
        #expect(Expectations.scalar("1.5") == "\"1.5\"" && Expectations.scalar("true") == "\"true\"")
        #expect(Expectations.scalar("a, b") == "\"a, b\"" && Expectations.scalar("say \"x\"") == "\"say \\\"x\\\"\"")
        #expect(Expectations.number(3) == "3" && Expectations.number(0.005) == "0.005")
    }

    @Test func gates() {
        let base = Expectations.Case(recipe: "r", detector: "iforest", metric: "auroc", expected: 0.8, gate: .absolute(0.05))
        #expect(base.passes(mean: 0.85, measuredSD: nil) && !base.passes(mean: 0.86, measuredSD: nil))
        var sd = base
        sd.gate = .standardDeviations(2)
        #expect(sd.allowance(measuredSD: 0.01) == 0.02)          // no recorded spread: the runs' sd
        sd.spread = 0.05
        #expect(sd.allowance(measuredSD: 0.01) == 0.1)           // the recorded spread wins
        var floor = base
        floor.gate = .floor(0.7)
        #expect(floor.passes(mean: 0.99, measuredSD: nil) && floor.passes(mean: 0.7, measuredSD: nil))
        #expect(!floor.passes(mean: 0.6999, measuredSD: nil) && floor.allowance(measuredSD: 1) == nil)
    }

    @Test(arguments: [
        ("version: 2\ncases: []", "version"),
        ("version: 1\ncases: []", "cases"),
        ("version: 1\ncases: []\nextra: 1", "extra: unknown key"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 1, tolerance: 1, tolernce_sd: 1}", "cases[0].tolernce_sd"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 1}", "cases[0].tolerance: give exactly one gate"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 1, tolerance: 1, floor: 0.5}", "cases[0].tolerance: give exactly one gate"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, tolerance: 1}", "cases[0].expected"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 1, tolerance: 1, runs: 0}", "cases[0].runs"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 1, tolerance: 1, runs: 1001}", "cases[0].runs: expected an integer from 1 to 1000"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 1, tolerance: -1}", "cases[0].tolerance: must be ≥ 0"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 1, spread: -1, tolerance: 1}", "cases[0].spread"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, metric: m, expected: 0.5, floor: 0.6}", "cases[0].floor: 0.6 is above"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforset, metric: m, expected: 1, tolerance: 1}", "cases[0].detector: unknown detector 'iforset'"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, params: [tress=3], metric: m, expected: 1, tolerance: 1}",
         "cases[0].params: iforest: unknown parameter 'tress' (did you mean 'trees'?)"),
        ("version: 1\ncases:\n  - {recipe: z, detector: iforest, params: [trees=0], metric: m, expected: 1, tolerance: 1}", "cases[0].params: iforest: --param trees=0: expected an integer in 1...100000"),
        // Machine-dependent detectors: the mean of several runs, a recorded spread, a wide enough gate.
        ("version: 1\ncases:\n  - {recipe: z, detector: toll, metric: m, expected: 0.6, spread: 0.01, tolerance: 0.05, runs: 1}", "cases[0].runs: toll trains in Float32"),
        ("version: 1\ncases:\n  - {recipe: z, detector: ae, metric: m, expected: 0.6, tolerance: 0.05}", "cases[0].runs"),
        ("version: 1\ncases:\n  - {recipe: z, detector: dagmm, metric: m, expected: 0.6, tolerance: 0.05, runs: 5}", "cases[0].spread: required"),
        ("version: 1\ncases:\n  - {recipe: z, detector: ae, metric: m, expected: 0.6, spread: 0.02, tolerance: 0.04, runs: 3}", "cases[0].tolerance: allows 0.04 but ae needs at least 3"),
        ("version: 1\ncases:\n  - {recipe: z, detector: ae, metric: m, expected: 0.6, spread: 0.02, tolerance_sd: 2, runs: 3}", "cases[0].tolerance_sd: allows"),
        ("version: 1\ncases:\n  - {recipe: z, detector: ae, metric: m, expected: 0.6, spread: 0.02, floor: 0.57, runs: 3}", "cases[0].floor: allows"),
    ])
    func badFilesNameTheKey(text: String, key: String) {
        let error = #expect(throws: DataError.self) { _ = try Expectations.read(Self.write(text)) }
        #expect(error?.message.contains(key) == true, "\(error?.message ?? "")")
    }

    @Test func machineDependentGatesThatAreWideEnoughPass() throws {
        // 3 σ √(2/3) = 0.049 for σ = 0.02 and 3 runs.
        let text = """
            version: 1
            cases:
              - {recipe: z, detector: ae, metric: m, expected: 0.6, spread: 0.02, tolerance: 0.05, runs: 3}
              - {recipe: z, detector: ae, metric: m, expected: 0.6, spread: 0.02, tolerance_sd: 2.5, runs: 3}
              - {recipe: z, detector: toll, metric: m, expected: 0.6, spread: 0.02, floor: 0.55, runs: 3}
              - {recipe: z, detector: dagmm, metric: m, expected: 0.6, spread: 0.02, tolerance: 0.038, runs: 5}
            """
        #expect(try Expectations.read(Self.write(text)).cases.count == 4)
    }

    @Test func updateModeMeasuresExpectedAndSpreadButStillRefusesSingleRuns() throws {
        let open = "version: 1\ncases:\n  - {recipe: z, detector: ae, metric: m, tolerance_sd: 3, runs: 3}"
        #expect(throws: DataError.self) { _ = try Expectations.read(Self.write(open)) }
        let e = try Expectations.read(Self.write(open), mode: .update)
        #expect(e.cases[0].spread == nil)
        let single = "version: 1\ncases:\n  - {recipe: z, detector: ae, metric: m, tolerance: 0.05, runs: 1}"
        let error = #expect(throws: DataError.self) { _ = try Expectations.read(Self.write(single), mode: .update) }
        #expect(error?.message.contains("cases[0].runs") == true)
    }
}

@Suite struct ProjectExpectationsTests {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: recipesFolder()).appendingPathComponent("expectations/" + name).path
    }

    /// The project's own expectation files parse under every rule (the quick one also runs in
    /// .ci/run), and no neural-detector case rests on one run or on a gate narrower than its
    /// measured seed spread: such a gate flips with the CPU's BLAS kernels.
    @Test(arguments: ["quick.yaml", "full.yaml"])
    func projectFilesHoldOnAnyMachine(name: String) throws {
        let e = try Expectations.read(Self.path(name))
        #expect(e.cases.count >= 5)
        for c in e.cases {
            let info = try DetectorRegistry.info(named: c.detector)
            guard info.reproducibility == .machineDependent else { continue }
            let runs = try #require(c.runs, "\(c.label): runs")
            let spread = try #require(c.spread, "\(c.label): spread")
            #expect(runs >= 3, "\(c.label): \(runs) run(s)")
            #expect(spread > 0, "\(c.label): a spread of 0 over seeds is not a measurement")
            let allowance: Double
            switch c.gate {
            case .absolute(let t): allowance = t
            case .standardDeviations(let k): allowance = k * spread
            case .floor(let f): allowance = c.expected - f
            }
            #expect(allowance >= spread, "\(c.label): gate \(allowance) below the seed spread \(spread)")
            #expect(allowance >= 3 * spread * (2 / Double(runs)).squareRoot() * (1 - 1e-9), "\(c.label)")
            #expect(c.note != nil, "\(c.label): say why the gate is what it is")
        }
    }
}
