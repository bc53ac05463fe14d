/// The largest count the toolkit's JSON files (manifests, partial evaluations) may hold:
/// 2⁵³ − 1, the largest integer every JSON reader keeps exactly (as a binary64). Counts are
/// checked against it when read, so that sums of them cannot overflow on an edited file.
public enum ExactJSONInteger {
    public static let largest = (1 << 53) - 1
}
