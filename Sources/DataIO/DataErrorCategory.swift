extension DataError {
    /// The kinds of problem a ``DataError`` can be, and the one place where each becomes the
    /// command line's exit code: 0 success; 1 an internal error (or a failed check, which is
    /// not an error); 2 a usage, data or output error.
    public enum Category: String, Sendable, CaseIterable {
        /// The command line asks for something that cannot be done.
        case usage
        /// An input (file, folder, recipe, plan) is missing, unreadable or wrong.
        case data
        /// An output cannot be written, or exists and may not be replaced.
        case output
        /// The toolkit's own fault: a state it should never reach.
        case `internal`

        /// The process exit code for an error of this category.
        public var exitCode: Int32 {
            switch self {
            case .usage, .data, .output: return 2
            case .internal: return 1
            }
        }
    }
}
