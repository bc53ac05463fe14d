/// The runs an evaluation names, in order: each score column of each score file, or the two
/// groups of `--compare A B` (each a list of `FILE` or `FILE:COLUMN`); and which columns of which
/// file to read for them. A whole evaluation (``Evaluator/evaluate(_:)``) and a partial one
/// (``PartialEvaluation/make(_:)``) select the same runs in the same order through it.
struct RunSelection {
    /// The references in order, with their group: `a` or `b` when comparing, else nil.
    let references: [(reference: RunReference, group: String?)]
    /// The score files in order of first mention, each once.
    let files: [String]
    /// Per file, the score columns to read (empty: the default, `score` or every column).
    let columnsByFile: [String: [String]]

    init(_ options: EvaluationOptions) {
        if let compare = options.compare {
            references = compare.a.map { ($0, "a") } + compare.b.map { ($0, "b") }
        } else {
            references = options.scoreFiles.map { (RunReference(file: $0), nil) }
        }
        var files: [String] = []
        var columnsByFile: [String: [String]] = [:]
        for (reference, _) in references {
            if columnsByFile[reference.file] == nil { files.append(reference.file) }
            var columns = columnsByFile[reference.file] ?? []
            if let column = reference.column {
                if !columns.contains(column) { columns.append(column) }
            }
            columnsByFile[reference.file] = columns
        }
        // A file named without a column is read with the requested (or default) columns.
        for (reference, _) in references where reference.column == nil {
            columnsByFile[reference.file] = options.scoreColumns
        }
        self.files = files
        self.columnsByFile = columnsByFile
    }

    /// The selected runs in order, with their group: for each reference, those of its file's
    /// runs (`runsByFile`, one per column read) that it names.
    func select<Run>(_ runsByFile: [String: [Run]], column: (Run) -> String) -> [(run: Run, group: String?)] {
        var selected: [(run: Run, group: String?)] = []
        for (reference, group) in references {
            for run in runsByFile[reference.file] ?? [] where reference.column == nil || column(run) == reference.column {
                selected.append((run, group))
            }
        }
        return selected
    }
}
