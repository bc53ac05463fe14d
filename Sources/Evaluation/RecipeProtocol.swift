import Datasets
import Recipe

/// A recipe's evaluation protocol (its `evaluation:` section, ``EvaluationSpec``): the cut-offs,
/// whether blocks are scored, and whether the split is a time series. `toolkit evaluate
/// --dataset`, `toolkit bench` and `toolkit check` all turn it into ``EvaluationOptions`` with
/// ``EvaluationOptions/apply(_:overrides:)``, each fixing what it decides itself in
/// ``Overrides``.
public struct RecipeProtocol: Sendable, Equatable {
    /// The recipe's name (for the note of what was applied).
    public var recipe: String
    public var spec: EvaluationSpec

    public init(recipe: String, spec: EvaluationSpec) {
        self.recipe = recipe
        self.spec = spec
    }

    /// The protocol the manifest of the dataset at `folder` records (its resolved recipe's
    /// `evaluation:`), or nil when it has no manifest (or one that does not read: reading the
    /// folder's labels reports that).
    /// A series' values column that the dataset does not have (a TSB-AD file with several value
    /// columns keeps their names, where the recipe names the single column `value`) becomes the
    /// dataset's first numeric column, as documented, rather than no column (W = 100).
    public static func declared(in folder: String) -> RecipeProtocol? {
        guard let manifest = (try? DatasetFolder(folder))?.manifest else { return nil }
        var spec = manifest.recipe.evaluation
        if let values = spec.series?.values, !manifest.columns.contains(where: { $0.name == values }),
           let first = manifest.columns.first(where: { $0.type == .numeric }) {
            spec.series?.values = first.name
        }
        return RecipeProtocol(recipe: manifest.recipeName, spec: spec)
    }

    /// What the caller fixes; each nil (or false) leaves the choice to the protocol.
    public struct Overrides: Sendable, Equatable {
        /// The cut-offs (`--cutoff`); nil: the protocol's (or the defaults without one).
        public var cutoffs: [CutoffSpec]?
        /// The blocks (`--block-size`); nil: the label column's when the protocol scores blocks.
        public var blocks: BlockSpec?
        /// `--series` (true) or `--no-series` (false); nil: as the protocol says.
        public var series: Bool?
        /// The evaluation needs a series even where the protocol declares none (`--compat`,
        /// several datasets); the protocol's series settings still apply when it declares one.
        public var seriesNeeded: Bool
        /// The VUS / range-AUC window (`--window`); nil: the protocol's.
        public var window: SeriesOptions.WindowChoice?
        /// Window-level evaluation (`--windows`): neither the protocol's blocks nor its series apply.
        public var windowLabels: Bool

        public init(cutoffs: [CutoffSpec]? = nil, blocks: BlockSpec? = nil, series: Bool? = nil, seriesNeeded: Bool = false,
                    window: SeriesOptions.WindowChoice? = nil, windowLabels: Bool = false) {
            self.cutoffs = cutoffs
            self.blocks = blocks
            self.series = series
            self.seriesNeeded = seriesNeeded
            self.window = window
            self.windowLabels = windowLabels
        }
    }
}

extension EvaluationOptions {
    /// Sets the cut-offs, blocks and series: as `overrides` fixes them, else as the recipe's
    /// protocol says (nothing from it when `recipeProtocol` is nil). Returns the note of what
    /// the protocol filled in, as the command-line options that would do the same
    /// (`recipe zigzag's protocol: --cutoff youden --block-size dataset`), or nil when it
    /// filled in nothing.
    @discardableResult
    public mutating func apply(_ recipeProtocol: RecipeProtocol?, overrides: RecipeProtocol.Overrides) throws -> String? {
        let spec = recipeProtocol?.spec
        var applied: [String] = []
        if let cutoffs = overrides.cutoffs {
            self.cutoffs = cutoffs
        } else if let spec {
            cutoffs = try spec.cutoffs.map { try CutoffSpec(parsing: $0) }
            applied.append(spec.cutoffs.map { "--cutoff \($0)" }.joined(separator: " "))
        }
        if let blocks = overrides.blocks {
            self.blocks = blocks
        } else if spec?.blocks == true && !overrides.windowLabels {
            blocks = .labelColumn
            applied.append("--block-size dataset")
        }
        if overrides.series == nil, !overrides.windowLabels, let declared = spec?.series {
            var s = SeriesOptions()
            s.valuesColumn = declared.values
            if let w = declared.window { s.window = .fixed(w) }
            series = s
            applied.append("--series" + (overrides.window == nil ? " --window \(declared.window.map(String.init) ?? "auto")" : ""))
        }
        if overrides.series == true || overrides.seriesNeeded, series == nil {
            series = SeriesOptions()
            series?.valuesColumn = spec?.series?.values
        }
        if let window = overrides.window, series != nil { series?.window = window }
        guard let recipeProtocol, !applied.isEmpty else { return nil }
        return "recipe \(recipeProtocol.recipe)'s protocol: \(applied.joined(separator: " "))"
    }
}
