import Foundation
import Synchronization
import Testing

/// The time-series metric vectors in `Fixtures/ts-metrics/vectors.json` (a copy of
/// `shared/reference/ts-metrics/vectors.json`: 47 series cases, 3 error cases, 7 window cases;
/// the expected values of TSB-AD 1.5, vus 0.0.6, prts 1.0.0.3 and tadpak 0.3.3).
public enum TimeSeriesVectors {
    /// `<package root>/Fixtures/ts-metrics`.
    public static let directory = ReferenceVectors.fixtures + "/ts-metrics"

    /// The parsed `vectors.json`.
    public static let document: JSONValue = {
        guard let data = FileManager.default.contents(atPath: directory + "/vectors.json") else {
            fatalError("missing Fixtures/ts-metrics/vectors.json")
        }
        do { return try JSONValue.parse([UInt8](data)) } catch { fatalError("ts-metrics vectors.json: \(error)") }
    }()

    /// The names of every case of one kind (`ts`, `error`, `window`).
    public static func names(kind: String) -> [String] {
        (document["cases"]?.array ?? []).filter { $0["kind"]?.string == kind }.compactMap { $0["name"]?.string }
    }

    private static let byName: [String: JSONValue] = {
        var out: [String: JSONValue] = [:]
        for c in document["cases"]?.array ?? [] { if let name = c["name"]?.string { out[name] = c } }
        return out
    }()

    /// One case by name.
    public static func vectorCase(_ name: String) -> JSONValue {
        guard let found = byName[name] else { fatalError("no case \(name)") }
        return found
    }

    /// A case's input arrays (`"nan"` becomes NaN).
    public struct Input: Sendable {
        public let scores: [Double]
        public let labels: [UInt8]
        public let prediction: [UInt8]
        public let window: Int
        public let perWindow: Bool
    }

    private static let cache = Mutex<[String: Input]>([:])

    /// The scores, labels and prediction of a `ts` or `error` case, parsed once.
    public static func input(_ name: String) -> Input {
        if let hit = cache.withLock({ $0[name] }) { return hit }
        let c = vectorCase(name)
        let input = c["input"]!
        let value = Input(
            scores: (input["score"]?.array ?? []).map { number($0) },
            labels: (input["label"]?.array ?? []).map { UInt8($0.int!) },
            prediction: (input["pred"]?.array ?? []).map { UInt8($0.int!) },
            window: c["params"]?["sliding_window"]?.int ?? 0,
            perWindow: c["params"]?["per_window"]?.bool ?? false)
        cache.withLock { $0[name] = value }
        return value
    }

    /// A number of the vectors: a JSON number, or the string `"nan"`.
    public static func number(_ value: JSONValue) -> Double {
        if value.string == "nan" { return .nan }
        guard let v = value.double else { fatalError("not a number: \(value)") }
        return v
    }

    /// The largest deviation seen by ``expectMatches(_:_:_:sourceLocation:)`` in this process.
    public static let maximumDeviation = Mutex<Double>(0)
}

/// `actual` against a vectors value (a number, or `"nan"` which only NaN matches), within
/// `tolerance`·max(1, |expected|): 1e-12, relative where values are large. Records the
/// deviation in ``TimeSeriesVectors/maximumDeviation``.
public func expectMatches(
    _ actual: Double, _ expected: JSONValue?, tolerance: Double = 1e-12, _ what: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let expected else {
        Issue.record("\(what()): no expected value", sourceLocation: sourceLocation)
        return
    }
    let e = TimeSeriesVectors.number(expected)
    if e.isNaN {
        #expect(actual.isNaN, "\(what()): got \(actual), expected NaN", sourceLocation: sourceLocation)
        return
    }
    let deviation = abs(actual - e)
    TimeSeriesVectors.maximumDeviation.withLock { $0 = max($0, deviation.isNaN ? .infinity : deviation) }
    #expect(deviation <= tolerance * max(1, abs(e)), "\(what()): got \(actual), expected \(e) (deviation \(deviation))",
            sourceLocation: sourceLocation)
}
