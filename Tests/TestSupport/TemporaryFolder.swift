import Foundation

/// A fresh path in the system's temporary folder, `<prefix><UUID><suffix>`, that nothing uses
/// yet (nothing is created).
public func temporaryPath(prefix: String = "toolkit-tests-", suffix: String = "") -> String {
    NSTemporaryDirectory() + prefix + UUID().uuidString + suffix
}

/// A fresh empty folder in the system's temporary folder, `<prefix><UUID>`.
public func temporaryFolder(prefix: String = "toolkit-tests-") -> String {
    let path = temporaryPath(prefix: prefix)
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        fatalError("cannot create the temporary folder \(path): \(error)")
    }
    return path
}
