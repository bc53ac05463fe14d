import ArgumentParser
import Bench
import DataIO
import Foundation
import Datasets
import Generators
import Recipe

/// `toolkit generate RECIPE`: writes a dataset folder from a recipe.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a dataset from a recipe.",
        discussion: """
            Writes train.csv, test.csv, labels.csv (id,split,label,kind,block) and manifest.json into \
            the output folder, atomically: the folder appears complete or not at all. The same recipe \
            and seed always give byte-identical files.

            Examples:
              toolkit generate zigzag --out /tmp/zigzag
              toolkit generate zigzag --out /tmp/zz --seed 7 \\
                  --set generator.noise.fraction=0.2
              toolkit generate my-recipe.yaml --out data/ --format csv.gz --force
              toolkit generate behaviour-logs-paper --shards 8 --plan gen.jsonl --out blp

            --plan FILE --shards N writes the generation as units of work and runs nothing: N \
            shards (into --parts, default OUT.parts) then their join into OUT, each run by \
            `toolkit run-task FILE --index I` on any engine (see toolkit bench --plan).
            """
    )

    @OptionGroup var recipe: RecipeOptions

    @Option(name: .shortAndLong, help: "Output folder (default: ./RECIPE-NAME). Refused if it exists, unless --force.")
    var out: String?

    @Flag(help: "Replace the output folder if it exists (only once the new one is complete).")
    var force = false

    @Option(help: "The real data file for a table recipe (plain or compressed), instead of its look-alike (same as --set generator.source.file=FILE); for ecg5000, the folder holding ECG5000_TRAIN and ECG5000_TEST (without it, a simulated look-alike); for tsb-ad-series and ucr-anomaly, the series file; for adbench, the .npz file.")
    var source: String?

    @Option(help: "File format: csv, csv.gz (gzip through libarchive), npy (float64 matrices for numpy.load), or amad (the AMAD authors' line format: train.txt, test.txt).")
    var format: DatasetFormat = .csv

    @Option(help: ArgumentHelp("Write only shard i of n (1-based): exactly the rows the whole run puts there, so shards can be made in parallel and joined with `toolkit join-shards` (behaviour_logs and solar_pv recipes).", valueName: "i/n"))
    var shard: String?

    @Option(help: ArgumentHelp("Write the generation as a task plan of --shards units and their join (JSON Lines) and run nothing.", valueName: "file"))
    var plan: String?

    @Option(help: ArgumentHelp("With --plan: the number of shards.", valueName: "n"))
    var shards: Int?

    @Option(help: ArgumentHelp("With --plan: the folder of the shards' folders (default: OUT.parts).", valueName: "dir"))
    var parts: String?

    @Option(help: "Categorical columns as integer ids (values) or one 0/1 column per value (onehot). Overrides output.encode.")
    var encode: OutputSpec.Encoding?

    @Option(help: "Numeric columns as they are (none), scaled to [0, 1] (minmax) or standardized (standard), with training-row statistics. Overrides output.scale.")
    var scale: OutputSpec.Scaling?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if plan != nil {
            guard let shards, shards >= 1 else { throw ValidationError("--plan needs --shards N (N >= 1): the number of shards to plan") }
            if shard != nil { throw ValidationError("--plan plans every shard; drop --shard") }
        } else {
            if shards != nil { throw ValidationError("--shards N goes with --plan FILE (one shard alone: --shard i/n)") }
            if parts != nil { throw ValidationError("--parts goes with --plan FILE") }
        }
    }

    func run() throws {
        var extra: [String] = []
        if let encode { extra.append("output.encode=\(encode.rawValue)") }
        if let scale { extra.append("output.scale=\(scale.rawValue)") }
        var resolved = try recipe.load(extraOverrides: extra)
        if let source {
            guard let key = type(of: resolved.generator.parameters).sourceKey else {
                throw ValidationError("--source applies to the recipes that read a file: table recipes (connect4, kddcup99, arrhythmia, or kind: table), ecg5000, the series-file recipes (tsb-ad-series, ucr-anomaly) and adbench; \(resolved.name) has no source file")
            }
            extra.append("\(key)=\(RecipeOptions.yamlQuoted(source))")
            resolved = try recipe.load(extraOverrides: extra)
        }
        let destination = out ?? resolved.name
        if let plan, let shards {
            let spec = GenerationPlan.Spec(recipe: recipe.recipe, overrides: recipe.overrides + extra, seed: recipe.seed,
                                           format: format.rawValue, out: destination, parts: parts ?? destination + ".parts", shards: shards,
                                           force: force)
            let made = try GenerationPlan.make(spec, planFile: plan, cwd: FileManager.default.currentDirectoryPath, build: BenchCommand.currentBuild())
            try FileSystem.writeAtomically(try made.jsonLines(), to: plan)
            print("wrote \(plan): \(made.tasks.count) tasks: \(shards) shards (0-\(shards - 1)) into \(spec.parts), the join into \(destination) (\(shards))")
            print("run each with: toolkit run-task \(CommandLineText.quote(plan)) --index I (the shards in any order, then the join)")
            return
        }
        let manifest = try DatasetGeneration.run(resolved, options: .init(
            destination: destination, force: force, format: format, quiet: quiet,
            shard: try shard.map { try DatasetGeneration.parseShard($0) }))
        print(Summary.text(manifest, destination: destination))
    }
}

extension DatasetFormat: ExpressibleByArgument {}
extension OutputSpec.Encoding: ExpressibleByArgument {}
extension OutputSpec.Scaling: ExpressibleByArgument {}

/// The few lines `generate` prints: where, what, how many.
enum Summary {
    static func text(_ manifest: Manifest, destination: String) -> String {
        var lines = ["wrote \(destination) (recipe \(manifest.recipeName), seed \(manifest.seed), \(manifest.source))"]
        if let shard = manifest.shard {
            lines.append(shard.rows == 0
                ? "  shard \(shard.index + 1)/\(shard.count): no rows (the whole dataset has fewer rows than shards)"
                : "  shard \(shard.index + 1)/\(shard.count): rows \(grouped(shard.firstRow))..\(grouped(shard.firstRow + shard.rows - 1)) of the whole dataset")
        }
        if let file = manifest.sourceFile {
            lines.append("  source: \(file.name), \(file.description)")
        }
        lines.append("  columns: \(manifest.columns.count) feature\(manifest.columns.count == 1 ? "" : "s")")
        lines += countLines(manifest.counts)
        return lines.joined(separator: "\n")
    }

    /// One line per split: rows, anomalies (by kind), blocks.
    static func countLines(_ counts: [String: Manifest.SplitCounts]) -> [String] {
        var lines: [String] = []
        for split in Split.allCases {
            guard let c = counts[split.rawValue] else { continue }
            var line = "  \(split.rawValue.padding(10)) \(grouped(c.rows).leftPadding(11)) rows \(grouped(c.anomalies).leftPadding(9)) anomalies"
            if !c.byKind.isEmpty {
                line += " (" + c.byKind.sorted { $0.key < $1.key }.map { "\($0.key) \(grouped($0.value))" }.joined(separator: ", ") + ")"
            }
            if c.blocks > 0 { line += ", \(grouped(c.blocks)) block\(c.blocks == 1 ? "" : "s") (\(grouped(c.anomalousBlocks)) anomalous)" }
            lines.append(line)
        }
        return lines
    }

    static func grouped(_ n: Int) -> String { Thousands.grouped(n) }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
