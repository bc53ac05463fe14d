import DataIO
import Metrics

/// A cut-off as the user wrote it: a ``CutoffRule`` applied to the evaluated scores, or
/// `calibrated:RULE`, where RULE chooses the threshold on a validation score file and that
/// threshold is then applied to the evaluated scores.
///
/// Spellings: `youden`, `best-f1`, `top:contamination`, `top:R` with R a decimal fraction
/// (`top:0.2`: flag the 20 % highest scores), `top:K` with K a whole number of rows
/// (`top:500`; also `top-count:K`), `threshold:T`, and `calibrated:` followed by any of these.
public struct CutoffSpec: Sendable, Hashable, CustomStringConvertible {
    public let rule: CutoffRule
    public let isCalibrated: Bool
    /// The spelling given (used as the cut-off's name in every output).
    public let text: String

    public init(parsing text: String) throws {
        self.text = text
        var body = Substring(text)
        if body.hasPrefix("calibrated:") {
            isCalibrated = true
            body = body.dropFirst("calibrated:".count)
        } else {
            isCalibrated = false
        }
        if body.hasPrefix("top:"), let count = Int(body.dropFirst(4)), !body.contains("."), count >= 1 {
            rule = .topCount(count)
            return
        }
        do {
            rule = try CutoffRule(parsing: String(body))
        } catch {
            throw DataError("bad_cutoff", "invalid cut-off '\(text)': \(error.reason); also calibrated:RULE and top:K for a count of rows")
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
