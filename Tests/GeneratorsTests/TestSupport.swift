import Foundation

/// The package's `Fixtures/` folder, found from this file's location.
func fixture(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

/// A fresh empty temporary folder.
func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "toolkit-tests-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

import DataIO

/// All records of a CSV file (header included) as strings.
func readCSV(_ path: String) throws -> [[String]] {
    var rows: [[String]] = []
    try CSVReader(path: path).forEachRecord { r in rows.append((0..<r.count).map { r.string($0) }) }
    return rows
}

/// The shared real-data folder (`../shared/data` beside the package), if present.
func sharedData(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data").appendingPathComponent(name).path
}

/// Whether the real UCI files are available (tests that need them skip, saying so, otherwise).
let haveSharedData = FileManager.default.fileExists(atPath: sharedData("SHA256SUMS"))
