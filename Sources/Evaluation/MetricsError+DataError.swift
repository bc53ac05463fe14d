import DataIO
import Metrics

/// `Metrics` depends on nothing, so its errors become ``DataError``s here, where the evaluation
/// knows the file they are about. The switch is exhaustive: a new `MetricsError` case must say
/// which code (and so which exit code) it is.
extension MetricsError {
    /// The ``DataError/Code`` with this error's stable code (`single_class`, `delong_too_few`, …).
    var dataErrorCode: DataError.Code {
        switch self {
        case .empty: return .empty
        case .lengthMismatch: return .lengthMismatch
        case .nonFiniteScore: return .nonFiniteScore
        case .invalidLabel, .invalidPrediction: return .badLabel
        case .singleClass: return .singleClass
        case .delongTooFew: return .delongTooFew
        case .tooManyRows: return .tooManyRows
        case .invalidParameter: return .invalidParameter
        case .invalidWindow: return .badWindow
        }
    }

    /// The error as a `DataError` about `file` (single class, too few for DeLong, …).
    func dataError(file: String?) -> DataError {
        DataError(dataErrorCode, file: file, description)
    }
}
