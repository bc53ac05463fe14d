extension DataError {
    /// Every kind of ``DataError``, and its ``Category`` (which decides the exit code).
    ///
    /// The raw values are the stable codes users and scripts see (`toolkit evaluate` puts them
    /// at the head of its error messages); a new kind of error is a new case here with its
    /// category, nothing else. The string `bad_usage` was merged into `usage`.
    public enum Code: String, Sendable, CaseIterable, CustomStringConvertible {
        // MARK: Usage: the command line asks for something that cannot be done

        /// A bad argument or option value, or options that do not go together.
        case usage = "usage"
        /// A cut-off rule (`--cutoff`, a recipe's protocol) that does not parse or is out of range.
        case badCutoff = "bad_cutoff"
        /// A `--set key.path=value` that is malformed.
        case badOverride = "bad_override"
        /// `--score` names the join key or the label column.
        case badScoreColumn = "bad_score_column"
        /// A split (`--split`, a calibration file's `validation`) that the dataset or label file
        /// does not have.
        case missingSplit = "missing_split"
        /// `--score` names a column that is not in the score file.
        case unknownScoreColumn = "unknown_score_column"
        /// A sliding window below 0.
        case badWindow = "bad_window"
        /// A parameter outside its domain (a block size < 1, a confidence level outside (0, 1)).
        case invalidParameter = "invalid_parameter"
        /// An evaluation that partial evaluations (`--partial`, `--merge`) cannot compute exactly.
        case notMergeable = "not_mergeable"
        /// A task plan run by another toolkit build than the one that made it.
        case wrongBuild = "wrong_build"
        /// A machine-dependent task run with other OpenBLAS kernels or threads than planned.
        case wrongMachine = "wrong_machine"

        // MARK: Data: an input (file, folder, recipe, plan) is missing, unreadable or wrong

        /// A path that cannot be opened (missing, a folder, no permission).
        case cannotOpen = "cannot_open"
        /// A file whose reading failed after it was opened.
        case cannotRead = "cannot_read"
        /// A file that is empty, or has a header and no rows.
        case emptyFile = "empty_file"
        /// A compressed file or archive that is cut short or corrupt.
        case truncatedInput = "truncated_input"
        /// A gzip file whose data does not match its CRC-32 or length (as `gzip -t`).
        case corruptInput = "corrupt_input"
        /// A file named `.Z`/`.gz`/`.bz2`/`.xz` whose content is not that compression.
        case notCompressed = "not_compressed"
        /// A `.zip` or `.tar` that does not hold exactly one file.
        case badArchive = "bad_archive"
        /// A CSV file that libcsv cannot parse (a stray quote, ...).
        case badCSV = "bad_csv"
        /// A CSV field longer than the reader's limit.
        case fieldTooLong = "field_too_long"
        /// A header without the expected columns, or with a column twice.
        case badHeader = "bad_header"
        /// A row with the wrong number of fields, an empty id or an unreadable field.
        case badRow = "bad_row"
        /// A score that is not a number.
        case badScore = "bad_score"
        /// A NaN score.
        case nanScore = "nan_score"
        /// An infinite score.
        case infiniteScore = "inf_score"
        /// A label (or prediction) other than 0 or 1.
        case badLabel = "bad_label"
        /// An id with a label but no score.
        case missingScore = "missing_score"
        /// An id given twice.
        case duplicateID = "duplicate_id"
        /// A score for an id that has no label.
        case unknownID = "unknown_id"
        /// Labels of one class only, where a metric needs both.
        case singleClass = "single_class"
        /// No instances at all, where a metric needs some.
        case empty = "empty"
        /// Two arrays that should be paired have different lengths.
        case lengthMismatch = "length_mismatch"
        /// A NaN or infinite score reaching a metric.
        case nonFiniteScore = "non_finite_score"
        /// DeLong's variance with fewer than two anomalies or two normals.
        case delongTooFew = "delong_too_few"
        /// More rows than an exact computation supports.
        case tooManyRows = "too_many_rows"
        /// A dataset file whose size or SHA-256 differs from its `manifest.json`.
        case checksumMismatch = "checksum_mismatch"
        /// A dataset's `manifest.json` that cannot be used.
        case badManifest = "bad_manifest"
        /// A recipe with a bad key or value (named with its key path).
        case badRecipe = "bad_recipe"
        /// A `toolkit check` expectations file with a bad key or value.
        case badExpectations = "bad_expectations"
        /// A task plan that is not one `toolkit bench --plan` made, or was edited.
        case badPlan = "bad_plan"
        /// A source file for a generator (`--source`) with bad content.
        case badSource = "bad_source"
        /// A generator's source file or folder that is not there.
        case missingSource = "missing_source"
        /// A table's value outside its declared values.
        case badValue = "bad_value"
        /// A table's numeric field that is not a number.
        case badNumber = "bad_number"
        /// A table's class outside its declared classes.
        case badClass = "bad_class"
        /// A table with missing values where the recipe does not allow them.
        case missingValues = "missing_values"
        /// A split file (row lists, row order) that does not fit the table.
        case badSplitFile = "bad_split_file"
        /// A shard folder (`generate --shard`) that cannot be joined.
        case badShard = "bad_shard"
        /// A shard of `1/n ... n/n` that is not given.
        case missingShard = "missing_shard"
        /// A shard (or partial evaluation) given twice.
        case duplicateShard = "duplicate_shard"
        /// A file that a shard's manifest lists and that is not there.
        case missingFile = "missing_file"
        /// Shards whose ids or blocks are not global (increasing across the shards).
        case notGlobal = "not_global"
        /// A partial evaluation file that is not one `evaluate --partial` wrote.
        case badPartial = "bad_partial"
        /// Partial evaluations that do not belong together.
        case partialMismatch = "partial_mismatch"
        /// Partial evaluations that do not cover the labels exactly once.
        case coverage = "coverage"
        /// A step whose inputs are not there yet (a detector run before its dataset).
        case notReady = "not_ready"
        /// A detector run's result that is not there (or does not match its `.sha256`).
        case missingResult = "missing_result"
        /// Cases of `toolkit check` that could not run (each is reported above the summary).
        case checkError = "check_error"

        // MARK: Output: an output cannot be written

        /// A path that cannot be written (no folder, no permission, a full disk).
        case cannotWrite = "cannot_write"
        /// An output that exists and may not be replaced.
        case outputExists = "output_exists"
        /// An output the recipe asks for that cannot be made from its columns.
        case badOutput = "bad_output"

        // MARK: Internal: the toolkit's own fault

        /// A state the toolkit should never reach, or a library that failed where it should not.
        case `internal` = "internal"

        /// Which kind of problem this is, which decides the exit code.
        public var category: Category {
            switch self {
            case .usage, .badCutoff, .badOverride, .badScoreColumn, .unknownScoreColumn, .badWindow,
                 .missingSplit, .invalidParameter, .notMergeable, .wrongBuild, .wrongMachine:
                return .usage
            case .cannotOpen, .cannotRead, .emptyFile, .truncatedInput, .corruptInput, .notCompressed,
                 .badArchive, .badCSV, .fieldTooLong, .badHeader, .badRow, .badScore, .nanScore,
                 .infiniteScore, .badLabel, .missingScore, .duplicateID, .unknownID, .singleClass, .empty,
                 .lengthMismatch, .nonFiniteScore, .delongTooFew, .tooManyRows, .checksumMismatch,
                 .badManifest, .badRecipe, .badExpectations, .badPlan, .badSource, .missingSource,
                 .badValue, .badNumber, .badClass, .missingValues, .badSplitFile, .badShard,
                 .missingShard, .duplicateShard, .missingFile, .notGlobal, .badPartial,
                 .partialMismatch, .coverage, .notReady, .missingResult, .checkError:
                return .data
            case .cannotWrite, .outputExists, .badOutput:
                return .output
            case .internal:
                return .internal
            }
        }

        /// The stable string (`bad_header`), so that interpolating a code shows what users see.
        public var description: String { rawValue }
    }
}
