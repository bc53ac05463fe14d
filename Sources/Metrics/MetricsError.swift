/// The errors of the `Metrics` module.
///
/// Every function of the module that can meet bad input throws one of these instead of
/// trapping: an empty or single-class input, a NaN or infinite score, arrays of different
/// lengths, or a parameter out of its domain. ``code`` gives the stable error code of
/// `Fixtures/metrics/SPEC.md` §2 / §5.1 where the specification names one (`single_class`, `delong_too_few`), and
/// those of the `Fixtures/ts-metrics/SPEC.md` §1 (`single_class`, `non_finite_score`, `length_mismatch`,
/// `bad_label`, `bad_window`).
public enum MetricsError: Error, Equatable, Hashable, Sendable {
    /// No instances at all.
    case empty
    /// `scores` and `labels` (or two paired arrays) do not have the same length.
    case lengthMismatch(expected: Int, actual: Int)
    /// The score at `index` is NaN or ±∞ (the caller should have rejected it; `Fixtures/metrics/SPEC.md` §2.3).
    case nonFiniteScore(index: Int)
    /// A `UInt8` label at `index` is neither 0 nor 1.
    case invalidLabel(index: Int)
    /// All labels are of one class (P = 0 or N = 0): AUROC and AP are undefined (`Fixtures/metrics/SPEC.md` §2.8).
    case singleClass(positives: Int, count: Int)
    /// DeLong's variance needs at least two anomalies and two normals (`Fixtures/metrics/SPEC.md` §5.1).
    case delongTooFew(positives: Int, negatives: Int)
    /// More rows than the exact integer paths support (see the type that throws it).
    case tooManyRows(count: Int, limit: Int)
    /// A parameter outside its domain, e.g. a block size < 1 or a confidence level ∉ (0, 1).
    case invalidParameter(name: String, reason: String)
    /// A prediction (flag) at `index` is neither 0 nor 1 (`Fixtures/ts-metrics/SPEC.md` §1, code `bad_label`).
    case invalidPrediction(index: Int)
    /// A sliding window below 0 (`Fixtures/ts-metrics/SPEC.md` §1, code `bad_window`).
    case invalidWindow(Int)

    /// The specification's error code where it has one, otherwise a descriptive code.
    public var code: String {
        switch self {
        case .empty: return "empty"
        case .lengthMismatch: return "length_mismatch"
        case .nonFiniteScore: return "non_finite_score"
        case .invalidLabel: return "bad_label"
        case .singleClass: return "single_class"
        case .delongTooFew: return "delong_too_few"
        case .tooManyRows: return "too_many_rows"
        case .invalidParameter: return "invalid_parameter"
        case .invalidPrediction: return "bad_label"
        case .invalidWindow: return "bad_window"
        }
    }
}

extension MetricsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty:
            return "empty: no instances"
        case .lengthMismatch(let expected, let actual):
            return "length_mismatch: expected \(expected) values, got \(actual)"
        case .nonFiniteScore(let index):
            return "non_finite_score: the score at index \(index) is NaN or infinite"
        case .invalidLabel(let index):
            return "bad_label: the label at index \(index) is not 0 or 1"
        case .singleClass(let positives, let count):
            return "single_class: \(positives) anomalies among \(count) instances; AUROC/AP undefined"
        case .delongTooFew(let positives, let negatives):
            return "delong_too_few: DeLong needs >= 2 anomalies and >= 2 normals, got \(positives) and \(negatives)"
        case .tooManyRows(let count, let limit):
            return "too_many_rows: \(count) rows, at most \(limit) supported"
        case .invalidParameter(let name, let reason):
            return "invalid_parameter: \(name): \(reason)"
        case .invalidPrediction(let index):
            return "bad_label: the prediction at index \(index) is not 0 or 1"
        case .invalidWindow(let window):
            return "bad_window: the sliding window must be an integer >= 0, got \(window)"
        }
    }
}
