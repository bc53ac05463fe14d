import Datasets
import Foundation
import Recipe

/// Writes a `manifest.json` into `folder`, a dataset folder whose other files a test writes by
/// hand: a real ``Manifest`` (what `toolkit generate` writes, so it decodes like one) with the
/// given columns and rows per split, a `zigzag` recipe named `recipeName` with `blocks.size`
/// `blockSize` and the `evaluation:` mapping `evaluation` (YAML flow text, e.g.
/// `{cutoffs: [youden], series: {window: auto, values: power}}`), and no file checksums (so
/// nothing is verified).
public func writeManifest(to folder: String, columns: [ColumnSchema], rows: [String: Int] = [:], blockSize: Int = 0,
                          evaluation: String? = nil, recipeName: String = "hand-made", format: String = "csv") throws {
    var yaml = "version: 1\nname: \(recipeName)\ngenerator: {kind: zigzag}\nblocks: {size: \(blockSize)}\n"
    if let evaluation { yaml += "evaluation: \(evaluation)\n" }
    let recipe = try RecipeLoader.parse(yaml: yaml, source: "test manifest")
    var counts: [String: Manifest.SplitCounts] = [:]
    for (split, n) in rows {
        var c = Manifest.SplitCounts()
        c.rows = n
        counts[split] = c
    }
    let manifest = Manifest(recipeName: recipeName, recipe: recipe, seed: recipe.seed,
                            generator: .init(kind: "zigzag", version: 1, description: "hand-made test files"),
                            random: .init(algorithm: "xoshiro256**", streams: []), source: "file", format: format,
                            columns: columns, counts: counts, anomalyKinds: [:], files: [:])
    try manifest.jsonText().write(toFile: folder + "/manifest.json", atomically: false, encoding: .utf8)
}
