/// A problem with the user's input or output location: a bad file, a bad value, a path that
/// cannot be written (or, rarely, the toolkit's own fault). The command line prints
/// `description` on one line and exits with the exit code of the code's ``Category``
/// (2 for usage, data and output errors, 1 for internal ones).
///
/// Every error names where it happened as precisely as is known: the file, then the 1-based line
/// and column (column = field number for CSV), then what was expected.
public struct DataError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of problem it is: a stable machine-readable code (`bad_header`, `nan_score`,
    /// `duplicate_id`, ...) whose ``Code/category`` decides the exit code.
    public var code: Code
    /// The file the problem is in, if any.
    public var file: String?
    /// 1-based line number, if known.
    public var line: Int?
    /// 1-based column (field number), if known.
    public var column: Int?
    /// What is wrong and what was expected.
    public var message: String

    public init(_ code: Code, file: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, with the parts that are unknown left out.
    public var description: String {
        var location = ""
        if let file { location = file }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        if let column { location += ":\(column)" }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}

extension DataError {
    /// A field's text for a message: whole up to `limit` characters, else its start and its
    /// length, so that what the message says after it (what was expected) is not cut off.
    public static func excerpt(_ text: String, limit: Int = 60) -> String {
        text.count <= limit ? text : "\(text.prefix(limit))… (\(text.count) characters)"
    }
}
