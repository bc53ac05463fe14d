import DataIO
import Metrics
import Recipe

/// A cut-off as the user wrote it: a ``CutoffRule`` applied to the evaluated scores, or
/// `calibrated:RULE`, where RULE chooses the threshold on a validation score file and that
/// threshold is then applied to the evaluated scores.
///
/// Spellings: `youden`, `best-f1`, `top:contamination`, `top:R` with R a decimal fraction
/// (`top:0.2`: flag the 20 % highest scores), `top:K` with K a whole number of rows
/// (`top:500`; also `top-count:K`), `threshold:T`, and `calibrated:` followed by any of these;
/// read by `CutoffSpelling` (Recipe), the one parser recipes and the command line share.
public struct CutoffSpec: Sendable, Hashable, CustomStringConvertible {
    public let rule: CutoffRule
    public let isCalibrated: Bool
    /// The spelling given (used as the cut-off's name in every output).
    public let text: String

    public init(parsing text: String) throws {
        self.text = text
        let spelling: CutoffSpelling
        do throws(CutoffSpelling.ParseError) {
            spelling = try CutoffSpelling(parsing: text)
        } catch {
            throw DataError(.badCutoff, "invalid cut-off '\(text)': \(error.reason)")
        }
        isCalibrated = spelling.isCalibrated
        switch spelling.rule {
        case .youden: rule = .youden
        case .bestF1: rule = .bestF1
        case .topContamination: rule = .topContamination
        case .topFraction(let fraction):
            // The literal's scale is in 0...38 already, so this cannot fail.
            do { rule = .topFraction(try ExactDecimal(numerator: fraction.numerator, scale: fraction.scale)) } catch {
                throw DataError(.badCutoff, "invalid cut-off '\(text)': the fraction is too small to hold exactly")
            }
        case .topCount(let count): rule = .topCount(count)
        case .threshold(let t): rule = .threshold(t)
        }
    }

    /// Oracle or deployable, as the outputs label it.
    public var selection: CutoffSelection { isCalibrated ? .deployable : rule.selection }

    public var description: String { text }

    /// A rule applied to the evaluated scores, named by its own spelling.
    private init(_ rule: CutoffRule) {
        self.rule = rule
        isCalibrated = false
        text = rule.description
    }

    /// The default set when no `--cutoff` is given.
    public static let defaults: [CutoffSpec] = [CutoffSpec(.youden), CutoffSpec(.bestF1), CutoffSpec(.topContamination)]
}
