import Foundation

/// Writes `text` to `folder/name` and returns the path.
func writeTextFile(_ text: String, _ name: String, in folder: String) -> String {
    let path = folder + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
}
