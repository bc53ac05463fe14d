import DataIO
import Yams

/// A YAML parse error as the toolkit's one-line errors put it: the file's line and column, then
/// "not valid YAML: PROBLEM (while CONTEXT at line L, column C)". Yams' own description spans
/// several lines (a snippet of the file and a caret), which one-line messages showed as `\n`.
public enum YAMLErrorText {
    /// The `DataError` for `error` in `file`, with `code`.
    public static func dataError(_ error: YamlError, code: DataError.Code, file: String) -> DataError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return DataError(code, file: file, line: mark.line, column: mark.column,
                             "not valid YAML: \(problem)\(describe(context))")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return DataError(code, file: file, line: context.mark.line, column: context.mark.column,
                             "not valid YAML: the key\(duplicates.count == 1 ? "" : "s") \(keys) appear\(duplicates.count == 1 ? "s" : "") twice in one mapping")
        default:
            let text = String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            return DataError(code, file: file, "not valid YAML: \(text)")
        }
    }

    private static func describe(_ context: YamlError.Context?) -> String {
        guard let context, !context.text.isEmpty else { return "" }
        return " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
    }
}
