import DataIO
import Datasets
import Recipe

/// Generates a recipe's dataset into a folder: the whole of `toolkit generate`.
public enum DatasetGeneration {
    public struct Options: Sendable {
        public var destination: String
        public var force = false
        public var format: DatasetFormat = .csv
        public var quiet = false

        public init(destination: String, force: Bool = false, format: DatasetFormat = .csv, quiet: Bool = false) {
            self.destination = destination
            self.force = force
            self.format = format
            self.quiet = quiet
        }
    }

    /// Writes the dataset atomically and returns its manifest. On any error the destination is
    /// left as it was (no partial folder).
    @discardableResult
    public static func run(_ recipe: Recipe, options: Options) throws -> Manifest {
        let context = GenerationContext(seed: recipe.seed)
        let generator = try GeneratorRegistry.generator(for: recipe.generator, context: context)
        let layout = try FeatureLayout(inputs: generator.columns, options: recipe.output,
                                       trainStatistics: recipe.output.scale == .none ? [:] : generator.trainStatistics)
        let writer = try DatasetWriter(destination: options.destination, force: options.force, layout: layout,
                                       format: options.format, blockSize: recipe.blocks.size)
        do {
            let bar = ProgressBar("generating \(recipe.name)", total: generator.totalRows, quiet: options.quiet)
            let kinds = try generator.generate(into: writer, context: context) { bar.update($0) }
            bar.finish(generator.totalRows)
            var manifest = Manifest(
                recipeName: recipe.name, recipe: recipe, seed: recipe.seed, generator: generator.info,
                random: .init(algorithm: GenerationContext.algorithm, streams: context.streamNames),
                source: generator.source, format: options.format.rawValue, columns: layout.outputs,
                counts: [:], anomalyKinds: kinds, files: [:])
            manifest.sourceFile = generator.sourceFile
            return try writer.finish(manifest)
        } catch {
            writer.discard()
            throw error
        }
    }
}
