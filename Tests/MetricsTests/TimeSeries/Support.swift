@testable import Metrics
import TestSupport

/// Shortcuts over `Fixtures/ts-metrics/vectors.json` for the time-series metric tests.
enum TS {
    static let seriesCases = TimeSeriesVectors.names(kind: "ts")
    static let errorCases = TimeSeriesVectors.names(kind: "error")
    static let windowCases = TimeSeriesVectors.names(kind: "window")

    static func expected(_ name: String) -> JSONValue { TimeSeriesVectors.vectorCase(name)["expected"]! }
    static func input(_ name: String) -> TimeSeriesVectors.Input { TimeSeriesVectors.input(name) }

    static func labels(_ name: String) throws -> SeriesLabels { try SeriesLabels(input(name).labels) }
    static func prediction(_ name: String) throws -> SeriesPrediction { try SeriesPrediction(flags: input(name).prediction) }
    static func curve(_ name: String) throws -> SeriesCurve {
        let x = input(name)
        return try SeriesCurve(scores: x.scores, labels: x.labels)
    }
}
