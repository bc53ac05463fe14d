import Foundation

/// `<package root>/Fixtures/<relative>` decoded from JSON; a missing or malformed fixture stops
/// the tests with its path and the decoding error.
public func decodedFixture<T: Decodable>(_ relative: String, as type: T.Type = T.self) -> T {
    let path = fixture(relative)
    do {
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        fatalError("cannot read \(path): \(error)")
    }
}
