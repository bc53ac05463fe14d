import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one folder that holds every temporary path of this test process:
/// `<system temporary folder>/toolkit-tests-<pid>-<UUID>`, created on first use and removed, with
/// everything in it, when the process exits. Before it, each test left its folders in the system's
/// temporary folder, and every run of the suite added hundreds of them.
public let testProcessFolder: String = {
    let root = NSTemporaryDirectory() + "toolkit-tests-\(getpid())-" + UUID().uuidString
    do {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    } catch {
        fatalError("cannot create the temporary folder \(root): \(error)")
    }
    atexit { removeTestProcessFolder() }
    return root
}()

/// Removes ``testProcessFolder`` (at exit; also callable by a test of this cleanup). Leaves it
/// when `TOOLKIT_KEEP_TEST_FILES=1`, to look at what the tests wrote.
public func removeTestProcessFolder() {
    if let keep = getenv("TOOLKIT_KEEP_TEST_FILES"), String(cString: keep) == "1" { return }
    try? FileManager.default.removeItem(atPath: testProcessFolder)
}

/// A fresh path in ``testProcessFolder``, `<prefix><UUID><suffix>`, that nothing uses yet
/// (nothing is created).
public func temporaryPath(prefix: String = "toolkit-tests-", suffix: String = "") -> String {
    testProcessFolder + "/" + prefix + UUID().uuidString + suffix
}

/// A fresh empty folder in ``testProcessFolder``, `<prefix><UUID>`.
public func temporaryFolder(prefix: String = "toolkit-tests-") -> String {
    let path = temporaryPath(prefix: prefix)
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        fatalError("cannot create the temporary folder \(path): \(error)")
    }
    return path
}
