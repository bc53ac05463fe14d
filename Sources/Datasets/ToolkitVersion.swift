/// The toolkit's version, recorded in every manifest and report and printed by
/// `toolkit --version`.
public enum ToolkitVersion {
    public static let string = "0.1.0"
}
