import DataIO
import Datasets
import Recipe

/// Generates a recipe's dataset into a folder: the whole of `toolkit generate`.
public enum DatasetGeneration {
    public struct Options: Sendable {
        public var destination: String
        public var force = false
        public var compression: OutputCompression = .none
        public var quiet = false

        public init(destination: String, force: Bool = false, compression: OutputCompression = .none, quiet: Bool = false) {
            self.destination = destination
            self.force = force
            self.compression = compression
            self.quiet = quiet
        }
    }

    /// Writes the dataset atomically and returns its manifest. On any error the destination is
    /// left as it was (no partial folder).
    @discardableResult
    public static func run(_ recipe: Recipe, options: Options) throws -> Manifest {
        let generator = GeneratorRegistry.generator(for: recipe.generator)
        let context = GenerationContext(seed: recipe.seed)
        let writer = try DatasetWriter(destination: options.destination, force: options.force,
                                       columns: generator.columns, compression: options.compression,
                                       blockSize: recipe.blocks.size)
        do {
            let bar = ProgressBar("generating \(recipe.name)", total: generator.totalRows, quiet: options.quiet)
            let kinds = try generator.generate(into: writer, context: context) { bar.update($0) }
            bar.finish(generator.totalRows)
            let manifest = Manifest(
                recipeName: recipe.name, recipe: recipe, seed: recipe.seed, generator: generator.info,
                random: .init(algorithm: GenerationContext.algorithm, streams: context.streamNames),
                source: generator.source, compression: options.compression.rawValue, columns: generator.columns,
                counts: [:], anomalyKinds: kinds, files: [:])
            return try writer.finish(manifest)
        } catch {
            writer.discard()
            throw error
        }
    }
}
