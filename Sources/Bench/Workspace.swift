import DataIO
import Datasets
import Detectors
import Foundation
import Generators
import Randomness
import Recipe

/// A folder of cached datasets and score files shared by `toolkit check` and `toolkit bench`:
/// a recipe's dataset is generated once per resolved recipe (keyed by a digest of its JSON) and
/// each (detector, parameters, seed) score file once per dataset (and, for machine-dependent
/// detectors, per OpenBLAS kernel set and thread count). Every file is written
/// atomically and score files carry their SHA-256 beside them, so an interrupted run leaves
/// only complete files and resumes where it stopped, and a changed file is recomputed.
public struct Workspace {
    public let root: String
    public var quiet: Bool
    public var log: (String) -> Void

    public init(root: String, quiet: Bool = false, log: @escaping (String) -> Void = { _ in }) {
        self.root = root
        self.quiet = quiet
        self.log = log
    }

    /// A loaded recipe and the key of its resolved form.
    public struct ResolvedRecipe {
        public let recipe: Recipe
        public let key: String
        public var name: String { recipe.name }
    }

    public func resolve(_ reference: String, overrides: [String]) throws -> ResolvedRecipe {
        let recipe = try RecipeLoader.load(reference, overrides: try overrides.map { try RecipeOverride(parsing: $0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return ResolvedRecipe(recipe: recipe, key: Self.digest(String(decoding: try encoder.encode(recipe), as: UTF8.self)))
    }

    /// Where `recipe`'s dataset lives in this workspace.
    public func datasetFolder(_ recipe: ResolvedRecipe) -> String {
        root + "/datasets/\(recipe.name)-\(recipe.key)"
    }

    /// The dataset folder of `recipe`, generated if missing.
    public func dataset(_ recipe: ResolvedRecipe) throws -> String {
        let folder = datasetFolder(recipe)
        try FileManager.default.createDirectory(atPath: root + "/datasets", withIntermediateDirectories: true)
        if !FileSystem.isRegularFile(folder + "/manifest.json") {
            log("generating \(recipe.name) into \(folder)")
            _ = try DatasetGeneration.run(recipe.recipe, options: .init(destination: folder, force: true, quiet: quiet))
        }
        return folder
    }

    /// Whether `folder` is a complete dataset whose every file matches its manifest's size and
    /// SHA-256 (the check `toolkit run-task` makes before skipping a finished unit).
    public static func datasetVerifies(_ folder: String) -> Bool {
        guard let dataset = try? DatasetFolder(folder), let files = dataset.manifest?.files, !files.isEmpty else { return false }
        return files.keys.allSatisfy { name in
            let path = dataset.file(name)
            return FileSystem.isRegularFile(path) && (try? dataset.verify(path)) != nil
        }
    }

    /// Generates `recipe`'s dataset unless a verified one is there; safe when several processes
    /// (on several machines sharing the folder) do it at once: each writes its own temporary
    /// folder, the first to finish publishes it, and the others, finding it there, check it
    /// and keep it. A folder that does not verify (changed, truncated) is replaced.
    /// Returns whether this call generated it.
    @discardableResult
    public func publishDataset(_ recipe: ResolvedRecipe) throws -> Bool {
        let folder = datasetFolder(recipe)
        if Self.datasetVerifies(folder) { return false }
        try FileManager.default.createDirectory(atPath: root + "/datasets", withIntermediateDirectories: true)
        let replace = FileSystem.exists(folder)
        log("generating \(recipe.name) into \(folder)")
        do {
            _ = try DatasetGeneration.run(recipe.recipe, options: .init(destination: folder, force: replace, quiet: quiet))
        } catch let error as DataError where error.code == .outputExists && Self.datasetVerifies(folder) {
            return false  // another process published the same dataset first
        }
        return true
    }

    /// The score file of one detector run on `recipe`'s dataset (its name, whether or not it
    /// exists). Machine-dependent detectors' files are named by the BLAS kernel set and thread
    /// count (`machine`, default this process's), since their scores change with them.
    public func scoresPath(_ recipe: ResolvedRecipe, detector: String, parameters: [String], seed: UInt64,
                           machine: String? = nil) throws -> String {
        let key = Self.digest(([detector] + parameters).joined(separator: " "))
        let tag = try DetectorRegistry.info(named: detector).reproducibility == .machineDependent ? "-" + (machine ?? MachineFacts.resultTag) : ""
        return root + "/scores/\(recipe.name)-\(recipe.key)/\(detector)-\(key)\(tag)-seed\(seed).csv"
    }

    /// Whether a cached score file is complete and unchanged: its `.sha256` companion (written
    /// after the file) names its digest.
    public static func scoresVerify(_ file: String) -> Bool {
        guard FileSystem.isRegularFile(file), let recorded = try? FileSystem.readText(file + ".sha256"),
              let actual = try? FileSystem.sha256(of: file) else { return false }
        return recorded.trimmingCharacters(in: .whitespacesAndNewlines) == actual
    }

    /// The score file of one detector run on `recipe`'s dataset, computed unless a verified one
    /// is there. The file is written atomically, then its SHA-256 beside it (`FILE.sha256`), so a
    /// file without a matching digest (killed between the two, changed since) is recomputed.
    /// `existingOnly`: never compute; a missing file is an error (`bench --collect`).
    public func scores(_ recipe: ResolvedRecipe, dataset: String, detector: String, parameters: [String], seed: UInt64,
                       existingOnly: Bool = false) throws -> String {
        let file = try scoresPath(recipe, detector: detector, parameters: parameters, seed: seed)
        if Self.scoresVerify(file) { return file }
        if existingOnly {
            throw DataError(.missingResult, file: file, "\(detector) on \(recipe.name), seed \(seed) has not run (or its file does not match its .sha256)")
        }
        try FileManager.default.createDirectory(atPath: FileSystem.parent(of: file), withIntermediateDirectories: true)
        log("\(detector) on \(recipe.name), seed \(seed)")
        var detection = DetectionRun(dataset: dataset, detector: detector)
        detection.parameters = parameters
        detection.seed = seed
        detection.quiet = true
        let output = try detection.run()
        try DetectionRun.writeScores(output, to: file)
        // A detector's block scores (amad) beside its scores, before the digest that marks the cell done.
        if let blocks = output.blockScores { try DetectionRun.writeBlockScores(blocks, to: DetectionRun.blocksPath(of: file)) }
        try FileSystem.writeAtomically(try FileSystem.sha256(of: file) + "\n", to: file + ".sha256")
        return file
    }

    /// A short stable digest of a text (FNV-1a, 64 bits, hex), naming cached files.
    static func digest(_ text: String) -> String {
        String(SeedDerivation.fnv1a64(text), radix: 16)
    }
}
