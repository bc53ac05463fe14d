import DataIO
import Metrics
import Testing
@testable import Evaluation

@Suite struct MetricsErrorDataErrorTests {
    static let all: [MetricsError] = [
        .empty, .lengthMismatch(expected: 2, actual: 1), .nonFiniteScore(index: 0), .invalidLabel(index: 1),
        .singleClass(positives: 0, count: 3), .delongTooFew(positives: 1, negatives: 5),
        .tooManyRows(count: 10, limit: 5), .invalidParameter(name: "level", reason: "must be in (0, 1)"),
        .invalidPrediction(index: 2), .invalidWindow(-1),
    ]

    /// A metric error keeps its specification's code when it becomes a `DataError`.
    @Test func theCodeIsTheSpecificationsCode() {
        for error in Self.all {
            #expect(error.dataErrorCode.rawValue == error.code, "\(error)")
        }
    }

    @Test func dataErrorNamesTheFile() {
        let error = MetricsError.singleClass(positives: 0, count: 3).dataError(file: "labels.csv")
        #expect(error.code == .singleClass && error.code.category == .data)
        #expect(error.description == "labels.csv: single_class: 0 anomalies among 3 instances; AUROC/AP undefined")
        #expect(MetricsError.invalidWindow(-1).dataError(file: nil).code.category == .usage)
    }
}
