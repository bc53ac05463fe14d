import Testing
@testable import Recipe

@Suite struct CutoffSpellingTests {
    @Test("rule spellings parse", arguments: [
        ("youden", CutoffSpelling.Rule.youden), ("best-f1", .bestF1), ("top:contamination", .topContamination),
        ("top-count:10", .topCount(10)), ("threshold:0.5", .threshold(0.5)), ("threshold:-2.25", .threshold(-2.25)),
    ])
    func spellings(text: String, rule: CutoffSpelling.Rule) throws {
        #expect(try CutoffSpelling.rule(parsing: text) == rule)
    }

    @Test func fractionsAreExact() throws {
        guard case .topFraction(let fraction) = try CutoffSpelling.rule(parsing: "top:1e-3") else { Issue.record("not a fraction"); return }
        #expect((fraction.numerator, fraction.scale) == (1, 3))
    }

    @Test("bad rule spellings are rejected", arguments: [
        "", "Youden", "top:", "top:-0.1", "top:5%", "top-count:0", "top-count:x", "threshold:nan", "threshold:inf", "threshold:0x1", "threshold: 1", "calibrated:youden",
    ])
    func badSpellings(text: String) {
        #expect(throws: CutoffSpelling.ParseError.self) { try CutoffSpelling.rule(parsing: text) }
    }

    /// A whole spelling: `calibrated:` and `top:K` (a count of rows) on top of the rules.
    @Test func calibratedAndRowCounts() throws {
        let calibrated = try CutoffSpelling(parsing: "calibrated:top:500")
        #expect(calibrated.isCalibrated && calibrated.rule == .topCount(500) && calibrated.text == "calibrated:top:500")
        #expect(try CutoffSpelling(parsing: "top:1").rule == .topCount(1))
        #expect(try CutoffSpelling(parsing: "top:1.0").rule == .topFraction(DecimalLiteral("1.0")))
    }

    /// The messages recipes show (and `toolkit evaluate` builds on): the rule's text and why.
    @Test func errorsNameTheRuleAndTheReason() {
        let error = #expect(throws: CutoffSpelling.ParseError.self) { try CutoffSpelling(parsing: "calibrated:top:0") }
        #expect(error?.description == "invalid cut-off 'top:0': the fraction must be above 0 and at most 1, such as 0.05")
        let decimal = #expect(throws: CutoffSpelling.ParseError.self) { try CutoffSpelling(parsing: "top:5%") }
        #expect(decimal?.description == "invalid cut-off 'top:5%': the fraction must be a decimal such as 0.05 (unexpected character at position 2)")
    }
}
