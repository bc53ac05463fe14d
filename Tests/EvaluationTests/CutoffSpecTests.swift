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
        #expect(error?.message == "invalid cut-off 'calibrated:bogus': expected youden, best-f1, top:contamination, top:R (a fraction), top:K or top-count:K (a count of rows), threshold:T, or calibrated: before any of these")
    }

    /// A near miss of a named rule gets a "did you mean"; a number's problem stays the number's.
    @Test(arguments: [
        ("youdan", "(did you mean 'youden'?)"), ("best_f1", "(did you mean 'best-f1'?)"),
        ("top:contamnation", "expected top:contamination or top:R with R a fraction such as 0.05 (did you mean 'top:contamination'?)"),
        ("threshold:nan", "the threshold must be a finite decimal number such as 0.5 or -1.2e-3"),
    ])
    func misspeltRulesGetASuggestion(text: String, expected: String) {
        let error = #expect(throws: DataError.self) { try CutoffSpec(parsing: text) }
        #expect(error?.message.hasSuffix(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("calibrated:RULE") == false)
    }
}
