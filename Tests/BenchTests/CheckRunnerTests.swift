import DataIO
import Foundation
import Testing
@testable import Bench

@Suite struct CheckRunnerTests {
    /// A small zigzag: 600 training rows, 200 test rows with 100 anomalies.
    static let small = ["generator.rows.train=600", "generator.rows.test=200", "generator.anomalies.count=100", "blocks.size=50"]

    static func testCase(_ parameters: [String] = [], expected: Double, tolerance: Double) -> Expectations.Case {
        Expectations.Case(recipe: "zigzag", overrides: small, detector: "iforest", parameters: parameters, metric: "auroc",
                          expected: expected, tolerance: tolerance, toleranceSD: nil, runs: 2, seed: 1)
    }

    @Test func passesWhenWithinToleranceAndFailsForAWeakenedDetector() throws {
        let work = NSTemporaryDirectory() + "toolkit-check-" + UUID().uuidString
        final class Lines: @unchecked Sendable { var all: [String] = [] }
        let lines = Lines()
        let runner = CheckRunner(work: work, quiet: true, log: { lines.all.append($0) })
        let measured = try runner.run(Self.testCase(expected: 0, tolerance: 1)).mean
        let good = try runner.run(Self.testCase(expected: measured, tolerance: 1e-9))
        #expect(good.passed)
        // A deliberately degraded parameter (one tree of two rows) must be caught.
        let weak = try runner.run(Self.testCase(["trees=1", "samples=2"], expected: measured, tolerance: 0.01))
        #expect(!weak.passed, "weakened AUROC \(weak.mean) vs \(measured)")
        let table = CheckRunner.table([good, weak])
        #expect(table.contains("1 of 2 within tolerance") && table.contains("FAIL") && table.contains("pass"))
        // Datasets and score files are reused: the second and third runs generated nothing new.
        #expect(lines.all.filter { $0.contains("generating") }.count == 1)
        #expect(lines.all.filter { $0.contains("iforest on zigzag") }.count == 4)   // 2 default + 2 weakened
    }

    @Test func toleranceInStandardDeviations() throws {
        let work = NSTemporaryDirectory() + "toolkit-check-" + UUID().uuidString
        var c = Self.testCase(expected: 0, tolerance: 0)
        c.tolerance = nil
        c.toleranceSD = 3
        let outcome = try CheckRunner(work: work, quiet: true).run(c)
        #expect(outcome.allowance == 3 * (outcome.standardDeviation ?? -1))
        #expect(!outcome.passed)   // 0 is far from any AUROC
    }

    @Test func unknownMetricIsAnError() {
        var c = Self.testCase(expected: 0, tolerance: 1)
        c.metric = "aucroc"
        let work = NSTemporaryDirectory() + "toolkit-check-" + UUID().uuidString
        let error = #expect(throws: DataError.self) { _ = try CheckRunner(work: work, quiet: true).run(c) }
        #expect(error?.message.contains("available: auroc") == true)
    }
}
