import DataIO
import Foundation
import Testing
@testable import Bench
import TestSupport

@Suite struct CheckRunnerTests {
    /// A small zigzag: 600 training rows, 200 test rows with 100 anomalies.
    static let small = ["generator.rows.train=600", "generator.rows.test=200", "generator.anomalies.count=100", "blocks.size=50"]

    static func testCase(_ parameters: [String] = [], expected: Double, gate: Expectations.Gate) -> Expectations.Case {
        Expectations.Case(recipe: "zigzag", overrides: small, detector: "iforest", parameters: parameters, metric: "auroc",
                          expected: expected, gate: gate, runs: 2, seed: 1)
    }

    static func work() -> String { temporaryPath(prefix: "toolkit-check-") }

    @Test func passesWhenWithinToleranceAndFailsForAWeakenedDetector() throws {
        final class Lines: @unchecked Sendable { var all: [String] = [] }
        let lines = Lines()
        let runner = CheckRunner(work: Self.work(), quiet: true, log: { lines.all.append($0) })
        let measured = try runner.run(Self.testCase(expected: 0, gate: .absolute(1))).mean
        let good = try runner.run(Self.testCase(expected: measured, gate: .absolute(1e-9)))
        #expect(good.passed && good.result == "pass" && good.values.count == 2)
        // A deliberately degraded parameter (one tree of two rows) must be caught.
        let weak = try runner.run(Self.testCase(["trees=1", "samples=2"], expected: measured, gate: .absolute(0.01)))
        #expect(!weak.passed && weak.result == "FAIL", "weakened AUROC \(weak.mean) vs \(measured)")
        #expect(weak.message.contains("measured") && weak.message.contains("seeds 1-2") && weak.message.contains("±0.0100"))
        let table = CheckRunner.table([good, weak], machine: "a test machine")
        #expect(table.contains("1 of 2 within tolerance") && table.contains("FAIL") && table.contains("pass"))
        #expect(table.hasSuffix("machine: a test machine\n"))
        // Datasets and score files are reused: the second and third runs generated nothing new.
        #expect(lines.all.filter { $0.contains("generating") }.count == 1)
        #expect(lines.all.filter { $0.contains("iforest on zigzag") }.count == 4)   // 2 default + 2 weakened
    }

    @Test func toleranceInStandardDeviations() throws {
        let runner = CheckRunner(work: Self.work(), quiet: true)
        var c = Self.testCase(expected: 0, gate: .standardDeviations(3))
        let outcome = try runner.run(c)
        #expect(outcome.allowance == 3 * (outcome.standardDeviation ?? -1))
        #expect(!outcome.passed)   // 0 is far from any AUROC
        // A recorded spread replaces the runs' own standard deviation.
        c.spread = 0.5
        #expect(try runner.run(c).allowance == 1.5)
        #expect(try runner.run(c).passed)
    }

    @Test func floorIsOneSided() throws {
        let runner = CheckRunner(work: Self.work(), quiet: true)
        let measured = try runner.run(Self.testCase(expected: 0, gate: .absolute(1))).mean
        #expect(try runner.run(Self.testCase(expected: 0.99, gate: .floor(measured - 0.01))).passed)
        let above = try runner.run(Self.testCase(expected: 0.99, gate: .floor(measured + 0.01)))
        #expect(!above.passed && above.gateText.hasPrefix("≥ "))
    }

    @Test func aCaseThatCannotRunIsAnErrorAndTheOthersStillRun() throws {
        var bad = Self.testCase(expected: 0, gate: .absolute(1))
        bad.metric = "aucroc"
        let good = Self.testCase(expected: 0.5, gate: .absolute(0.5))
        let outcomes = CheckRunner(work: Self.work(), quiet: true).run(
            Expectations(path: "e.yaml", cases: [bad, good]))
        #expect(outcomes.map(\.result) == ["ERROR", "pass"])
        #expect(outcomes[0].error?.contains("(did you mean 'auroc'?); available: auroc") == true)
        #expect(outcomes[0].gateText == "±1.0000")   // the file's tolerance, not ±0 for want of a measurement
        let table = CheckRunner.table(outcomes)
        #expect(table.contains("1 of 2 within tolerance, 1 could not run") && table.contains("ERROR zigzag"))
    }

    /// A misspelt metric is reported after the case's first run, not after all of them.
    @Test func aMisspeltMetricStopsAfterTheFirstRun() throws {
        var bad = Self.testCase(expected: 0, gate: .absolute(1))
        bad.metric = "aurc"
        bad.runs = 3
        let work = Self.work()
        let outcomes = CheckRunner(work: work, quiet: true).run(Expectations(path: "e.yaml", cases: [bad]))
        #expect(outcomes.map(\.result) == ["ERROR"])
        #expect(outcomes[0].error?.contains("metric 'aurc' is not computed") == true)
        let scoreFiles = (FileManager.default.enumerator(atPath: work)?.allObjects as? [String] ?? [])
            .filter { ("/" + $0).contains("/scores/") && $0.hasSuffix(".csv") }
        #expect(scoreFiles.count == 1, "\(scoreFiles)")
    }
}
