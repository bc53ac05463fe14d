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
        /// Write only shard `index` (0-based) of `count`.
        public var shard: (index: Int, count: Int)?

        public init(destination: String, force: Bool = false, format: DatasetFormat = .csv, quiet: Bool = false,
                    shard: (index: Int, count: Int)? = nil) {
            self.destination = destination
            self.force = force
            self.format = format
            self.quiet = quiet
            self.shard = shard
        }
    }

    /// Parses `--shard i/n` (1-based i, as batch schedulers number tasks: 1/4 ... 4/4) into a
    /// 0-based index and a count.
    public static func parseShard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw DataError(.usage, "--shard \(text): expected i/n with 1 <= i <= n (for example 2/8)")
        }
        return (i - 1, n)
    }

    /// Runs above this many rows announce their expected duration on stderr first.
    public static let largeRunRows = 100_000_000

    /// Writes the dataset atomically and returns its manifest. On any error the destination is
    /// left as it was (no partial folder).
    @discardableResult
    public static func run(_ recipe: Recipe, options: Options) throws -> Manifest {
        let context = GenerationContext(seed: recipe.seed)
        let generator = try GeneratorRegistry.generator(for: recipe.generator, context: context)
        let layout = try FeatureLayout(inputs: generator.columns, options: recipe.output,
                                       trainStatistics: recipe.output.scale == .none ? [:] : generator.trainStatistics)
        var rows = 0..<generator.totalRows
        var shardable: (any ShardableGenerator)?
        if let shard = options.shard {
            guard let s = generator as? any ShardableGenerator else {
                throw DataError(.usage, "--shard: the \(recipe.generator.kind) generator cannot write shards (\(GeneratorRegistry.shardableKinds.joined(separator: " and ")) can)")
            }
            shardable = s
            rows = s.rows(ofShard: shard.index, of: shard.count)
        }
        if rows.count > Self.largeRunRows && !options.quiet {
            // Say what a very large run will take before it starts (zigzag writes about 2.5
            // million rows and 100 MB a second on 2 cores; behaviour logs and tables fewer).
            let minutes = Double(rows.count) / 2.5e6 / 60
            let at = Int(minutes.rounded(.up))
            StandardError.write("toolkit: generating \(Thousands.grouped(rows.count)) rows: at least \(at) minute\(at == 1 ? "" : "s") and several GB; "
                                + (generator is any ShardableGenerator ? "--shard i/n splits the work" : "Ctrl-C stops it and leaves nothing") + "\n")
        }
        let writer = try DatasetWriter(destination: options.destination, force: options.force, layout: layout,
                                       format: options.format, blockSize: recipe.blocks.size)
        do {
            let bar = ProgressBar("generating \(recipe.name)", total: rows.count, quiet: options.quiet)
            let kinds: [String: JSONValue]
            if let shardable {
                kinds = try shardable.generate(into: writer, context: context, rows: rows) { bar.update($0) }
            } else {
                kinds = try generator.generate(into: writer, context: context) { bar.update($0) }
            }
            bar.finish(rows.count)
            var manifest = Manifest(
                recipeName: recipe.name, recipe: recipe, seed: recipe.seed, generator: generator.info,
                random: .init(algorithm: GenerationContext.algorithm, streams: context.streamNames),
                source: generator.source, format: options.format.rawValue, columns: layout.outputs,
                counts: [:], anomalyKinds: kinds, files: [:])
            manifest.sourceFile = generator.sourceFile
            let statistics = generator.statistics
            if !statistics.isEmpty { manifest.statistics = statistics }
            if let shard = options.shard {
                manifest.shard = .init(index: shard.index, count: shard.count, firstRow: rows.lowerBound, rows: rows.count)
            }
            return try writer.finish(manifest)
        } catch {
            writer.discard()
            throw error
        }
    }
}
