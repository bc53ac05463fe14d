import Foundation

/// The package's `Fixtures/` folder and the metric reference vectors in `Fixtures/metrics/`
/// (a copy of `shared/reference/metrics/`), shared by the test targets.
public enum ReferenceVectors {
    /// `<package root>/Fixtures`.
    public static let fixtures = PackageFolders.fixtures

    /// The vectors' tolerance: a computed value passes within 1e-12 of the reference.
    public static let tolerance = 1e-12

    /// `<package root>/Fixtures/metrics`.
    public static let metrics = fixtures + "/metrics"

    /// The parsed `vectors.json`.
    public static let document: JSONValue = {
        guard let data = FileManager.default.contents(atPath: metrics + "/vectors.json") else {
            fatalError("missing Fixtures/metrics/vectors.json")
        }
        do { return try JSONValue.parse([UInt8](data)) } catch { fatalError("vectors.json: \(error)") }
    }()

    /// The names of every case of one kind (`instance`, `error`, `delong`, `runs`, `bootstrap`).
    public static func names(kind: String) -> [String] {
        (document["cases"]?.array ?? []).filter { $0["kind"]?.string == kind }.compactMap { $0["name"]?.string }
    }

    /// One case by name.
    public static func vectorCase(_ name: String) -> JSONValue {
        guard let found = (document["cases"]?.array ?? []).first(where: { $0["name"]?.string == name }) else {
            fatalError("no case \(name)")
        }
        return found
    }
}
