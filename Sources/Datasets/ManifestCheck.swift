import DataIO
import Foundation

/// Checks a dataset folder's files against what its `manifest.json` records (size and SHA-256),
/// so a file changed after `toolkit generate` wrote it is an error rather than silently other
/// data. Used by every command that reads a dataset folder (`detect`, `evaluate --dataset`).
public enum ManifestCheck {
    /// Compares `path` with the size and SHA-256 that the manifest of `folder` records for it.
    /// Nothing is checked when the folder has no manifest or the manifest records no entry for
    /// the file (hand-made folders).
    public static func verify(_ path: String, folder: String) throws {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = object["files"] as? [String: Any],
              let entry = files[FileSystem.lastComponent(of: path)] as? [String: Any],
              let expected = entry["sha256"] as? String else { return }
        let changed = "was changed after `toolkit generate` wrote it (regenerate it, or pass --no-verify to read it anyway)"
        if let bytes = entry["bytes"] as? Int, let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int,
           size != bytes {
            throw DataError("checksum_mismatch", file: path, "\(size) bytes where manifest.json records \(bytes): the file \(changed)")
        }
        guard try FileSystem.sha256(of: path) == expected else {
            throw DataError("checksum_mismatch", file: path, "its SHA-256 differs from manifest.json's: the file \(changed)")
        }
    }
}
