import DataIO

/// A cut-off as a recipe or the command line writes it, read for its syntax: `youden`,
/// `best-f1`, `top:contamination`, `top:R` with R a decimal fraction in (0, 1] (`top:0.2`),
/// `top:K` with K a whole number of rows (`top:500`; also `top-count:K`), `threshold:T` (a
/// finite number), and `calibrated:` followed by any of these.
///
/// Why the syntax lives here and not in Metrics: recipes must reject a misspelt cut-off when
/// they are read, with the key path, and Recipe may not depend on Metrics (DESIGN.md §2: Metrics
/// depends on nothing, and reads no text). So this plain value is the one parser of the
/// spellings; Evaluation's `CutoffSpec` builds Metrics' `CutoffRule` from it.
public struct CutoffSpelling: Sendable, Hashable, CustomStringConvertible {
    /// The rule, as written (Metrics' `CutoffRule` has one case for each).
    public enum Rule: Sendable, Hashable {
        case youden
        case bestF1
        case topContamination
        case topFraction(DecimalLiteral)
        case topCount(Int)
        case threshold(Double)
    }

    /// Why a text is not a cut-off rule.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The rule's text (after any `calibrated:`).
        public let text: String
        public let reason: String
        public var description: String { "invalid cut-off '\(text)': \(reason)" }
    }

    public let rule: Rule
    /// `calibrated:RULE`: RULE chooses the threshold on validation scores, applied to these.
    public let isCalibrated: Bool
    /// The spelling given.
    public let text: String

    public var description: String { text }

    public init(parsing text: String) throws(ParseError) {
        self.text = text
        var body = Substring(text)
        isCalibrated = body.hasPrefix("calibrated:")
        if isCalibrated { body = body.dropFirst("calibrated:".count) }
        if body.hasPrefix("top:"), let count = Int(body.dropFirst(4)), !body.contains("."), count >= 1 {
            rule = .topCount(count)
        } else {
            rule = try Self.rule(parsing: String(body))
        }
    }

    /// Parses one rule: `youden`, `best-f1`, `top:contamination`, `top:R` (an exact decimal
    /// fraction, e.g. `top:0.05`), `top-count:K` and `threshold:T` (a finite number).
    static func rule(parsing text: String) throws(ParseError) -> Rule {
        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        switch text {
        case "youden": return .youden
        case "best-f1": return .bestF1
        case "top:contamination": return .topContamination
        default:
            if text.hasPrefix("top:") {
                let fraction: DecimalLiteral
                do {
                    fraction = try DecimalLiteral(text.dropFirst(4))
                } catch {
                    // `top:contamnation`: a misspelt name, not a bad number.
                    if text.dropFirst(4).allSatisfy(\.isLetter) {
                        throw fail("expected top:contamination or top:R with R a fraction such as 0.05\(Spelling.suggestion(for: text, in: ["top:contamination"]))")
                    }
                    throw fail("the fraction must be a decimal such as 0.05 (\(error))")
                }
                // A whole number that is not a row count (top:K) because it is too large.
                if text.dropFirst(4).allSatisfy(\.isNumber), Int(text.dropFirst(4)) == nil {
                    throw fail("the count of rows must be at most \(Int.max)")
                }
                // A fraction outside (0, 1] would flag no row or clamp to every row: refuse it.
                guard fraction.numerator > 0, fraction.numerator <= fraction.denominator else {
                    throw fail("the fraction must be above 0 and at most 1, such as 0.05")
                }
                return .topFraction(fraction)
            } else if text.hasPrefix("top-count:") {
                guard let k = Int(text.dropFirst(10)), k >= 1 else { throw fail("the count must be a positive integer") }
                return .topCount(k)
            } else if text.hasPrefix("threshold:") {
                // Read as score files are (no hex floats, no spaces), so a threshold is any score.
                guard case .finite(let t) = DecimalParser.parse(String(text.dropFirst(10))) else {
                    throw fail("the threshold must be a finite decimal number such as 0.5 or -1.2e-3")
                }
                return .threshold(t)
            } else {
                throw fail("expected youden, best-f1, top:contamination, top:R (a fraction), top:K or top-count:K (a count of rows), threshold:T, or calibrated: before any of these\(Spelling.suggestion(for: text, in: ["youden", "best-f1", "top:contamination"]))")
            }
        }
    }
}
