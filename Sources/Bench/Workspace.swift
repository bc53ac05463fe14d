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
/// atomically, so an interrupted run leaves only complete files and resumes where it stopped.
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

    /// The dataset folder of `recipe`, generated if missing.
    public func dataset(_ recipe: ResolvedRecipe) throws -> String {
        let datasets = root + "/datasets"
        let folder = datasets + "/\(recipe.name)-\(recipe.key)"
        try FileManager.default.createDirectory(atPath: datasets, withIntermediateDirectories: true)
        if !FileSystem.isRegularFile(folder + "/manifest.json") {
            log("generating \(recipe.name) into \(folder)")
            _ = try DatasetGeneration.run(recipe.recipe, options: .init(destination: folder, force: true, quiet: quiet))
        }
        return folder
    }

    /// The score file of one detector run on `recipe`'s dataset, computed if missing.
    public func scores(_ recipe: ResolvedRecipe, dataset: String, detector: String, parameters: [String], seed: UInt64) throws -> String {
        let folder = root + "/scores/\(recipe.name)-\(recipe.key)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let key = Self.digest(([detector] + parameters).joined(separator: " "))
        // A machine-dependent detector's scores change with the BLAS kernel set and thread count:
        // a cached file is reused only under the same ones.
        let machine = try DetectorRegistry.info(named: detector).reproducibility == .machineDependent ? "-" + MachineFacts.resultTag : ""
        let file = folder + "/\(detector)-\(key)\(machine)-seed\(seed).csv"
        if !FileSystem.isRegularFile(file) {
            log("\(detector) on \(recipe.name), seed \(seed)")
            var detection = DetectionRun(dataset: dataset, detector: detector)
            detection.parameters = parameters
            detection.seed = seed
            detection.quiet = true
            try DetectionRun.writeScores(try detection.run(), to: file)
        }
        return file
    }

    /// A short stable digest of a text (FNV-1a, 64 bits, hex), naming cached files.
    static func digest(_ text: String) -> String {
        String(SeedDerivation.fnv1a64(text), radix: 16)
    }
}
