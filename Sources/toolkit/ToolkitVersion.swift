/// The toolkit's version, recorded in every manifest and report.
enum ToolkitVersion {
    static let string = "0.1.0"
}
