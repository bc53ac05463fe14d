import DataIO
import Metrics
import Testing
@testable import Evaluation

@Suite struct CutoffSpecTests {
    /// Metrics' rule names (`CutoffRule.description`, in the JSON output) read back to the same
    /// rule through the shared spelling parser.
    @Test("rule spellings round-trip", arguments: [
        "youden", "best-f1", "top:contamination", "top:0.05", "top:1e-3", "top-count:10", "top:500", "threshold:0.5", "threshold:-2.25",
    ])
    func roundTrip(text: String) throws {
        let spec = try CutoffSpec(parsing: text)
        #expect(try CutoffSpec(parsing: spec.rule.description).rule == spec.rule)
        #expect(spec.text == text && !spec.isCalibrated)
    }

    @Test func buildsTheRuleAndItsSelection() throws {
        #expect(try CutoffSpec(parsing: "top:0.15").rule == .topFraction(try ExactDecimal(numerator: 15, scale: 2)))
        #expect(try CutoffSpec(parsing: "top:20").rule == .topCount(20))
        let calibrated = try CutoffSpec(parsing: "calibrated:youden")
        #expect(calibrated.rule == .youden && calibrated.isCalibrated && calibrated.selection == .deployable)
    }

    @Test func badSpellingsNameTheTextAndTheWaysOut() {
        let error = #expect(throws: DataError.self) { try CutoffSpec(parsing: "calibrated:bogus") }
        #expect(error?.code == .badCutoff)
        #expect(error?.message == "invalid cut-off 'calibrated:bogus': expected youden, best-f1, top:contamination, top:R, top-count:K or threshold:T; also calibrated:RULE and top:K for a count of rows")
    }
}
