import ArgumentParser
import DataIO
import Generators

/// `toolkit join-shards PART...`: joins the shard folders of `generate --shard i/n` into the
/// dataset one `generate` run writes, byte for byte.
struct JoinShards: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join-shards",
        abstract: "Join the shards of `generate --shard i/n` into the whole dataset, byte for byte.",
        discussion: """
            Checks that the folders are shards 1/n ... n/n of one run (the same resolved recipe, \
            seed, toolkit version, format and n, each shard once, in any order) and that every file \
            matches its manifest's SHA-256; then writes each file with the header once, the \
            compressed ones compressed again as one stream, and the manifest the whole run \
            writes: the files equal those of `toolkit generate RECIPE` byte for byte. The \
            output folder appears complete or not at all.

            Examples:
              toolkit generate behaviour-logs-paper --shard 1/2 --out part1
              toolkit generate behaviour-logs-paper --shard 2/2 --out part2
              toolkit join-shards part1 part2 --out blp
              toolkit join-shards parts/* --out blp --force
            """
    )

    @Argument(help: ArgumentHelp("The shard folders written by `toolkit generate --shard i/n` (all of 1/n ... n/n, any order).",
                                 valueName: "part-dir"))
    var parts: [String] = []

    @Option(name: .shortAndLong, help: "Output folder (default: ./RECIPE-NAME). Refused if it exists, unless --force.")
    var out: String?

    @Flag(help: "Replace the output folder if it exists (only once the new one is complete).")
    var force = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if parts.isEmpty {
            throw ValidationError("give the shard folders to join (those of toolkit generate --shard 1/n ... n/n)")
        }
    }

    func run() throws {
        let result = try ShardJoin.run(parts: parts, options: .init(destination: out, force: force, quiet: quiet))
        var lines = ["wrote \(result.destination) (recipe \(result.recipeName), seed \(result.seed), \(result.source))",
                     "  joined \(result.shards) shard\(result.shards == 1 ? "" : "s"); every file checked against its shard's manifest",
                     "  columns: \(result.columns) feature\(result.columns == 1 ? "" : "s")"]
        lines += Summary.countLines(result.counts)
        print(lines.joined(separator: "\n"))
    }
}
