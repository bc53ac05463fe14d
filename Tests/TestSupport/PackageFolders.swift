import Foundation

/// The package's folders, found from this file's location (`Tests/TestSupport/`), so that tests
/// run from any working directory.
public enum PackageFolders {
    /// The package root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    /// `<package root>/Fixtures`: small files the tests read.
    public static let fixtures = root.appendingPathComponent("Fixtures").path

    /// `<package root>/Recipes`: the bundled recipes.
    public static let recipes = root.appendingPathComponent("Recipes").path

    /// The real UCI files, when present (never needed to build or to pass the tests):
    /// `TOOLKIT_SHARED_DATA` when set (a clone elsewhere, such as CI's, can point at them),
    /// else `../shared/data` beside the package.
    public static let sharedData = ProcessInfo.processInfo.environment["TOOLKIT_SHARED_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        ?? root.deletingLastPathComponent().appendingPathComponent("shared/data").path
}

/// `<package root>/Fixtures/<relative>`.
public func fixture(_ relative: String) -> String {
    URL(fileURLWithPath: PackageFolders.fixtures).appendingPathComponent(relative).path
}

/// `<package root>/Recipes`.
public func recipesFolder() -> String { PackageFolders.recipes }

/// `../shared/data/<name>` beside the package (it may not exist: see ``haveSharedData``).
public func sharedData(_ name: String) -> String {
    URL(fileURLWithPath: PackageFolders.sharedData).appendingPathComponent(name).path
}

/// Whether the real UCI files are available (tests that need them skip, saying so, otherwise).
public let haveSharedData = FileManager.default.fileExists(atPath: sharedData("SHA256SUMS"))
