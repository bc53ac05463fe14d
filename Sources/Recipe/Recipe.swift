import DataIO

/// A resolved recipe: every value present (defaults filled in), validated, ready to generate.
///
/// YAML layout (version 1):
///
///     version: 1
///     name: zigzag
///     description: One line shown by `toolkit recipes`.
///     seed: 1
///     generator:
///       kind: zigzag
///       ...generator parameters (see the generator's spec type)...
///     blocks:
///       size: 100        # rows per block within each split; 0 = no blocks
///     output:
///       encode: values   # values | onehot (categorical columns)
///       scale: none      # none | minmax | standard (numeric columns; statistics from train)
///     evaluation:        # the protocol `toolkit evaluate --dataset` applies by default
///       cutoffs: [youden, best-f1, top:contamination]
///       blocks: false    # block-level metrics over the block column
///       runs: 5
///       series: {window: auto, values: power}   # time-series metrics (default for series generators)
///
/// Read with ``RecipeLoader``; print with ``RecipeFormat``.
public struct Recipe: Sendable, Equatable, Encodable {
    /// The recipe format version this toolkit reads.
    public static let formatVersion = 1

    public var version: Int
    public var name: String
    public var description: String
    /// Master seed: every random stream is derived from it.
    public var seed: UInt64
    public var generator: GeneratorSpec
    public var blocks: BlockSpec
    public var output: OutputSpec
    /// The evaluation protocol (`evaluation:`).
    public var evaluation: EvaluationSpec = EvaluationSpec()

    public init(version: Int = Recipe.formatVersion, name: String, description: String, seed: UInt64,
                generator: GeneratorSpec, blocks: BlockSpec, output: OutputSpec = OutputSpec()) {
        self.version = version
        self.name = name
        self.description = description
        self.seed = seed
        self.generator = generator
        self.blocks = blocks
        self.output = output
    }

    /// Reads and validates a recipe tree. Absent keys take their defaults.
    init(_ root: RecipeNode, fallbackName: String) throws {
        let m = try root.mapping(allowed: ["version", "name", "description", "seed", "generator", "blocks", "output", "evaluation"])
        guard m.has("version") else {
            throw m.error("version", "is required (this toolkit reads version \(Recipe.formatVersion))")
        }
        version = try m["version"].int()
        guard version == Recipe.formatVersion else {
            throw m.error("version", "this toolkit reads recipe version \(Recipe.formatVersion), got \(version)")
        }
        name = try m.value("name", default: fallbackName) { try $0.string() }
        // The name is the default output folder (`./NAME`) and names cached datasets: a name,
        // never a path (`../x` or `/abs` would write outside the working directory).
        if let problem = Recipe.nameProblem(name) {
            throw m.error("name", "\(problem), got '\(name.unicodeScalars.prefix(60).map { $0.escaped(asASCII: true) }.joined())'; a recipe name is a name, not a path")
        }
        description = try m.value("description", default: "") { try $0.string() }
        seed = try m.value("seed", default: 1) { try $0.uint64() }
        guard m.has("generator") else { throw m.error("generator", "is required") }
        generator = try GeneratorSpec(m["generator"])
        blocks = try BlockSpec(m["blocks"])
        output = try OutputSpec(m["output"])
        evaluation = try EvaluationSpec(m["evaluation"], defaultSeries: generator.defaultSeriesEvaluation)
    }

    /// Why `name` cannot name a recipe, or `nil`: it must be 1 to 100 characters, without `/`,
    /// a leading `.`, or control characters.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.count > 100 { return "must be at most 100 characters" }
        if name.contains("/") { return "must not contain '/'" }
        if name.hasPrefix(".") { return "must not start with '.'" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "must not contain control characters" }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case version, name, description, seed, generator, blocks, output, evaluation }
}

/// How rows are grouped into blocks (the AMAD protocol): consecutive rows of a split, `size`
/// at a time; the last block of a split may be shorter. A block counts as anomalous when
/// strictly more than half of its rows are anomalies.
public struct BlockSpec: Sendable, Equatable, Encodable {
    /// Rows per block; 0 means the dataset has no blocks (the `block` column stays empty).
    public var size: Int

    public init(size: Int) { self.size = size }

    init(_ node: RecipeNode) throws {
        let m = try node.mapping(allowed: ["size"])
        size = try m.value("size", default: 0) { try $0.int(in: 0...1_000_000_000) }
    }
}

/// How features are written: categorical columns as integer ids (`values`) or one 0/1 column per
/// value (`onehot`, named `COLUMN=VALUE`); numeric columns as they are (`none`), or scaled to
/// [0, 1] (`minmax`) or to mean 0 and standard deviation 1 (`standard`) with statistics from the
/// training rows only (a constant column maps to 0).
public struct OutputSpec: Sendable, Equatable, Encodable {
    public enum Encoding: String, Sendable, Equatable, Encodable, CaseIterable { case values, onehot }
    public enum Scaling: String, Sendable, Equatable, Encodable, CaseIterable { case none, minmax, standard }

    public var encode: Encoding
    public var scale: Scaling

    public init(encode: Encoding = .values, scale: Scaling = .none) {
        self.encode = encode
        self.scale = scale
    }

    init(_ node: RecipeNode) throws {
        let m = try node.mapping(allowed: ["encode", "scale"])
        encode = try m.value("encode", default: .values) { try $0.string(oneOf: Encoding.self) }
        scale = try m.value("scale", default: .none) { try $0.string(oneOf: Scaling.self) }
    }
}
